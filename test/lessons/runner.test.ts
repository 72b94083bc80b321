// The headless runner: a lesson passes only if no goal is met at the start, its solution runs, and
// every goal is then met in order; each failure is reported at the place in the file it concerns.
import { describe, expect, it } from "vitest";
import { formatLessonError } from "../../src/lessons/lesson";
import { checkLessonText, summaryLine } from "../../src/lessons/runner";
import { LessonSession } from "../../src/lessons/session";
import { lessonText, MINIMAL_FRONT, parsed } from "./support";

function check(front: string) {
  const result = checkLessonText("demo.md", lessonText(front));
  return { ...result, lines: result.errors.map(formatLessonError) };
}

describe("lesson check", () => {
  it("passes a lesson whose solution meets every goal", () => {
    const result = check(MINIMAL_FRONT);
    expect(result.lines).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.goalsMet).toBe(1);
    expect(summaryLine(result)).toMatch(/^ok {4}demo\.md {2}Demo: 1 goals met in 0\.0 s of machine time$/);
  });

  it("fails a lesson with a goal already met before the learner does anything", () => {
    const result = check(MINIMAL_FRONT.replace("{ console: CYCLES }", "{ fileExists: /bin/bank.c }"));
    expect(result.ok).toBe(false);
    expect(result.lines).toEqual([
      "demo.md:8:5: goals[0] is already met before the learner does anything (fileExists /bin/bank.c)",
    ]);
  });

  it("fails a lesson whose solution does not reach a goal, and says where the machine is", () => {
    const front = MINIMAL_FRONT.replace("{ console: CYCLES }", "{ bugcheck: BAD_POOL_HEADER }");
    expect(check(front).lines).toEqual([
      'demo.md:8:5: goals[0] "List the processes." is not met after the solution (bugcheck BAD_POOL_HEADER)',
    ]);
    const crashing = `${front.replace("  - shell: ps", "  - shell: insmod /drivers/null-driver.c --mode kernel\n  - wait: 3000000")}`;
    expect(check(crashing).lines[0]).toMatch(
      /is not met after the solution .*; the machine is on a bluescreen \(PAGE_FAULT_IN_NONPAGED_AREA\)$/,
    );
  });

  it("checks goals in order: a later goal's event must come after the goal before it", () => {
    const front = MINIMAL_FRONT.replace(
      "    check: { console: CYCLES }",
      "    check: { fileExists: /tmp/a }\n  - text: Say hello.\n    check: { console: hello }",
    ).replace("  - shell: ps", "  - shell: echo hello\n  - write: { file: /tmp/a, text: a }");
    expect(check(front).lines).toEqual([
      'demo.md:10:5: goals[1] "Say hello." is not met after the solution (console hello)',
    ]);
  });

  it("reports a solution step that cannot be done, at the step", () => {
    const edit = MINIMAL_FRONT.replace(
      "  - shell: ps",
      "  - edit: { file: /bin/bank.c, find: nothing like this, replace: x }\n  - shell: ps",
    );
    expect(check(edit).lines).toEqual([
      'demo.md:11:5: solution[0]: cannot edit /bin/bank.c: it does not contain "nothing like this"',
    ]);
    const typing = MINIMAL_FRONT.replace(
      "  - shell: ps",
      "  - shell: insmod /drivers/null-driver.c --mode kernel\n  - wait: 3000000\n  - shell: ps",
    );
    expect(check(typing).lines).toEqual([
      'demo.md:13:5: solution[2]: cannot type "ps": the machine is on a bluescreen; reboot it first',
    ]);
  });

  it("reports a setup step that fails, at the step", () => {
    const front = `${MINIMAL_FRONT}\nmachine:\n  setup:\n    - edit: { file: /nope, find: a, replace: b }`;
    expect(check(front).lines).toEqual(["demo.md:14:7: machine.setup[0]: cannot edit /nope: no such file"]);
  });

  it("reports the validation errors of an invalid lesson instead of running it", () => {
    const result = check(MINIMAL_FRONT.replace("level: beginner", "level: expert"));
    expect(result.lines).toEqual([
      'demo.md:5:8: level: expected one of beginner, intermediate, advanced, got "expert"',
    ]);
    expect(summaryLine(result)).toBe(
      'FAIL  demo.md:5:8: level: expected one of beginner, intermediate, advanced, got "expert"',
    );
  });
});

