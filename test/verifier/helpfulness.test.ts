/**
 * Helpfulness: for every buggy sample driver Ringlab ships (SYSTEM_FILES and the lessons' drivers),
 * test/verifier/helpfulness holds a handler rewrite of the same bug, and the verifier must reject it
 * naming the line of the bug, with a reason about that bug. Each rewrite carries its expectation on
 * the bug's line (`// expect: TEXT`, `; expect: TEXT` in assembly: the report's message contains
 * TEXT) and says in its header which shipped files it rewrites (`// rewrites: WHERE PATH`). Where a
 * bug cannot be written as a handler (a main loop that never ends), the rewrite is the nearest
 * handler form (a loop with no bound).
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { lessonFiles } from "../../src/cli/lesson";
import { SYSTEM_FILES } from "../../src/kernel/systemSources";
import { parseLesson } from "../../src/lessons/lesson";
import { build } from "../../src/toolchain/build";
import { formatReport, verify } from "../../src/verifier/verify";

const DIR = join(import.meta.dirname, "helpfulness");

/** The drivers shipped with Ringlab that have no bug, each with why it is not in the list. */
const NOT_BUGGY: Record<string, string> = {
  "SYSTEM_FILES /drivers/sensor.c": "counts events by kind, within its table",
  "SYSTEM_FILES /drivers/guard.c": "a handler the verifier accepts, the side-by-side demo's correct driver",
  "lessons/06-crash-far-from-its-bug.md /drivers/pipes.c": "the victim: netlog's overflow corrupts its block",
  "lessons/08-price-of-isolation.md /drivers/tally.c": "measures what isolation costs; correct",
};

interface Rewrite {
  file: string;
  source: string;
  rewrites: string[];
  line: number;
  expect: string;
}

function rewrites(): Rewrite[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith(".c") || f.endsWith(".s"))
    .sort()
    .map((file) => {
      const source = readFileSync(join(DIR, file), "utf8");
      const lines = source.split("\n");
      const marked = lines.flatMap((text, i) => {
        const m = /(?:\/\/|;) expect: (.+)$/.exec(text);
        return m ? [{ line: i + 1, expect: m[1].trim() }] : [];
      });
      if (marked.length !== 1) throw new Error(`${file}: needs exactly one expect: marker`);
      const shipped = lines.flatMap((text) => /^(?:\/\/|;) rewrites: (.+)$/.exec(text)?.[1] ?? []);
      return { file, source, rewrites: shipped, ...marked[0] };
    });
}

/** Every driver Ringlab ships, as "WHERE PATH" with its source. */
function shippedDrivers(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, text] of Object.entries(SYSTEM_FILES))
    if (path.startsWith("/drivers/")) out.set(`SYSTEM_FILES ${path}`, text);
  for (const file of lessonFiles()) {
    const parsed = parseLesson(file, readFileSync(file, "utf8"));
    if (!parsed.ok) throw new Error(`${file} does not parse`);
    for (const f of parsed.lesson.files)
      if (f.path.startsWith("/drivers/") || f.path.startsWith("/bin/"))
        out.set(`lessons/${basename(file)} ${f.path}`, f.text);
  }
  return out;
}

const all = rewrites();

