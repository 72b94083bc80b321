/**
 * Builds instruction words from the ISA table by mnemonic, for machine tests that must not depend on
 * the assembler (so a bug in one cannot hide a bug in the other).
 */
import { BY_MNEMONIC, encode, parseRegister } from "../../src/machine/isa";

type Operand = string | number;

function reg(operand: Operand): number {
  if (typeof operand === "number") return operand;
  const r = parseRegister(operand);
  if (r < 0) throw new Error(`not a register: ${operand}`);
  return r;
}

/** `ins("addi", "a0", "zero", 5)`: operands in the assembler's order for the instruction's format. */
export function ins(mnemonic: string, ...ops: Operand[]): number {
  const info = BY_MNEMONIC.get(mnemonic);
  if (!info) throw new Error(`no instruction ${mnemonic}`);
  const o = info.opcode;
  const n = (x: Operand) => Number(x);
  switch (info.format) {
    case "R":
      return encode(o, reg(ops[0]), reg(ops[1]), reg(ops[2]), 0, "R");
    case "I":
    case "IU":
    case "SH":
    case "L":
    case "JR":
      return encode(o, reg(ops[0]), reg(ops[1]), 0, n(ops[2]), info.format);
    case "S":
      return encode(o, reg(ops[0]), reg(ops[1]), 0, n(ops[2]), "S");
    case "B":
      return encode(o, reg(ops[0]), reg(ops[1]), 0, n(ops[2]), "B");
    case "U":
    case "CRR":
    case "IN":
      return encode(o, reg(ops[0]), 0, 0, n(ops[1]), info.format);
    case "CRW":
      return encode(o, 0, reg(ops[1]), 0, n(ops[0]), "CRW");
    case "OUT":
      return encode(o, reg(ops[1]), 0, 0, n(ops[0]), "OUT");
    case "J":
      return encode(o, reg(ops[0]), 0, 0, n(ops[1]), "J");
    case "K":
      return encode(o, 0, 0, 0, n(ops[0]), "K");
    case "N":
      return encode(o, 0, 0, 0, 0, "N");
  }
}

/** Little-endian bytes of a list of words. */
export function words(list: number[]): Uint8Array {
  const bytes = new Uint8Array(list.length * 4);
  const view = new DataView(bytes.buffer);
  for (const [i, w] of list.entries()) view.setUint32(i * 4, w >>> 0, true);
  return bytes;
}
