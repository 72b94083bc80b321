/**
 * The instruction table of docs/isa.md, printed from isa.ts (and the operand syntax from the
 * assembler's format table), so the docs cannot drift from the machine. A test checks that the file
 * holds exactly this table between its markers.
 */

import { INSTRUCTIONS } from "../machine/isa";
import { formatSyntax } from "./asm/formats";

export const ISA_TABLE_START = "<!-- isa-table:start -->";
export const ISA_TABLE_END = "<!-- isa-table:end -->";

const cell = (text: string): string => text.replace(/\|/g, "\\|");

/** One Markdown row per instruction, in opcode order. */
export function isaTable(): string {
  const rows = INSTRUCTIONS.map((i) => {
    const operands = formatSyntax(i.format);
    const hexOpcode = `0x${i.opcode.toString(16).padStart(2, "0")}`;
    return `| \`${i.mnemonic}\` | ${operands === "" ? "" : `\`${cell(operands)}\``} | ${i.format} | ${hexOpcode} | ${i.cycles} | ${i.privileged ? "yes" : ""} | ${cell(i.summary)} |`;
  });
  return [
    "| Mnemonic | Operands | Format | Opcode | Cycles | Privileged | Summary |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** The text that goes between the markers, markers included. */
export function isaTableBlock(): string {
  return `${ISA_TABLE_START}\n${isaTable()}\n${ISA_TABLE_END}`;
}
