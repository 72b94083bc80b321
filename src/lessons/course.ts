/**
 * The course: every lesson file, in order. Lessons sort by their `order` field, then by file name, so
 * a new file joins the course without any code change, and a lesson can be slotted between two others
 * (the verifier lesson's order, 75, puts it between checked mode's 70 and the next lesson's 80).
 */
import type { Diagnostic } from "../shared/diagnostic";
import type { Lesson } from "./lesson";
import { escapeHtml } from "./markdown";

export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

export function compareLessons(
  a: { order?: number; file: string },
  b: { order?: number; file: string },
): number {
  const ao = a.order ?? Number.POSITIVE_INFINITY;
  const bo = b.order ?? Number.POSITIVE_INFINITY;
  if (ao !== bo) return ao < bo ? -1 : 1;
  return baseName(a.file) < baseName(b.file) ? -1 : baseName(a.file) > baseName(b.file) ? 1 : 0;
}

export function orderLessons<T extends { order?: number; file: string }>(lessons: readonly T[]): T[] {
  return [...lessons].sort(compareLessons);
}

const ANCHOR =
  /<a class="lesson-link" href="#\/lessons\/([a-z0-9-]+)" data-lesson="[a-z0-9-]+" data-word="([^"]*)" data-form="(short|full)">[^<]*<\/a>/g;

/**
 * The course's lessons, in order, with every link to a lesson written out with that lesson's number
 * now ("lesson 7"), and its title for a link written with no text ("lesson 7, Checked mode: ...").
 * The word written in the link keeps its case: [Lesson](lesson:checked-mode) starts a sentence.
 */
export function linkLessons(lessons: readonly Lesson[]): Lesson[] {
  const ordered = orderLessons(lessons);
  const numbers = new Map<string, { n: number; title: string }>();
  ordered.forEach((l, i) => {
    if (!numbers.has(l.id)) numbers.set(l.id, { n: i + 1, title: l.title });
  });
  const link = (html: string) =>
    html.replace(ANCHOR, (anchor, id: string, word: string, form: string) => {
      const target = numbers.get(id);
      if (!target) return anchor;
      const text =
        form === "short" ? `${word} ${target.n}` : `lesson ${target.n}, <em>${escapeHtml(target.title)}</em>`;
      return anchor.replace(/>[^<]*<\/a>$/, ` title="${escapeHtml(target.title)}">${text}</a>`);
    });
  return ordered.map((l) => ({ ...l, sections: l.sections.map((s) => ({ ...s, html: link(s.html) })) }));
}

/** Problems between lessons: two with the same id, a link to a lesson that is not in the course. */
export function courseErrors(lessons: readonly Lesson[]): Diagnostic[] {
  const errors: Diagnostic[] = [];
  const ids = new Set(lessons.map((l) => l.id));
  for (const lesson of orderLessons(lessons))
    for (const link of lesson.links)
      if (!ids.has(link.id))
        errors.push({
          severity: "error",
          file: lesson.file,
          line: link.line,
          col: link.col,
          message: `a link to lesson ${link.id}, which is not in the course (links name a lesson by its id)`,
        });
  const byId = new Map<string, Lesson>();
  for (const lesson of orderLessons(lessons)) {
    const first = byId.get(lesson.id);
    if (first)
      errors.push({
        severity: "error",
        file: lesson.file,
        line: lesson.positions.id.line,
        col: lesson.positions.id.col,
        message: `id: "${lesson.id}" is also the id of ${first.file}; ids must be unique`,
      });
    else byId.set(lesson.id, lesson);
  }
  return errors;
}
