/** Docs that come from the code: compare a generated Markdown table with the one in a docs file. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const readDoc = (name: string): string =>
  readFileSync(join(import.meta.dirname, "../../docs", name), "utf8");

/**
 * A Markdown table with the padding a formatter adds taken out (cells trimmed, separator rows as
 * `---`), so the generated table and the formatted file compare equal exactly when their cells do.
 */
export function normalize(table: string): string {
  return table
    .trim()
    .split("\n")
    .map((row) =>
      row
        .trim()
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/^:?-+:?$/, "---"))
        .join("|"),
    )
    .join("\n");
}

/** The table between two markers (markers excluded), normalized; undefined if they are missing. */
export function between(text: string, start: string, end: string): string | undefined {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return undefined;
  return normalize(text.slice(from + start.length, to));
}
