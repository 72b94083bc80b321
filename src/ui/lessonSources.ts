/** The course's lesson files, bundled into the page as text (vite reads lessons/*.md at build time). */
import type { LessonSource } from "../app/lessonCatalog";

const files = import.meta.glob("../../lessons/*.md", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

export const LESSON_SOURCES: LessonSource[] = Object.entries(files).map(([path, text]) => ({
  file: path.split("/").pop() ?? path,
  text,
}));
