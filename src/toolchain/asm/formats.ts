/**
 * How each instruction format of isa.ts is written: its operands in order, which field of the word each
 * goes to, and the ranges. The assembler, the disassembler and the docs all read this table, so the
 * syntax of a format exists in one place (and the instructions themselves only in isa.ts).
 */

import type { Format } from "../../machine/isa";

export type SlotKind = "reg" | "imm" | "mem" | "target" | "cr";

export interface Slot {
  kind: SlotKind;
  /** As written in syntax summaries: rd, rs1, simm16, [rs1 + simm16], label, cr, port. */
  name: string;
  /** Registers: the field of the word. Memory operands put the base in b. */
  field?: "a" | "b" | "c";
  /** Immediates, memory offsets and control registers: the allowed values. Targets: the word offsets. */
  min: number;
  max: number;
  /** How the disassembler prints an immediate. */
  display?: "dec" | "hex";
}

const S16 = { min: -0x8000, max: 0x7fff };
const U16 = { min: 0, max: 0xffff };
const reg = (name: string, field: "a" | "b" | "c"): Slot => ({ kind: "reg", name, field, min: 0, max: 15 });
const simm16: Slot = { kind: "imm", name: "simm16", ...S16, display: "dec" };
const uimm16: Slot = { kind: "imm", name: "uimm16", ...U16, display: "hex" };
const mem: Slot = { kind: "mem", name: "[rs1 + simm16]", ...S16 };
const cr: Slot = { kind: "cr", name: "cr", min: 0, max: 15 };
const port: Slot = { kind: "imm", name: "port", ...U16, display: "hex" };

export const FORMAT_SLOTS: Readonly<Record<Format, readonly Slot[]>> = {
  R: [reg("rd", "a"), reg("rs1", "b"), reg("rs2", "c")],
  I: [reg("rd", "a"), reg("rs1", "b"), simm16],
  IU: [reg("rd", "a"), reg("rs1", "b"), uimm16],
  SH: [reg("rd", "a"), reg("rs1", "b"), { kind: "imm", name: "shamt", min: 0, max: 31, display: "dec" }],
  U: [reg("rd", "a"), uimm16],
  L: [reg("rd", "a"), mem],
  S: [reg("rs", "a"), mem],
  B: [reg("rs1", "a"), reg("rs2", "b"), { kind: "target", name: "label", ...S16 }],
  J: [reg("rd", "a"), { kind: "target", name: "label", min: -0x80000, max: 0x7ffff }],
  JR: [reg("rd", "a"), reg("rs1", "b"), simm16],
  N: [],
  K: [{ kind: "imm", name: "uimm16", ...U16, display: "dec" }],
  CRR: [reg("rd", "a"), cr],
  CRW: [cr, reg("rs", "b")],
  IN: [reg("rd", "a"), port],
  OUT: [port, reg("rs", "a")],
};

const FORMAT_SYNTAX = Object.fromEntries(
  Object.entries(FORMAT_SLOTS).map(([format, slots]) => [format, slots.map((slot) => slot.name).join(", ")]),
) as Readonly<Record<Format, string>>;

/** The operands of a format as documentation writes them: "rd, rs1, simm16" (built once, not per line). */
export function formatSyntax(format: Format): string {
  return FORMAT_SYNTAX[format];
}
