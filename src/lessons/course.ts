/**
 * The course: every lesson file, in order. Lessons sort by their `order` field, then by file name, so
 * a new file joins the course without any code change, and a lesson can be slotted between two others
 * (order 75 goes between 70 and 80; the verified-mode lesson will take such a slot).
 */
import type { Diagnostic } from "../shared/diagnostic";
import type { Lesson } from "./lesson";

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

/** Problems between lessons: two with the same id. */
export function courseErrors(lessons: readonly Lesson[]): Diagnostic[] {
  const errors: Diagnostic[] = [];
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
