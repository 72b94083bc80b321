/**
 * The learner's files kept in the browser between visits: the scenario's files (every file the learner
 * wrote or changed, path -> text), stored as JSON under one key of a key-value storage (the page passes
 * localStorage). What is read back is checked with the share link's limits, never trusted; a storage
 * that is full or refuses says so, and the files then last for this visit only. Forgetting them is
 * the way back to the default disk.
 */
import { z } from "zod";
import type { KeyValueStorage } from "./lessonProgress";
import { MAX_FILE_CHARS, MAX_FILES } from "./share";

export const FILES_KEY = "ringlab.disk.files.v1";

/** KeyValueStorage that can also forget a key (localStorage can). */
export interface FileStorage extends KeyValueStorage {
  removeItem(key: string): void;
}

const filesSchema = z
  .record(
    z
      .string()
      .max(128)
      .regex(/^\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/),
    z.string().max(MAX_FILE_CHARS),
  )
  .refine((files) => Object.keys(files).length <= MAX_FILES);

export function loadFiles(storage: KeyValueStorage | undefined): Record<string, string> {
  if (!storage) return {};
  try {
    const raw = storage.getItem(FILES_KEY);
    if (raw === null) return {};
    const parsed = filesSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Stores the files; false when the storage refused them (full, or private browsing). */
export function saveFiles(storage: FileStorage | undefined, files: Record<string, string>): boolean {
  if (!storage) return true;
  try {
    if (Object.keys(files).length === 0) storage.removeItem(FILES_KEY);
    else storage.setItem(FILES_KEY, JSON.stringify(files));
    return true;
  } catch {
    return false;
  }
}
