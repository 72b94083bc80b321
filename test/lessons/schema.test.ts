// The front matter's validation: every kind of error, with its exact message and its place in the
// file (line and column of the value, or of the key when the key is the problem), all at once.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseLesson } from "../../src/lessons/lesson";
import { BODY, lessonText, located, MINIMAL_FRONT, parsed } from "./support";

/** MINIMAL_FRONT with one line replaced (the text before the colon identifies it). */
function withLine(key: string, line: string): string {
  return MINIMAL_FRONT.replace(new RegExp(`^${key}:.*$`, "m"), line);
}

describe("a valid lesson", () => {
  it("parses, with its goals, steps and the positions of both", () => {
    const lesson = parsed(lessonText(MINIMAL_FRONT));
    expect(lesson.id).toBe("demo");
    expect(lesson.goals).toEqual([{ text: "List the processes.", check: { console: "CYCLES" } }]);
    expect(lesson.solution).toEqual([{ shell: "ps" }]);
    expect(lesson.positions.goals).toEqual([{ line: 8, col: 5 }]);
    expect(lesson.positions.solution).toEqual([{ line: 11, col: 5 }]);
  });
});

describe("the frame of the file", () => {
  it("needs front matter first", () => {
    expect(located("# A lesson\n")).toEqual([
      "1:1: a lesson starts with YAML front matter: a line ---, the fields, then another ---",
    ]);
  });

  it("needs the front matter closed", () => {
    expect(located("---\nid: x\n")).toEqual(["1:1: the front matter is not closed: add a line --- after it"]);
  });
});

describe("YAML errors", () => {
  it("reports a syntax error at its place, in the file's lines", () => {
    const text = lessonText(`${MINIMAL_FRONT}\nhints: [unclosed`);
    expect(located(text)).toEqual(["12:8: YAML: this [ is not closed: end the list with ]"]);
  });

  it("points at an unclosed { on its own line, and says only that, not the parser's follow-on errors", () => {
    const text = lessonText(
      MINIMAL_FRONT.replace(
        "    check: { console: CYCLES }",
        "    check: { console: CYCLES\n  - text: Two.\n    check: { console: x }",
      ),
    );
    expect(located(text)).toEqual(["9:12: YAML: this { is not closed: end the mapping with }"]);
  });

  it("does not blame a { in plain text for an error that has nothing to do with it", () => {
    const text = lessonText(`${MINIMAL_FRONT}\nhints:\n  - type {x to start\nid: again`);
    expect(located(text)).toEqual(["14:1: YAML: map keys must be unique"]);
  });

  it("reports the first syntax error only", () => {
    const text = lessonText(`${MINIMAL_FRONT}\nhints:\n  - a\n - b\n   c: : d`);
    expect(located(text)).toHaveLength(1);
  });

  it("reports a duplicate key", () => {
    expect(located(lessonText(`${MINIMAL_FRONT}\nid: again`))).toEqual([
      "12:1: YAML: map keys must be unique",
    ]);
  });
});

