// The course: `ringlab lesson check` over every file in lessons/, as `npm test` runs it. Each lesson
// is its own test, so the summary counts them; a lesson that cannot be solved, or is solved from the
// start, fails here.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lessonFiles } from "../../src/cli/lesson";
import { runCli } from "../../src/cli/main";
import { orderLessons } from "../../src/lessons/course";
import { parseLesson } from "../../src/lessons/lesson";
import { lessonText, MINIMAL_FRONT } from "./support";

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

  it("finds the course: ten lessons, in order, with room for the verified-mode lesson", () => {
    expect(files.map((f) => basename(f))).toEqual([
      "01-rings.md",
      "02-first-driver-kernel-mode.md",
      "03-same-driver-user-mode.md",
      "04-channel-file-291.md",
      "04b-rewind-to-the-bad-read.md",
      "05-boot-loop.md",
      "06-crash-far-from-its-bug.md",
      "07-checked-mode.md",
      "08-price-of-isolation.md",
      "09-restart-policy.md",
    ]);
    const lessons = files.map((f) => {
      const parsed = parseLesson(f, readFileSync(f, "utf8"));
      if (!parsed.ok) throw new Error(parsed.errors[0].message);
      return parsed.lesson;
    });
    const ordered = orderLessons(lessons);
    expect(ordered.map((l) => l.order)).toEqual([10, 20, 30, 40, 45, 50, 60, 70, 80, 90]);
    // A verified-mode lesson slots in with order 75, between checked mode and the price of isolation.
    const withVerified = orderLessons([
      ...lessons,
      { ...lessons[0], id: "verified", order: 75, file: "10-verified.md" },
    ]);
    expect(withVerified.map((l) => l.id).slice(7, 10)).toEqual([
      "checked-mode",
      "verified",
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
    const { code, err } = await cli(["lesson", "check", a, b]);
    expect(code).toBe(1);
    expect(err).toEqual([
      expect.stringMatching(/b\.md:2:5: id: "demo" is also the id of .*a\.md; ids must be unique$/),
    ]);
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
