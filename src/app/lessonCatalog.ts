/**
 * The lesson list: every lesson file the page was built with, parsed and put in course order. A file
 * with errors stays in the list with its errors, so an instructor sees them instead of a missing
 * lesson. Files come in as text (the page bundles lessons/*.md); nothing here reads a disk.
 */
import { linkLessons } from "../lessons/course";
import { formatLessonError, type Lesson, parseLesson } from "../lessons/lesson";

export interface LessonSource {
  /** The file's name, for errors and ordering ("04-channel-file-291.md"). */
  file: string;
  text: string;
}

/** One row of the lesson list, as plain data for the store. */
export interface CatalogEntry {
  id: string;
  file: string;
  title: string;
  summary: string;
  level: string;
  minutes: number;
  goals: number;
  /** Errors (FILE:LINE:COL: message) when the file is not a valid lesson; then the rest is a guess. */
  errors: string[];
}

export interface Catalog {
  entries: CatalogEntry[];
  /** The parsed lessons by id (valid files only). */
  lessons: Map<string, Lesson>;
}

export function buildCatalog(sources: readonly LessonSource[]): Catalog {
  const lessons: Lesson[] = [];
  const broken: CatalogEntry[] = [];
  for (const source of sources) {
    const parsed = parseLesson(source.file, source.text);
    if (parsed.ok) lessons.push(parsed.lesson);
    else broken.push(brokenEntry(source.file, parsed.errors.map(formatLessonError)));
  }
  const byId = new Map<string, Lesson>();
  const entries: CatalogEntry[] = [];
  // In course order, with links between lessons numbered as the course stands.
  for (const lesson of linkLessons(lessons)) {
    if (byId.has(lesson.id)) {
      broken.push(
        brokenEntry(lesson.file, [`${lesson.file}:1:1: id: "${lesson.id}" is used by another lesson`]),
      );
      continue;
    }
    byId.set(lesson.id, lesson);
    entries.push(entryOf(lesson));
  }
  return { entries: [...entries, ...broken], lessons: byId };
}

export function entryOf(lesson: Lesson): CatalogEntry {
  return {
    id: lesson.id,
    file: lesson.file,
    title: lesson.title,
    summary: lesson.summary,
    level: lesson.level,
    minutes: lesson.minutes,
    goals: lesson.goals.length,
    errors: [],
  };
}

function brokenEntry(file: string, errors: string[]): CatalogEntry {
  const name = file.split(/[\\/]/).pop() ?? file;
  return { id: `file:${name}`, file, title: name, summary: "", level: "", minutes: 0, goals: 0, errors };
}