describe("the verifier on every buggy driver Ringlab ships, rewritten as a handler", () => {
  it("has a rewrite for every shipped driver with a bug, and each rewrite names a shipped file", () => {
    const shipped = shippedDrivers();
    const covered = new Set(all.flatMap((r) => r.rewrites));
    for (const name of covered) expect(shipped.has(name), `${name} is not shipped`).toBe(true);
    for (const name of Object.keys(NOT_BUGGY)) expect(shipped.has(name), `${name} is not shipped`).toBe(true);
    const drivers = [...shipped.keys()].filter((k) => k.includes(" /drivers/"));
    const missing = drivers.filter((k) => !covered.has(k) && !(k in NOT_BUGGY));
    expect(missing).toEqual([]);
  });

  it.each(all.map((r) => [r.file, r]))("%s: rejected at the bug's line, for that bug", (_file, r) => {
    const built = build(r.file, r.source);
    expect(built.image, JSON.stringify(built.diagnostics)).toBeDefined();
    if (!built.image) return;
    const report = verify(built.image);
    const text = formatReport(report);
    expect(report.accepted, text).toBe(false);
    expect(report.messages).toHaveLength(1);
    expect(report.messages[0].file).toBe(r.file);
    expect(report.messages[0].line, text).toBe(r.line);
    expect(report.messages[0].message, text).toContain(r.expect);
  });

  it("rejects the verifier lesson's own sensor at the same line of code as its rewrite, until the fix", () => {
    const lesson = "lessons/07b-the-verifier-says-no.md";
    const source = shippedDrivers().get(`${lesson} /drivers/sensor.c`) ?? "";
    const rewrite = all.find((r) => r.rewrites.includes(`${lesson} /drivers/sensor.c`));
    expect(rewrite).toBeDefined();
    if (!rewrite) return;
    const code = (line: string) => line.replace(/\s*\/\/.*$/, "");
    const image = build("/drivers/sensor.c", source).image;
    expect(image).toBeDefined();
    if (!image) return;
    const report = verify(image);
    const text = formatReport(report);
    expect(report.accepted, text).toBe(false);
    const line = source.split("\n")[report.messages[0].line - 1];
    expect(code(line), text).toBe(code(rewrite.source.split("\n")[rewrite.line - 1]));
    expect(report.messages[0].message).toContain(rewrite.expect);
    // The lesson's fix, as its solution writes it, is accepted.
    const parsed = parseLesson(lesson, readFileSync(lesson, "utf8"));
    if (!parsed.ok) throw new Error(`${lesson} does not parse`);
    const edit = parsed.lesson.solution.find((step) => step.edit)?.edit;
    expect(edit && source.includes(edit.find)).toBe(true);
    if (!edit) return;
    const fixed = build("/drivers/sensor.c", source.replace(edit.find, edit.replace)).image;
    expect(fixed).toBeDefined();
    if (fixed) expect(verify(fixed).accepted, formatReport(verify(fixed))).toBe(true);
  });

  it("names the calls that led into the driver's own function where the bad access is", () => {
    const source = [
      "char value[4][8];",
      "int first(const char *text) {",
      "  return text[0];",
      "}",
      "int check(int field) {",
      "  return first(value[field]);",
      "}",
      "int on_event(const struct event *ev) {",
      "  return check(ev->kind & 7);",
      "}",
      "",
    ].join("\n");
    const image = build("calls.c", source).image;
    expect(image).toBeDefined();
    if (!image) return;
    const report = verify(image);
    const text = formatReport(report);
    expect(report.messages[0].line, text).toBe(3);
    expect(report.messages[0].notes, text).toContain("called from: line 6 (check), from line 9 (on_event)");
  });

  it("says why the C library's string functions are refused: a scan that only a NUL ends", () => {
    const source = "int on_event(const struct event *ev) {\n  return strlen(ev->name);\n}\n";
    const image = build("len.c", source).image;
    expect(image).toBeDefined();
    if (!image) return;
    const report = verify(image);
    const text = formatReport(report);
    expect(report.messages[0].line, text).toBe(2);
    expect(report.messages[0].message, text).toContain("in strlen (the C library), called here:");
    expect(report.messages[0].message, text).toContain("until a NUL");
    expect(report.messages[0].message, text).not.toContain("may be NULL here");
    expect(report.messages[0].suggestion, text).toContain("a limit the verifier can see");
    // The branch decisions inside the library are not the learner's lines.
    expect(text).not.toContain("line 26:");
  });

  it("counts an index into a two-dimensional array by the dimension it indexes", () => {
    const verdict = (source: string) => {
      const image = build("grid.c", source).image;
      if (!image) throw new Error("grid.c does not build");
      const report = verify(image);
      return { message: report.messages[0]?.message ?? "", text: formatReport(report) };
    };
    // The row index past the last row: counted in rows.
    const rows = verdict(
      "char value[4][8];\nint on_event(const struct event *ev) {\n  int r;\n  for (r = 0; r < 5; r++) value[r][0] = 1;\n  return 0;\n}\n",
    );
    expect(rows.message, rows.text).toContain(
      "writes value[r] where r can be 4, but value has 4 elements, 0..3",
    );
    // The index within a row, run past the whole array: counted in that row's elements.
    const columns = verdict(
      "char value[4][8];\nint on_event(const struct event *ev) {\n  int i;\n  for (i = 0; i < 40; i++) value[0][i] = 1;\n  return 0;\n}\n",
    );
    expect(columns.message, columns.text).toContain("where i can be 39");
    expect(columns.message, columns.text).toContain("4 rows of 8");
  });
});
