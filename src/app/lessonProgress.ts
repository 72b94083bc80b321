/**
 * Lesson progress kept between visits: per lesson, how many goals were met (the best so far), whether
 * it was completed, and how many hints were asked for. Stored as JSON under one key of a key-value
 * storage (the page passes localStorage); anything unreadable there is ignored, never trusted.
 */
import { z } from "zod";

export interface LessonProgress {
  goalsMet: number;
  completed: boolean;
  hintsShown: number;
}

export type ProgressMap = Record<string, LessonProgress>;

/** The part of the Storage interface progress needs (localStorage has it; tests pass a Map). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const PROGRESS_KEY = "ringlab.lessons.progress.v1";

const progressSchema = z.record(
  z.string().max(100),
  z.object({
    goalsMet: z.int().min(0).max(1000),
    completed: z.boolean(),
    hintsShown: z.int().min(0).max(1000),
  }),
);

export const NO_PROGRESS: LessonProgress = { goalsMet: 0, completed: false, hintsShown: 0 };

export function loadProgress(storage: KeyValueStorage | undefined): ProgressMap {
  if (!storage) return {};
  try {
    const raw = storage.getItem(PROGRESS_KEY);
    if (raw === null) return {};
    const parsed = progressSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function saveProgress(storage: KeyValueStorage | undefined, progress: ProgressMap): void {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Storage full or refused (private browsing): progress lasts for this visit only.
  }
}

/** Progress after a lesson's goals moved on: never less than before. */
export function advance(
  previous: LessonProgress | undefined,
  goalsMet: number,
  goals: number,
): LessonProgress {
  const before = previous ?? NO_PROGRESS;
  const best = Math.max(before.goalsMet, goalsMet);
  return { ...before, goalsMet: best, completed: before.completed || best >= goals };
}
