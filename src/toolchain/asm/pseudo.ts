/**
 * Pseudo-instructions: names for common one- or two-instruction sequences. Each expansion is fixed and
 * documented (docs/assembly.md prints this table), so a listing never surprises. Only real instructions
 * from isa.ts are emitted.
 */

import { REG } from "../../machine/isa";
import type { Resolved } from "./encoder";
import type { Expr, Span } from "./expression";
import type { Slot } from "./formats";
import type { Operand } from "./operands";

/** One real instruction of an expansion: its mnemonic and its operands in the format's order. */
export interface Emit {
  mnemonic: string;
  operands: Resolved[];
  /**
   * Set on the `lui` of a lui+ori pair that loads `value`: the assembler adds a "hilo" relocation if
   * the value is an address (weight 1), none if it is a plain number.
   */
  loads?: Resolved;
}

export interface PseudoInstruction {
  name: string;
  slots: readonly Slot[];
  /** The operands as written: "rd, rs". */
  syntax: string;
  /** The expansion as documented, instructions joined by " + ": "addi rd, rs, 0". */
  expansion: string;
  /** li only: the one-word form, used when the value is already known and fits in 16 bits signed. */
  shortExpansion?: string;
  /** Words emitted. Decided in pass 1; `known` gives an operand's value if it is already a fixed number. */
  words(operands: readonly Operand[], known: (expr: Expr) => number | undefined): number;
  expand(ops: readonly Resolved[], words: number, at: Span): Emit[];
}

const reg = (name: string): Slot => ({ kind: "reg", name, min: 0, max: 15 });
const anyValue: Slot = { kind: "imm", name: "value", min: -0x8000_0000, max: 0xffff_ffff };
const label: Slot = { kind: "target", name: "label", min: -0x8000_0000, max: 0xffff_ffff };

/** A fixed operand (a register number or a constant) placed at the pseudo-instruction's mnemonic. */
const fixed = (value: number, at: Span): Resolved => ({ value, weight: 0, col: at.col, length: at.length });
const mem = (base: number, offset: number, at: Span): Resolved => ({ ...fixed(offset, at), base });

function loadPair(rd: Resolved, v: Resolved): Emit[] {
  return [
    { mnemonic: "lui", operands: [rd, fixed(v.value >>> 16, v)], loads: v },
    { mnemonic: "ori", operands: [rd, rd, fixed(v.value & 0xffff, v)] },
  ];
}

const fitsSigned16 = (v: number): boolean => v >= -0x8000 && v <= 0x7fff;

type Simple = Omit<PseudoInstruction, "words" | "expand"> & {
  /** Expansion of a fixed size. */
  emit(at: Span, ops: readonly Resolved[]): Emit[];
};

const simple = (p: Simple): PseudoInstruction => ({
  ...p,
  words: () => p.emit({ col: 0, length: 0 }, []).length,
  expand: (ops, _words, at) => p.emit(at, ops),
});

const one = (mnemonic: string, ...operands: Resolved[]): Emit[] => [{ mnemonic, operands }];

