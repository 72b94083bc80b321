/** A message about a place in a source file: compiler, assembler, verifier and lesson errors share it. */
export interface Diagnostic {
  severity: "error" | "warning" | "note";
  file: string;
  /** 1-based line and column. */
  line: number;
  col: number;
  message: string;
  /** An optional hint shown after the message, e.g. "did you mean 'add'?". */
  suggestion?: string;
  /** Length of the underlined span, at least 1. */
  length?: number;
}

/** Renders a diagnostic the way good compilers do: location, message, the line and a caret under the place. */
export function formatDiagnostic(d: Diagnostic, source?: string): string {
  const head = `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
  const lines = [head];
  const text = source?.split("\n")[d.line - 1];
  if (text !== undefined) {
    const shown = text.replace(/\t/g, " ");
    lines.push(`  ${shown}`);
    const width = Math.max(1, d.length ?? 1);
    lines.push(`  ${" ".repeat(Math.max(0, d.col - 1))}^${"~".repeat(width - 1)}`);
  }
  if (d.suggestion) lines.push(`  note: ${d.suggestion}`);
  return lines.join("\n");
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
