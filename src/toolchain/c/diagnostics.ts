/**
 * Where things are in a source file, and the collector every compiler stage reports into. Stages
 * report and carry on (several errors per run); nothing in the compiler throws for bad input.
 */
import type { Diagnostic } from "../../shared/diagnostic";

/** A span of source text: 1-based line and column, and its length in characters. */
export interface Pos {
  file: string;
  line: number;
  col: number;
  len: number;
}

/** After this many errors the compiler stops reporting: the rest are usually echoes of the first. */
const MAX_ERRORS = 50;
/** And after this many warnings: a generated file with a warning per line must not flood the host. */
const MAX_WARNINGS = 200;

export class Diagnostics {
  readonly list: Diagnostic[] = [];
  private errorCount = 0;
  private warningCount = 0;
  /** file:line:col:message of each diagnostic, to drop echoes in constant time. */
  private readonly seen = new Set<string>();

  error(pos: Pos, message: string, suggestion?: string): void {
    if (this.errorCount >= MAX_ERRORS) return;
    this.errorCount++;
    this.add("error", pos, message, suggestion);
  }

  warning(pos: Pos, message: string, suggestion?: string): void {
    if (this.warningCount >= MAX_WARNINGS) return;
    this.warningCount++;
    this.add("warning", pos, message, suggestion);
  }

  note(pos: Pos, message: string): void {
    this.add("note", pos, message);
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  /** In file order: by line, then column (stages report in their own order). */
  sorted(): Diagnostic[] {
    return this.list
      .map((d, i) => ({ d, i }))
      .sort((a, b) => a.d.line - b.d.line || a.d.col - b.d.col || a.i - b.i)
      .map((x) => x.d);
  }

  private add(severity: Diagnostic["severity"], pos: Pos, message: string, suggestion?: string): void {
    // The same message at the same place twice is an echo (e.g. a macro used twice on a line).
    const key = `${pos.file}:${pos.line}:${pos.col}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const d: Diagnostic = {
      severity,
      file: pos.file,
      line: pos.line,
      col: pos.col,
      message,
      length: pos.len,
    };
    if (suggestion) d.suggestion = suggestion;
    this.list.push(d);
  }
}

/** The closest name to `name` among `candidates`, if it is close enough to be a likely typo. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    if (candidate.startsWith("__")) continue;
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Edits (insert, delete, replace, swap two neighbours) from a to b: "cuont" is one from "count". */
function editDistance(a: string, b: string): number {
  // Long names are never typos of each other worth the quadratic table.
  if (Math.abs(a.length - b.length) > 3 || a.length > 64) return 99;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