export const PSEUDO_INSTRUCTIONS: readonly PseudoInstruction[] = [
  simple({
    name: "nop",
    slots: [],
    syntax: "",
    expansion: "addi zero, zero, 0",
    emit: (at) => one("addi", fixed(REG.ZERO, at), fixed(REG.ZERO, at), fixed(0, at)),
  }),
  simple({
    name: "mov",
    slots: [reg("rd"), reg("rs")],
    syntax: "rd, rs",
    expansion: "addi rd, rs, 0",
    emit: (at, [rd = fixed(0, at), rs = fixed(0, at)]) => one("addi", rd, rs, fixed(0, at)),
  }),
  {
    name: "li",
    slots: [reg("rd"), anyValue],
    syntax: "rd, value",
    shortExpansion: "addi rd, zero, value",
    expansion: "lui rd, hi(value) + ori rd, rd, lo(value)",
    words: (operands, known) => {
      const op = operands[1];
      const v = op?.kind === "expr" ? known(op.expr) : undefined;
      return v !== undefined && fitsSigned16(v) ? 1 : 2;
    },
    expand: ([rd, v], words, at) =>
      words === 1 ? one("addi", rd!, fixed(REG.ZERO, at), v!) : loadPair(rd!, v!),
  },
  {
    name: "la",
    slots: [reg("rd"), anyValue],
    syntax: "rd, address",
    expansion: "lui rd, hi(address) + ori rd, rd, lo(address)",
    words: () => 2,
    expand: ([rd, v]) => loadPair(rd!, v!),
  },
  simple({
    name: "call",
    slots: [label],
    syntax: "label",
    expansion: "jal lr, label",
    emit: (at, [l = fixed(0, at)]) => one("jal", fixed(REG.LR, at), l),
  }),
  simple({
    name: "ret",
    slots: [],
    syntax: "",
    expansion: "jalr zero, lr, 0",
    emit: (at) => one("jalr", fixed(REG.ZERO, at), fixed(REG.LR, at), fixed(0, at)),
  }),
  simple({
    name: "j",
    slots: [label],
    syntax: "label",
    expansion: "jal zero, label",
    emit: (at, [l = fixed(0, at)]) => one("jal", fixed(REG.ZERO, at), l),
  }),
  simple({
    name: "jr",
    slots: [reg("rs")],
    syntax: "rs",
    expansion: "jalr zero, rs, 0",
    emit: (at, [rs = fixed(0, at)]) => one("jalr", fixed(REG.ZERO, at), rs, fixed(0, at)),
  }),
  simple({
    name: "neg",
    slots: [reg("rd"), reg("rs")],
    syntax: "rd, rs",
    expansion: "sub rd, zero, rs",
    emit: (at, [rd = fixed(0, at), rs = fixed(0, at)]) => one("sub", rd, fixed(REG.ZERO, at), rs),
  }),
  simple({
    name: "not",
    slots: [reg("rd"), reg("rs")],
    syntax: "rd, rs",
    expansion: "sub rd, zero, rs + addi rd, rd, -1",
    emit: (at, [rd = fixed(0, at), rs = fixed(0, at)]) => [
      ...one("sub", rd, fixed(REG.ZERO, at), rs),
      ...one("addi", rd, rd, fixed(-1, at)),
    ],
  }),
  simple({
    name: "push",
    slots: [reg("rs")],
    syntax: "rs",
    expansion: "addi sp, sp, -4 + stw rs, [sp]",
    emit: (at, [rs = fixed(0, at)]) => [
      ...one("addi", fixed(REG.SP, at), fixed(REG.SP, at), fixed(-4, at)),
      ...one("stw", rs, mem(REG.SP, 0, at)),
    ],
  }),
  simple({
    name: "pop",
    slots: [reg("rd")],
    syntax: "rd",
    expansion: "ldw rd, [sp] + addi sp, sp, 4",
    emit: (at, [rd = fixed(0, at)]) => [
      ...one("ldw", rd, mem(REG.SP, 0, at)),
      ...one("addi", fixed(REG.SP, at), fixed(REG.SP, at), fixed(4, at)),
    ],
  }),
  ...(["beqz:beq", "bnez:bne"] as const).map((pair) => {
    const [name, real] = pair.split(":") as [string, string];
    return simple({
      name,
      slots: [reg("rs"), label],
      syntax: "rs, label",
      expansion: `${real} rs, zero, label`,
      emit: (at, [rs = fixed(0, at), l = fixed(0, at)]) => one(real, rs, fixed(REG.ZERO, at), l),
    });
  }),
  ...(["bgt:blt", "ble:bge", "bgtu:bltu", "bleu:bgeu"] as const).map((pair) => {
    const [name, real] = pair.split(":") as [string, string];
    return simple({
      name,
      slots: [reg("rs1"), reg("rs2"), label],
      syntax: "rs1, rs2, label",
      expansion: `${real} rs2, rs1, label`,
      emit: (at, [a = fixed(0, at), b = fixed(0, at), l = fixed(0, at)]) => one(real, b, a, l),
    });
  }),
  simple({
    name: "seqz",
    slots: [reg("rd"), reg("rs")],
    syntax: "rd, rs",
    expansion: "sltiu rd, rs, 1",
    emit: (at, [rd = fixed(0, at), rs = fixed(0, at)]) => one("sltiu", rd, rs, fixed(1, at)),
  }),
  simple({
    name: "snez",
    slots: [reg("rd"), reg("rs")],
    syntax: "rd, rs",
    expansion: "sltu rd, zero, rs",
    emit: (at, [rd = fixed(0, at), rs = fixed(0, at)]) => one("sltu", rd, fixed(REG.ZERO, at), rs),
  }),
];

export const PSEUDO_BY_NAME: ReadonlyMap<string, PseudoInstruction> = new Map(
  PSEUDO_INSTRUCTIONS.map((p) => [p.name, p]),
);
