// The course: `ringlab lesson check` over every file in lessons/, as `npm test` runs it. Each lesson
// is its own test, so the summary counts them; a lesson that cannot be solved, or is solved from the
// start, fails here.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lessonFiles } from "../../src/cli/lesson";
import { runCli } from "../../src/cli/main";
import { courseErrors, linkLessons, orderLessons } from "../../src/lessons/course";
import { formatLessonError, parseLesson } from "../../src/lessons/lesson";
import { BODY, lessonText, MINIMAL_FRONT, parsed } from "./support";

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

const files = lessonFiles();

describe("lesson check over lessons/", () => {
  let run: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    run = await cli(["lesson", "check"]);
  }, 120_000);

  it("finds the course: fifteen lessons, in order, the verified-mode lesson after checked mode", () => {
    expect(files.map((f) => basename(f))).toEqual([
      "01-rings.md",
      "02-first-driver-kernel-mode.md",
      "03-same-driver-user-mode.md",
      "04-channel-file-291.md",
      "04b-rewind-to-the-bad-read.md",
      "05-boot-loop.md",
      "06-crash-far-from-its-bug.md",
      "07-checked-mode.md",
      "07b-the-verifier-says-no.md",
      "08-price-of-isolation.md",
      "09-restart-policy.md",
      "10-content-where-it-runs.md",
      "11-canaries.md",
      "12-fail-open.md",
      "13-least-privilege.md",
    ]);
    const lessons = files.map((f) => {
      const parsed = parseLesson(f, readFileSync(f, "utf8"));
      if (!parsed.ok) throw new Error(parsed.errors[0].message);
      return parsed.lesson;
    });
    const ordered = orderLessons(lessons);
    expect(ordered.map((l) => l.order)).toEqual([
      10, 20, 30, 40, 45, 50, 60, 70, 75, 80, 90, 100, 110, 120, 130,
    ]);
    expect(ordered.map((l) => l.id).slice(7, 10)).toEqual([
      "checked-mode",
      "the-verifier-says-no",
      "price-of-isolation",
    ]);
    for (const lesson of lessons) {
      expect(lesson.minutes).toBeGreaterThanOrEqual(10);
      expect(lesson.minutes).toBeLessThanOrEqual(25);
    }
  });

  for (const file of files) {
    it(`passes ${basename(file)}`, () => {
      const line = run.out.find((l) => l.includes(basename(file)));
      expect(line, run.err.join("\n")).toMatch(/^ok {4}/);
    });
  }

  it("prints one line per lesson and a total, and exits 0", () => {
    expect(run.out).toHaveLength(files.length + 1);
    expect(run.out.at(-1)).toBe(`${files.length} of ${files.length} lessons passed`);
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
  });
});

describe("lesson check on given files", () => {
  it("exits 1 when a lesson fails, with its errors on stderr", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ringlab-lessons-"));
    const good = join(dir, "good.md");
    const bad = join(dir, "bad.md");
    writeFileSync(good, lessonText(MINIMAL_FRONT));
    writeFileSync(bad, lessonText(MINIMAL_FRONT.replace("minutes: 10", "minutes: ten\nlevle: x")));
    const { code, out, err } = await cli(["lesson", "check", good, bad]);
    expect(code).toBe(1);
    expect(out[0]).toMatch(/^ok {4}.*good\.md {2}Demo: 1 goals met/);
    expect(out[1]).toMatch(/^FAIL {2}.*bad\.md:6:10: minutes: expected a number, got "ten" \(and 1 more\)$/);
    expect(out[2]).toBe("1 of 2 lessons passed");
    expect(err).toEqual([
      expect.stringMatching(/^ {2}.*bad\.md:6:10: minutes: expected a number, got "ten"$/),
      expect.stringMatching(/^ {2}.*bad\.md:7:1: levle: unknown key \(did you mean level\?\)$/),
    ]);
  });

  it("refuses two lessons with the same id", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ringlab-lessons-"));
    const a = join(dir, "a.md");
    const b = join(dir, "b.md");
    writeFileSync(a, lessonText(MINIMAL_FRONT));
    writeFileSync(b, lessonText(MINIMAL_FRONT));
    const { code, out, err } = await cli(["lesson", "check", a, b]);
    expect(code).toBe(1);
    // Said once, by the lesson it is found in: its line says FAIL and the total counts it.
    expect(out).toEqual([
      expect.stringMatching(/^ok {4}.*a\.md {2}Demo/),
      expect.stringMatching(
        /^FAIL {2}.*b\.md:2:5: id: "demo" is also the id of .*a\.md; ids must be unique$/,
      ),
      "1 of 2 lessons passed",
    ]);
    expect(err).toEqual([
      expect.stringMatching(/^ {2}.*b\.md:2:5: id: "demo" is also the id of .*a\.md; ids must be unique$/),
    ]);
  });

  it("--trace prints the run on stderr; -v is no file name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ringlab-lessons-"));
    const good = join(dir, "good.md");
    writeFileSync(good, lessonText(MINIMAL_FRONT));
    const traced = await cli(["lesson", "check", "--trace", good]);
    expect(traced.code).toBe(0);
    expect(traced.out.at(-1)).toBe("1 of 1 lessons passed");
    expect(traced.err).toContain("solution[0]: shell: ps");
    expect(traced.err).toContain("  goals[0] met: List the processes.");
    const verbose = await cli(["lesson", "check", "-v", good]);
    expect(verbose.code).toBe(2);
    expect(verbose.err[0]).toMatch(/unknown option -v \(the option is --trace\)/);
  });

  it("says how to use it", async () => {
    const { code, err } = await cli(["lesson"]);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^ringlab lesson: lesson needs a subcommand: check/);
  });
});

