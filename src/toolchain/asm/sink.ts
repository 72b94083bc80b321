/** Collects the diagnostics of one file, stopping after a limit so a file of garbage stays readable. */

import type { Diagnostic } from "../../shared/diagnostic";
import { MESSAGES } from "./messages";

export const MAX_ERRORS = 100;

export interface Place {
  line: number;
  col: number;
  length: number;
}

export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];
  private errors = 0;

  constructor(
    readonly file: string,
    private readonly limit = MAX_ERRORS,
  ) {}

  get full(): boolean {
    return this.errors >= this.limit;
  }

  get errorCount(): number {
    return this.errors;
  }

  /** Adds a diagnostic; the suggestion may be a function so it is only computed when it will be shown. */
  add(
    severity: Diagnostic["severity"],
    at: Place,
    message: string,
    suggestion?: string | (() => string | undefined),
  ): void {
    if (this.full || this.diagnostics.length >= 2 * this.limit) return;
    const d: Diagnostic = {
      severity,
      file: this.file,
      line: at.line,
      col: Math.max(1, at.col),
      length: Math.max(1, at.length),
      message,
    };
    const hint = typeof suggestion === "function" ? suggestion() : suggestion;
    if (hint) d.suggestion = hint;
    this.diagnostics.push(d);
    if (severity !== "error") return;
    this.errors++;
  }

  error(at: Place, message: string, suggestion?: string | (() => string | undefined)): void {
    this.add("error", at, message, suggestion);
  }

  /** Takes over the diagnostics of another sink (pass 1's, once the layout has settled). */
  absorb(other: DiagnosticSink): void {
    for (const d of other.diagnostics)
      this.add(d.severity, { ...d, length: d.length ?? 1 }, d.message, d.suggestion);
  }

  /** Diagnostics in file order, then a note if some were left out. */
  sorted(): Diagnostic[] {
    const list = [...this.diagnostics].sort((a, b) => a.line - b.line || a.col - b.col);
    if (this.full) {
      const last = list[list.length - 1]!;
      list.push({
        ...last,
        severity: "note",
        message: MESSAGES.tooManyErrors(this.limit),
        suggestion: undefined,
      });
      delete list[list.length - 1]!.suggestion;
    }
    return list;
  }
}
