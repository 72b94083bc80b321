/**
 * A lesson file: YAML front matter between two `---` lines, then a Markdown body. parseLesson reads
 * one, validates all of it at once and returns either the lesson or every error, each at its place
 * (FILE:LINE:COL, the field's path, a plain sentence). It never throws: a lesson file is data.
 */
import type { Diagnostic } from "../shared/diagnostic";
import { type LessonFile, type LessonRun, type LessonSection, parseBody } from "./body";
import { renderInline, renderMarkdown } from "./markdown";
import { type FrontMatter, frontMatterSchema } from "./schema";
import { schemaErrors } from "./schemaErrors";
import { type Position, YamlSource } from "./yamlSource";

export interface Lesson extends FrontMatter {
  /** The file it came from (a name, not necessarily a path on this machine). */
  file: string;
  sections: (LessonSection & { html: string })[];
  /** Files from the body's code blocks, machine.files and machine.content, in that order. */
  files: (LessonFile & { origin: "body" | "files" | "content" })[];
  runs: LessonRun[];
  /** Links to other lessons by id ([lesson](lesson:ID)), where they are written. */
  links: ({ id: string } & Position)[];
  /** The hints as safe HTML (inline Markdown: `code`, *emphasis*, links). */
  hintsHtml: string[];
  /** Where goals and steps are written, for errors found when they run (a solution step that fails). */
  positions: {
    id: Position;
    goals: Position[];
    setup: Position[];
    solution: Position[];
    wrongTry: Position[];
  };
}

export type ParseResult = { ok: true; lesson: Lesson } | { ok: false; errors: Diagnostic[] };

const FENCE = /^---[ \t]*$/;

export function parseLesson(file: string, text: string): ParseResult {
  try {
    return parseUnguarded(file, String(text));
  } catch (e) {
    // A host exception here is a bug in Ringlab; the author still gets an error, not a crash.
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [error(file, 1, 1, `internal error while reading the lesson: ${detail}`)] };
  }
}

function error(file: string, line: number, col: number, message: string, suggestion?: string): Diagnostic {
  return { severity: "error", file, line, col, message, ...(suggestion ? { suggestion } : {}) };
}

function parseUnguarded(file: string, text: string): ParseResult {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? ""))
    return {
      ok: false,
      errors: [
        error(file, 1, 1, "a lesson starts with YAML front matter: a line ---, the fields, then another ---"),
      ],
    };
  const close = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (close < 0)
    return {
      ok: false,
      errors: [error(file, 1, 1, "the front matter is not closed: add a line --- after it")],
    };

  const errors: Diagnostic[] = [];
  const source = new YamlSource(lines.slice(1, close).join("\n"), 2);
  const yamlProblems = source.problems();
  for (const p of yamlProblems) errors.push(error(file, p.line, p.col, p.message));

  let front: FrontMatter | undefined;
  if (yamlProblems.length === 0) {
    const parsed = frontMatterSchema.safeParse(source.value() ?? {}, { reportInput: true });
    if (parsed.success) front = parsed.data;
    else
      for (const e of schemaErrors(parsed.error.issues, source))
        errors.push(error(file, e.line, e.col, e.path ? `${e.path}: ${e.message}` : e.message, e.suggestion));
  }

  const body = parseBody(lines.slice(close + 1).join("\n"), close + 2);
  for (const p of body.problems) errors.push(error(file, p.line, p.col, p.message));

  if (front) {
    const seen = new Set(body.files.map((f) => f.path));
    for (const origin of ["files", "content"] as const) {
      for (const path of Object.keys(front.machine?.[origin] ?? {})) {
        if (seen.has(path)) {
          const at = source.locate(["machine", origin, path], "key");
          errors.push(
            error(file, at.line, at.col, `machine.${origin}: ${path} is also given elsewhere in the lesson`),
          );
        }
        seen.add(path);
      }
    }
  }

  if (errors.length > 0 || !front) return { ok: false, errors: sortErrors(errors) };
  const nextRun = { value: 0 };
  const lesson: Lesson = {
    ...front,
    file,
    sections: body.sections.map((s) => ({ ...s, html: renderMarkdown(s.markdown, nextRun) })),
    files: [
      ...body.files.map((f) => ({ ...f, origin: "body" as const })),
      ...fileEntries(front, "files", source),
      ...fileEntries(front, "content", source),
    ],
    runs: body.runs,
    links: lessonLinks(lines, close),
    hintsHtml: (front.hints ?? []).map(renderInline),
    positions: {
      id: source.locate(["id"]),
      goals: front.goals.map((_, i) => source.locate(["goals", i])),
      setup: (front.machine?.setup ?? []).map((_, i) => source.locate(["machine", "setup", i])),
      solution: front.solution.map((_, i) => source.locate(["solution", i])),
      wrongTry: (front.wrongTry?.steps ?? []).map((_, i) => source.locate(["wrongTry", "steps", i])),
    },
  };
  return { ok: true, lesson };
}

/** Every `](lesson:ID)` in the body (the file's lines after `close`), at its line and column. */
function lessonLinks(lines: readonly string[], close: number): Lesson["links"] {
  const links: Lesson["links"] = [];
  for (let i = close + 1; i < lines.length; i++)
    for (const m of lines[i].matchAll(/\]\(lesson:([a-z0-9]+(?:-[a-z0-9]+)*)\)/g))
      links.push({ id: m[1], line: i + 1, col: (m.index ?? 0) + 3 });
  return links;
}

function fileEntries(front: FrontMatter, origin: "files" | "content", source: YamlSource): Lesson["files"] {
  return Object.entries(front.machine?.[origin] ?? {}).map(([path, text]) => ({
    path,
    text,
    language: path.match(/\.([A-Za-z0-9]+)$/)?.[1] ?? "",
    line: source.locate(["machine", origin, path]).line,
    origin,
  }));
}

function sortErrors(errors: Diagnostic[]): Diagnostic[] {
  return errors.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** FILE:LINE:COL: message (and the suggestion), one line. */
export function formatLessonError(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.message}${d.suggestion ? ` (${d.suggestion})` : ""}`;
}