describe("a check that explains", () => {
  const driverBody = (source: string) => `Intro.

## What you will see

Something.

## Load it

\`\`\`c file=/drivers/d.c
${source}\`\`\`

## What happened in the real world

Sources.
`;
  const LOAD_FRONT = MINIMAL_FRONT.replace(
    "    check: { console: CYCLES }",
    "    check: { all: [ { loaded: d.sys }, { console: CYCLES } ] }",
  ).replace("  - shell: ps", "  - shell: insmod /drivers/d.c --mode user\n  - shell: ps");

  it("names the part of an all that is not met", () => {
    const front = MINIMAL_FRONT.replace(
      "{ console: CYCLES }",
      "{ all: [ { console: CYCLES }, { alive: nosuch }, { cyclesElapsed: 1 } ] }",
    );
    expect(check(front).lines).toEqual([
      'demo.md:8:5: goals[0] "List the processes." is not met after the solution (all(console CYCLES, alive nosuch, cyclesElapsed 1)); not met: alive nosuch',
    ]);
  });

  it("reports a C compile error of a code block at its line in the lesson file, and the failed insmod", () => {
    const source = "int main(void) {\n  return nosuch;\n}\n";
    const result = checkLessonText("demo.md", lessonText(LOAD_FRONT, driverBody(source)));
    const lines = result.errors.map(formatLessonError);
    // The fence is line 22 of the lesson file, so the block's line 2 is line 24.
    expect(lines[0]).toMatch(
      /^demo\.md:11:5: solution\[0\]: "insmod \/drivers\/d\.c --mode user" failed: insmod: \/drivers\/d\.c:2:10: error: /,
    );
    expect(lines[1]).toMatch(
      /^demo\.md:24:10: \/drivers\/d\.c:2:10: .*nosuch.* \(in the code block of \/drivers\/d\.c\)$/,
    );
    expect(result.ok).toBe(false);
  });

  it("shows the message of a solution command that fails, and fails the lesson", () => {
    const front = MINIMAL_FRONT.replace("  - shell: ps", "  - shell: rmmod nosuch.sys\n  - shell: ps");
    expect(check(front).lines).toEqual([
      'demo.md:11:5: solution[0]: "rmmod nosuch.sys" failed: rmmod: nosuch.sys: no such driver loaded',
    ]);
  });

  it("takes the verifier's refusal as an answer a lesson may ask for, not a failed command", () => {
    const source =
      "int table[20];\nint on_event(const struct event *ev) {\n  return table[ev->kind & 31];\n}\n";
    const front = MINIMAL_FRONT.replace(
      "    check: { console: CYCLES }",
      "    check: { verifierRejected: d.sys }",
    ).replace("  - shell: ps", "  - shell: insmod /drivers/d.c --mode verified");
    const result = checkLessonText("demo.md", lessonText(front, driverBody(source)));
    expect(result.errors.map(formatLessonError)).toEqual([]);
    expect(result.goalsMet).toBe(1);
    // Any other failure of the same insmod still fails the lesson.
    const broken = checkLessonText(
      "demo.md",
      lessonText(front, driverBody("int on_event(void) { return x; }\n")),
    );
    expect(broken.errors.map(formatLessonError)[0]).toMatch(
      /solution\[0\]: "insmod \/drivers\/d\.c --mode verified" failed: /,
    );
  });

  it("traces the run: each step, what the console printed, the goals met", () => {
    const lines: string[] = [];
    const result = checkLessonText("demo.md", lessonText(MINIMAL_FRONT), (l) => lines.push(l));
    expect(result.ok).toBe(true);
    expect(lines).toContain("solution[0]: shell: ps");
    expect(lines).toContain("  goals[0] met: List the processes.");
    expect(lines.some((l) => /^ {2}\| +PID +RING +STATE +CYCLES +NAME$/.test(l))).toBe(true);
    expect(lines).toContain("  goals[0] met: List the processes.");
    // The active goal's checks with their values, before the step that meets it.
    const step = lines.indexOf("solution[0]: shell: ps");
    expect(lines.slice(step - 2, step)).toEqual(["  goals[0] active:", "    ✗ console CYCLES"]);
  });

  it("traces each part of a goal that is not met, with its value", () => {
    const lines: string[] = [];
    const front = MINIMAL_FRONT.replace(
      "{ console: CYCLES }",
      "{ all: [ { console: CYCLES }, { alive: nosuch } ] }",
    );
    checkLessonText("demo.md", lessonText(front), (l) => lines.push(l));
    expect(lines.slice(-4)).toEqual([
      "  goals[0] active: List the processes.",
      "    ✗ all",
      "      ✓ console CYCLES",
      "      ✗ alive nosuch",
    ]);
  });
});

describe("the lesson's machine", () => {
  it("is set up from the lesson: files, content, boot drivers, services, repeated events, setup steps", () => {
    const front = `${MINIMAL_FRONT}
machine:
  seed: 7
  memory: 512
  services: [bank]
  files: { /etc/motd: "hello" }
  content: { /sensor/rules.dat: "rule" }
  bootDrivers: [ { path: /drivers/sensor.c, mode: user } ]
  repeatEvents: 1
  events: [ { t: 0.5, kind: pipe_open, pid: 9, name: x } ]
  setup:
    - wait: 2600000`;
    const started = LessonSession.start(parsed(lessonText(front)));
    if (!started.ok) throw new Error(started.message);
    const { kernel } = started.session;
    expect(kernel.machine.memory.size).toBe(512 * 1024);
    expect(kernel.machine.devices.disk.readText("/etc/motd")).toBe("hello");
    expect(kernel.machine.devices.disk.readText("/sensor/rules.dat")).toBe("rule");
    expect(kernel.machine.devices.disk.readText("/boot/drivers.conf")).toContain("/drivers/sensor.c user\n");
    expect([...kernel.processes.values()].map((p) => p.name).sort()).toEqual(["bank", "sensor.sys"]);
    // The event list plays again every second: by 2.6 s the sensor has had three pipe events.
    expect(kernel.drivers.get("sensor.sys")?.eventsDelivered).toBe(3);
    expect(started.session.tracker.start.time).toBeGreaterThanOrEqual(2_600_000);
    started.session.dispose();
  });
});
