/**
 * Operators on registers: `d = l OP r`, `d = s OP constant` (in the immediate forms the instruction
 * set has), and rewriting the last instruction to write another register.
 */
import { fitsImm16, fitsUimm16 } from "./emit";
import type { Gen } from "./genFunction";
import { log2 } from "./genMemory";
import type { MachineOp } from "./typed";

export const REGISTER_FORM: Partial<Record<MachineOp, string>> = {
  add: "add",
  sub: "sub",
  mul: "mul",
  div: "div",
  divu: "divu",
  rem: "rem",
  remu: "remu",
  and: "and",
  or: "or",
  xor: "xor",
  shl: "shl",
  shr: "shr",
  sar: "sar",
};

/** `d = l OP r` with all three in registers (d may be l or r: each sequence reads them first). */
export function applyRegister(g: Gen, op: MachineOp, d: string, l: string, r: string): void {
  const plain = REGISTER_FORM[op];
  if (plain) {
    g.out.ins(plain, `${d}, ${l}, ${r}`);
    return;
  }
  const unsigned = op.endsWith("u") && op !== "eq";
  const slt = unsigned ? "sltu" : "slt";
  switch (op) {
    case "eq":
    case "ne":
      g.out.ins("xor", `${d}, ${l}, ${r}`);
      g.out.ins(op === "eq" ? "seqz" : "snez", `${d}, ${d}`);
      return;
    case "lt":
    case "ltu":
      g.out.ins(slt, `${d}, ${l}, ${r}`);
      return;
    case "gt":
    case "gtu":
      g.out.ins(slt, `${d}, ${r}, ${l}`);
      return;
    case "le":
    case "leu":
      g.out.ins(slt, `${d}, ${r}, ${l}`);
      g.out.ins("xori", `${d}, ${d}, 1`);
      return;
    default:
      g.out.ins(slt, `${d}, ${l}, ${r}`);
      g.out.ins("xori", `${d}, ${d}, 1`);
  }
}

/**
 * `d = s OP constant` in one or two instructions, if the instruction set allows; false otherwise, and
 * then nothing is emitted.
 */
export function applyImmediate(g: Gen, op: MachineOp, d: string, s: string, value: number): boolean {
  let from = s;
  const emit = (mnemonic: string, imm: number) => {
    g.out.ins(mnemonic, `${d}, ${from}, ${imm}`);
    from = d;
  };
  const emitUnary = (mnemonic: string) => {
    g.out.ins(mnemonic, `${d}, ${from}`);
    from = d;
  };
  if (!immediateForm(op, value, emit, emitUnary)) return false;
  if (from !== d) g.out.ins("mov", `${d}, ${from}`);
  return true;
}

function immediateForm(
  op: MachineOp,
  value: number,
  emit: (mnemonic: string, imm: number) => void,
  emitUnary: (mnemonic: string) => void,
): boolean {
  const v = value | 0;
  const shift = log2(value >>> 0);
  switch (op) {
    case "add":
      if (!fitsImm16(v)) return false;
      if (v !== 0) emit("addi", v);
      return true;
    case "sub":
      if (!fitsImm16(-v)) return false;
      if (v !== 0) emit("addi", -v);
      return true;
    case "and":
    case "or":
    case "xor":
      if (!fitsUimm16(value >>> 0)) return false;
      emit(`${op}i`, value >>> 0);
      return true;
    case "shl":
    case "shr":
    case "sar":
      if (v < 0 || v > 31) return false;
      if (v !== 0) emit(`${op}i`, v);
      return true;
    case "mul":
      if (shift < 0) return false;
      if (shift > 0) emit("shli", shift);
      return true;
    case "divu":
      if (shift < 0) return false;
      if (shift > 0) emit("shri", shift);
      return true;
    case "remu":
      if (shift < 0 || !fitsUimm16((value >>> 0) - 1)) return false;
      emit("andi", (value >>> 0) - 1);
      return true;
    case "lt":
    case "ltu":
      if (!fitsImm16(v)) return false;
      emit(op === "lt" ? "slti" : "sltiu", v);
      return true;
    case "ge":
    case "geu":
      if (!fitsImm16(v)) return false;
      emit(op === "ge" ? "slti" : "sltiu", v);
      emit("xori", 1);
      return true;
    case "le":
    case "gt":
      // x <= c is x < c + 1.
      if (!fitsImm16(v + 1)) return false;
      emit("slti", v + 1);
      if (op === "gt") emit("xori", 1);
      return true;
    case "eq":
    case "ne":
      if (v !== 0) {
        if (fitsImm16(-v)) emit("addi", -v);
        else if (fitsUimm16(value >>> 0)) emit("xori", value >>> 0);
        else return false;
      }
      emitUnary(op === "eq" ? "seqz" : "snez");
      return true;
    default:
      return false;
  }
}

/** Instructions that only write their first operand (no memory, no jumps): they can write another register. */
const WRITES_FIRST = new Set([
  ...Object.values(REGISTER_FORM),
  ..."addi andi ori xori shli shri sari slt sltu slti sltiu lui li la mov seqz snez ldw ldh ldhu ldb ldbu".split(
    " ",
  ),
]);

/**
 * If the last instruction emitted computed `from` (and nothing else), makes it write `to` instead; for
 * a temp that is released straight after, so nothing reads `from` again.
 */
export function retarget(g: Gen, from: string, to: string): boolean {
  const lines = g.out.lines;
  const last = lines.at(-1);
  const m = last === undefined ? null : /^ {4}([a-z]+) +([a-z0-9]+)(,.*)$/.exec(last);
  if (!m || m[2] !== from || !WRITES_FIRST.has(m[1]!)) return false;
  lines[lines.length - 1] = `    ${m[1]!.padEnd(6)}${to}${m[3]}`;
  return true;
}