describe("faithful to the facts", () => {
  const text = (name: string) => readFileSync(files.find((f) => basename(f) === name) ?? "", "utf8");

  it("lesson 4 follows the RCA: 21 fields defined, 20 values supplied, field 21 read past the array", () => {
    const lesson = text("04-channel-file-291.md");
    expect(lesson).toContain("defined 21 input fields; the\nintegration code supplied only 20 values");
    expect(lesson).toContain("#define IPC_FIELDS 21");
    expect(lesson).toContain("#define IPC_VALUES 20");
    expect(lesson).toMatch(/out-of-bounds\nread beyond the end of the input array/);
    expect(lesson).not.toMatch(/defined? 20 (input )?fields|suppl(y|ies|ied) 21/);
    // A channel file is data: the lesson never calls it a driver.
    expect(lesson).toContain("they are data, not drivers");
  });

  it("marks secondary-source claims with ⚠", () => {
    expect(text("02-first-driver-kernel-mode.md")).toMatch(/PAGE_FAULT_IN_NONPAGED_AREA \(0x50\)` ⚠/);
    expect(text("04-channel-file-291.md")).toMatch(/⚠ three\nmore followed between 8 and 24 April/);
    expect(text("08-price-of-isolation.md")).toMatch(/⚠ CrowdStrike's sensor can run in a user-mode/);
  });

  it("says what the facts say, and no more (issue 14's list)", () => {
    const all = files.map((f) => readFileSync(f, "utf8")).join("\n");
    expect(all).not.toMatch(/has always read 21|always reads? 21/);
    expect(text("04-channel-file-291.md")).toContain("Rolling back\nfixed this machine, not the bug");
    expect(all).not.toMatch(/entered\s+private\s+preview\s+on\s+26\s+June/);
    expect(text("03-same-driver-user-mode.md")).toMatch(/announced in June 2025[\s\S]*to begin in July 2025/);
    expect(text("03-same-driver-user-mode.md")).toMatch(/fails open/);
    expect(text("01-rings.md")).toMatch(/unprotected until the sensor restarted/);
    expect(text("02-first-driver-kernel-mode.md")).toMatch(/This is a simplification: Ringlab uses 0x50/);
    expect(all).not.toMatch(/three failed boots|after 3 failed boots/);
    expect(text("05-boot-loop.md")).toMatch(/two consecutive failed boots/);
    expect(all).not.toMatch(/\bmost machines\b|recovery was by hand[^.]*everywhere/i);
    expect(all).not.toMatch(/faults where it happens/);
    expect(all).not.toMatch(/nothing in user mode can tamper/);
    expect(text("06-crash-far-from-its-bug.md")).toContain("The first parameter is 0x20");
    expect(text("07-checked-mode.md")).toContain("the first parameter is 8");
  });

  it("every lesson cites the real world, after its steps", () => {
    for (const file of files) {
      const lesson = readFileSync(file, "utf8");
      expect(lesson.indexOf("## What you will see"), basename(file)).toBeGreaterThan(0);
      expect(lesson.indexOf("## What happened in the real world"), basename(file)).toBeGreaterThan(
        lesson.indexOf("## What you will see"),
      );
    }
  });
});

describe("links between lessons", () => {
  const course = files.map((f) => parsed(readFileSync(f, "utf8"), `lessons/${basename(f)}`));

  it("name lessons by id: no lesson's text cites another by number", () => {
    for (const file of files) {
      const body = readFileSync(file, "utf8")
        .split(/\n---\n/)
        .slice(1)
        .join("\n");
      expect(body, basename(file)).not.toMatch(/\b[Ll]essons? \d/);
    }
    expect(course.flatMap((l) => l.links).length).toBeGreaterThan(10);
  });

  it("render with the lesson's number as the course stands, and its title", () => {
    const linked = linkLessons(course);
    const six = linked.find((l) => l.id === "crash-far-from-its-bug");
    const html = six?.sections.map((s) => s.html).join("") ?? "";
    expect(html).toContain(
      '<a class="lesson-link" href="#/lessons/checked-mode" data-lesson="checked-mode" data-word="" data-form="full" title="Checked mode: the same bug, caught at the line">lesson 8, <em>Checked mode: the same bug, caught at the line</em></a>',
    );
    expect(html).toMatch(/data-lesson="channel-file-291"[^>]*>lesson 4<\/a>/);
    // A lesson inserted before lesson 4 renumbers every link to it.
    const inserted = linkLessons([...course, { ...course[0], id: "inserted", order: 35, file: "35.md" }]);
    const again = inserted.find((l) => l.id === "crash-far-from-its-bug");
    expect(again?.sections.map((s) => s.html).join("")).toMatch(
      /data-lesson="channel-file-291"[^>]*>lesson 5<\/a>/,
    );
  });

  it("to a lesson that is not in the course is an error where the link is written", () => {
    const text = lessonText(MINIMAL_FRONT, BODY.replace("Something.", "See [lesson](lesson:nosuch)."));
    const lesson = parsed(text);
    expect(courseErrors([lesson]).map(formatLessonError)).toEqual([
      "demo.md:17:14: a link to lesson nosuch, which is not in the course (links name a lesson by its id)",
    ]);
  });
});
