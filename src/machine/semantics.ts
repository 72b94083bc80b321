/**
 * The concrete meaning of the ISA table's semantics (isa.ts): pure functions of 32-bit values. The
 * verifier folds constants with them, and the property test checks the interpreter's hand-written
 * switch against them, so the table stays the one source of what an instruction does.
 */
import type { AluOp, BranchCondition } from "./isa";

/** The result of an ALU operation on two 32-bit values (as signed int32), or undefined for a zero divisor. */
export function evaluateAlu(op: AluOp, x: number, y: number): number | undefined {
  x |= 0;
  y |= 0;
  switch (op) {
    case "add":
      return (x + y) | 0;
    case "sub":
      return (x - y) | 0;
    case "mul":
      return Math.imul(x, y);
    case "div":
      return y === 0 ? undefined : (x / y) | 0;
    case "divu":
      return y === 0 ? undefined : ((x >>> 0) / (y >>> 0)) | 0;
    case "rem":
      return y === 0 ? undefined : (x % y) | 0;
    case "remu":
      return y === 0 ? undefined : ((x >>> 0) % (y >>> 0)) | 0;
    case "and":
      return x & y;
    case "or":
      return x | y;
    case "xor":
      return x ^ y;
    case "shl":
      return x << (y & 31);
    case "shr":
      return (x >>> (y & 31)) | 0;
    case "sar":
      return x >> (y & 31);
    case "slt":
      return x < y ? 1 : 0;
    case "sltu":
      return x >>> 0 < y >>> 0 ? 1 : 0;
  }
}

/** Whether a branch with this condition is taken for rs1 = x, rs2 = y. */
export function branchTaken(condition: BranchCondition, x: number, y: number): boolean {
  x |= 0;
  y |= 0;
  switch (condition) {
    case "eq":
      return x === y;
    case "ne":
      return x !== y;
    case "lt":
      return x < y;
    case "ge":
      return x >= y;
    case "ltu":
      return x >>> 0 < y >>> 0;
    case "geu":
      return x >>> 0 >= y >>> 0;
  }
}

/** A loaded value of `width` bytes, sign- or zero-extended to a 32-bit int. */
export function extendLoaded(raw: number, width: 1 | 2 | 4, signed: boolean): number {
  if (width === 4) return raw | 0;
  const shift = 32 - 8 * width;
  return signed ? (raw << shift) >> shift : (raw << shift) >>> shift;
}
