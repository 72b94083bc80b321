/**
 * `ringlab lesson check [--trace] [FILES...]`: validates each lesson (all of lessons/ by default), checks that no
 * goal is met at the start, runs its solution headless and checks that every goal is then met, in
 * order. One line per lesson on stdout; every error of a failing lesson, FILE:LINE:COL, on stderr.
 * Exit status 1 if any lesson fails.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { courseErrors } from "../lessons/course";
import { formatLessonError } from "../lessons/lesson";
import { checkLessonText, type LessonCheckResult, summaryLine } from "../lessons/runner";
import type { CliIo, Command } from "./main";

/** The course's lessons/ folder, wherever the command is run from. */
export const LESSONS_DIR = fileURLToPath(new URL("../../lessons", import.meta.url));

/** Every .md file of a folder, in name order. */
export function lessonFiles(dir: string = LESSONS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => join(dir, f));
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

function unreadable(path: string): LessonCheckResult {
  return {
    file: shown(path),
    ok: false,
    errors: [{ severity: "error", file: shown(path), line: 1, col: 1, message: "cannot read the file" }],
    goalsMet: 0,
    cycles: 0,
  };
}

/**
 * Checks the files; the results in the order given. Problems between lessons (two with one id) are
 * errors of the lesson they are found in, so its line says FAIL, once, like any other error.
 * `trace`: the transcript and each check's value, for every lesson, on stderr.
 */
export function checkLessonFiles(
  files: readonly string[],
  io: CliIo,
  options: { trace?: boolean } = {},
): { results: LessonCheckResult[]; ok: boolean } {
  const results: LessonCheckResult[] = [];
  const trace = options.trace ? (line: string) => io.err(line) : undefined;
  for (const path of files) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      results.push(unreadable(path));
      continue;
    }
    results.push(checkLessonText(shown(path), text, trace));
  }
  for (const e of courseErrors(results.flatMap((r) => (r.lesson ? [r.lesson] : [])))) {
    const result = results.find((r) => r.lesson?.file === e.file && r.lesson.positions.id.line === e.line);
    if (!result) continue;
    result.ok = false;
    result.errors.unshift(e);
  }
  for (const result of results) {
    io.out(summaryLine(result));
    if (!result.ok) for (const e of result.errors) io.err(`  ${formatLessonError(e)}`);
  }
  return { results, ok: results.every((r) => r.ok) };
}

export const lessonCommand: Command = {
  name: "lesson",
  args: "check [--trace] [FILES...]",
  summary:
    "validate lessons and run their solutions headless (all of lessons/ by default); --trace: the transcript and each check's value",
  run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== "check")
      return {
        usage: sub === undefined ? "lesson needs a subcommand: check" : `unknown subcommand '${sub}'`,
      };
    const trace = rest.includes("--trace");
    const files = rest.filter((f) => f !== "--trace");
    const option = files.find((f) => f.startsWith("--") || f === "-v");
    if (option) return { usage: `unknown option ${option} (the option is --trace)` };
    let paths: string[];
    try {
      paths = files.length > 0 ? [...files] : lessonFiles();
    } catch {
      io.err(`ringlab lesson check: cannot read ${shown(LESSONS_DIR)}`);
      return 1;
    }
    if (paths.length === 0) {
      io.err("ringlab lesson check: no lesson files");
      return 1;
    }
    const { results, ok } = checkLessonFiles(paths, io, { trace });
    const failed = results.filter((r) => !r.ok).length;
    io.out(`${results.length - failed} of ${results.length} lessons passed`);
    return ok ? 0 : 1;
  },
};
