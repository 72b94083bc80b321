/**
 * The tables of docs/assembly.md, printed from the assembler's own tables (pseudo-instructions and
 * directives), so the reference cannot drift from the code. A test checks the file between markers.
 */

import { DIRECTIVES } from "./directives";
import { PSEUDO_INSTRUCTIONS } from "./pseudo";

export const markers = (name: string): [string, string] => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];

const cell = (text: string): string => text.replace(/\|/g, "\\|");
const code = (text: string): string => `\`${cell(text)}\``;

export function pseudoTable(): string {
  const rows = PSEUDO_INSTRUCTIONS.map((p) => {
    const written = p.syntax === "" ? p.name : `${p.name} ${p.syntax}`;
    const full = p.expansion.split(" + ").map(code).join(" + ");
    const expansion = p.shortExpansion
      ? `${code(p.shortExpansion)} if the value is a number already known there that fits in 16 bits signed, else ${full}`
      : full;
    return `| ${code(written)} | ${expansion} |`;
  });
  return ["| Pseudo-instruction | Expands to |", "| --- | --- |", ...rows].join("\n");
}

export function directiveTable(): string {
  const rows = [...DIRECTIVES.values()].map((d) => `| ${code(d.syntax)} | ${cell(d.summary)} |`);
  return ["| Directive | Meaning |", "| --- | --- |", ...rows].join("\n");
}

/** The block for a table, markers included. */
export function block(name: string, table: string): string {
  const [start, end] = markers(name);
  return `${start}\n${table}\n${end}`;
}