describe("schema errors", () => {
  it("a value of the wrong type: the path, expected and got, at the value", () => {
    const front = MINIMAL_FRONT.replace(
      "    check: { console: CYCLES }",
      "    check: { console: CYCLES }\n  - text: b\n    check: { console: x }\n  - text: c\n    check: { restarted: three, driver: sensor.sys }",
    );
    expect(located(lessonText(front))).toEqual([
      `13:25: goals[2].check.restarted: expected a number, got "three"`,
    ]);
  });

  it("a missing required field, at the mapping that lacks it", () => {
    expect(located(lessonText(MINIMAL_FRONT.replace("title: Demo\n", "")))).toEqual([
      "2:1: title: missing: expected text",
    ]);
  });

  it("an unknown key, at the key, with the key it is probably a typo of", () => {
    expect(located(lessonText(withLine("minutes", "minutes: 10\nsumary: typo")))).toEqual([
      "7:1: sumary: unknown key (did you mean summary?)",
    ]);
  });

  it("an unknown key inside a check suggests a check key", () => {
    const front = MINIMAL_FRONT.replace("{ console: CYCLES }", "{ bugcheck: true, modul: sensor.sys }");
    expect(located(lessonText(front))).toEqual([
      "9:30: goals[0].check.modul: unknown key (did you mean module?)",
    ]);
  });

  it("a value outside a list of choices, with the nearest one", () => {
    expect(located(lessonText(withLine("level", "level: beginer")))).toEqual([
      `5:8: level: expected one of beginner, intermediate, advanced, got "beginer" (did you mean beginner?)`,
    ]);
  });

  it("a misspelt stop code", () => {
    const front = MINIMAL_FRONT.replace("{ console: CYCLES }", "{ bugcheck: PAGE_FAULT_IN_NON_PAGED_AREA }");
    const [error] = located(lessonText(front));
    expect(error).toMatch(
      /^9:24: goals\[0\]\.check\.bugcheck: expected true or a stop code \(BAD_POOL_HEADER, /,
    );
    expect(error).toMatch(
      /got "PAGE_FAULT_IN_NON_PAGED_AREA" \(did you mean PAGE_FAULT_IN_NONPAGED_AREA\?\)$/,
    );
  });

  it("a whole number where a fraction was given, and a number out of range", () => {
    expect(located(lessonText(withLine("minutes", "minutes: 12.5")))).toEqual([
      "6:10: minutes: expected a whole number, got 12.5",
    ]);
    expect(located(lessonText(withLine("minutes", "minutes: 0")))).toEqual([
      "6:10: minutes: expected a number >= 1, got 0",
    ]);
  });

  it("an empty list where one item at least is needed", () => {
    expect(located(lessonText(MINIMAL_FRONT.replace("solution:\n  - shell: ps", "solution: []")))).toEqual([
      "10:11: solution: expected at least 1 item",
    ]);
  });

  it("an id that is not lower-case words and dashes", () => {
    expect(located(lessonText(withLine("id", "id: My Lesson")))).toEqual([
      `2:5: id: expected an id of lower-case letters, digits and dashes, such as channel-file-291, got "My Lesson"`,
    ]);
  });
});

describe("checks", () => {
  const check = (yaml: string) => located(lessonText(MINIMAL_FRONT.replace("{ console: CYCLES }", yaml)));

  it("need exactly one kind", () => {
    expect(check("{ driver: sensor.sys }")).toEqual([
      "9:12: goals[0].check: a check needs one kind: bugcheck, noBugcheck, alive, loaded, crashed, restarted, gaveUp, faulted, requestTerminated, handled, restarts, driverState, verifierAccepted, verifierRejected, pausedAt, fileExists, fileContains, fileAbsent, console, safeMode, cleanBoots, cyclesElapsed, fleet, all, any, not, sequence",
    ]);
    expect(check("{ alive: bank, noBugcheck: true }")).toEqual([
      "9:14: goals[0].check.alive: a check has one kind, this one has 2 (noBugcheck, alive); combine checks with all: [...]",
    ]);
  });

  it("take only their own qualifiers, and need the required ones", () => {
    expect(check("{ alive: bank, mode: kernel }")).toEqual([
      "9:27: goals[0].check.mode: alive does not take mode; it takes no other keys",
    ]);
    expect(check("{ crashed: 2 }")).toEqual([
      "9:12: goals[0].check: crashed needs driver: the driver's name as lsmod shows it (sensor.sys)",
    ]);
  });

  it("must be mappings", () => {
    expect(check("alive bank")).toEqual([
      `9:12: goals[0].check: expected a check, a mapping such as { alive: bank }, got "alive bank"`,
    ]);
  });

  it("are validated inside all, any, not and sequence, with the full path", () => {
    expect(check("{ all: [ { alive: bank }, { sequence: [ { fileExists: etc/x } ] } ] }")).toEqual([
      `9:66: goals[0].check.all[1].sequence[0].fileExists: expected an absolute path starting with /, got "etc/x"`,
    ]);
    expect(check("{ not: { cyclesElapsed: -1 } }")).toEqual([
      "9:36: goals[0].check.not.cyclesElapsed: expected a number >= 1, got -1",
    ]);
  });
});

describe("steps and the machine", () => {
  it("a step does one thing", () => {
    expect(
      located(lessonText(MINIMAL_FRONT.replace("  - shell: ps", "  - shell: ps\n    wait: 10"))),
    ).toEqual([
      "12:5: solution[0].wait: a step does one thing, this one has shell and wait; make them two steps",
    ]);
  });

  it("a reboot is normal or safe", () => {
    expect(located(lessonText(MINIMAL_FRONT.replace("  - shell: ps", "  - reboot: later")))).toEqual([
      `11:13: solution[0].reboot: expected one of normal, safe, got "later"`,
    ]);
  });

  it("file paths are absolute: the error is at the key", () => {
    const front = `${MINIMAL_FRONT}\nmachine:\n  files:\n    drivers/x.c: "int main(void) { return 0; }"`;
    expect(located(lessonText(front))).toEqual([
      `14:5: machine.files["drivers/x.c"]: a file path must be absolute, such as /drivers/sensor.c`,
    ]);
  });

  it("an event needs a time, and with repeatEvents, a time inside the period", () => {
    const front = `${MINIMAL_FRONT}\nmachine:\n  repeatEvents: 1\n  events:\n    - { kind: pipe_open }\n    - { t: 1.5, kind: pipe_opn }`;
    expect(located(lessonText(front))).toEqual([
      "15:7: machine.events[0]: an event needs a time: t (seconds) or at (cycles), not both",
      "16:7: machine.events[1]: with repeatEvents: 1, every event must come before 1 s (this one is at 1.5 s)",
      `16:23: machine.events[1].kind: expected an event kind (process_start, pipe_open, file_write, net_connect, module_load, registry_set) or a number, got "pipe_opn"`,
    ]);
  });

  it("memory is in KiB, a whole number of pages", () => {
    expect(located(lessonText(`${MINIMAL_FRONT}\nmachine:\n  memory: 1026`))).toEqual([
      "13:11: machine.memory: expected a multiple of 4 KiB (one page)",
    ]);
  });
});

describe("all errors at once", () => {
  it("reports every problem of the front matter and of the body, in file order", () => {
    const front = MINIMAL_FRONT.replace("level: beginner", "level: expert").replace(
      "minutes: 10",
      "minutes: ten",
    );
    const errors = located(lessonText(front, "Intro only.\n"));
    expect(errors).toEqual([
      `5:8: level: expected one of beginner, intermediate, advanced, got "expert"`,
      `6:10: minutes: expected a number, got "ten"`,
      '13:1: the body needs a "## What you will see" section',
      "13:1: the body needs at least one step: a ## section",
      '13:1: the body needs a "## What happened in the real world" section',
    ]);
  });

  // parseLesson turns any exception of its own into an "internal error" diagnostic, so "does not throw"
  // cannot fail; what can is that every answer is a real, located diagnostic and never that one.
  it("answers any text with located errors of its own, never an internal error", () => {
    const cases: [string, string][] = [
      ["", "1:1: a lesson starts with YAML front matter: a line ---, the fields, then another ---"],
      ["---", "1:1: the front matter is not closed: add a line --- after it"],
      ["---\n---\n", "2:1: id: missing: expected text"],
      ["---\n: :\n---\n", "2:3: YAML: nested mappings are not allowed in compact mappings"],
      ["---\n- a\n---\n", "2:1: expected a mapping (key: value lines), got a list"],
      [`---\nid: [\n---\n${BODY}`, "2:5: YAML: this [ is not closed: end the list with ]"],
    ];
    for (const [text, first] of cases) {
      const result = parseLesson("x.md", text);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      const lines = Math.max(1, text.split("\n").length);
      for (const e of result.errors) {
        expect(e.message).not.toMatch(/internal error/);
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.line).toBeLessThanOrEqual(lines);
      }
      expect(located(text)[0].startsWith(first)).toBe(true);
    }
  });

  it("answers random front matter without an internal error (fast-check)", () => {
    const piece = fc.constantFrom(
      "id: demo",
      "id: [",
      "title: Demo",
      "goals:",
      "  - text: x",
      "    check: { console: CYCLES }",
      "    check: { all: [ { not: {} } ] }",
      "solution: []",
      "machine:",
      "  events: [ { t: 1, kind: __proto__ } ]",
      "  files: { /a: 1 }",
      "? : -",
      "- - -",
      ": :",
      "!!binary ===",
      "\t",
      "'",
      '"\\u',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }),
        fc.string({ maxLength: 20 }).filter((noise) => !noise.includes("*")),
        (lines, noise) => {
          const result = parseLesson("x.md", `---\n${lines.join("\n")}\n${noise}\n---\n${BODY}`);
          const internal = result.ok ? [] : result.errors.filter((e) => /internal error/.test(e.message));
          expect(internal).toEqual([]);
        },
      ),
      { numRuns: Number(process.env.RINGLAB_SCHEMA_RUNS ?? 300) },
    );
  });

  // Found by the property above (which leaves out "*" for this reason): YAML aliases that cannot be
  // resolved (or that expand too far, the billion-laughs case) made toJS throw, which parseLesson
  // reported as an internal error at 1:1.
  it("answers an unresolved YAML alias with a located error", () => {
    for (const line of ["a: *b", "<<: *b", "&a [*a]"]) {
      const result = parseLesson("x.md", `---\n${line}\n---\n${BODY}`);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.filter((e) => /internal error/.test(e.message))).toEqual([]);
    }
  });
});
