/**
 * Builds typed nodes, folding constants with C's semantics as it goes (32-bit arithmetic in JS
 * numbers, 64-bit arithmetic in BigInts): so `3 * 4` is the constant 12 wherever it appears, array
 * sizes and case labels are plain numbers, and the code generator sees immediates. Division by zero
 * is left unfolded (the checker warns about it).
 */
import type { Pos } from "./diagnostics";
import type { MachineOp, TExpr } from "./typed";
import { type CType, convertValue, convertWide, INT, type IntType, isInteger, isWide } from "./types";

/** A constant of type `type`; a BigInt keeps all 64 bits of a value that a JS number cannot hold exactly. */
export function constant(value: number | bigint, type: IntType, pos: Pos): TExpr {
  if (type.size === 8) {
    const wide = convertWide(typeof value === "bigint" ? value : BigInt(Math.trunc(value)), type);
    return { k: "const", value: Number(wide), wide, type, pos };
  }
  if (typeof value === "bigint") {
    // Truncating first keeps the low bits exact; _Bool compares the whole value with 0.
    const low = type.bool ? (value !== 0n ? 1 : 0) : Number(BigInt.asIntN(32, value));
    return { k: "const", value: convertValue(low, type), type, pos };
  }
  return { k: "const", value: convertValue(value, type), type, pos };
}

export function constantValue(t: TExpr): number | undefined {
  return t.k === "const" ? t.value : undefined;
}

/** A constant's exact value, whatever its width. */
export function exactValue(t: Extract<TExpr, { k: "const" }>): bigint {
  return t.wide ?? BigInt(t.value);
}

/** Evaluates a machine operation on two 64-bit values; undefined for division by zero. */
export function evalWide(op: MachineOp, a: bigint, b: bigint): bigint | undefined {
  const sa = BigInt.asIntN(64, a);
  const sb = BigInt.asIntN(64, b);
  const ua = BigInt.asUintN(64, a);
  const ub = BigInt.asUintN(64, b);
  const count = ub & 63n;
  const truth = (x: boolean): bigint => (x ? 1n : 0n);
  switch (op) {
    case "add":
      return a + b;
    case "sub":
      return a - b;
    case "mul":
      return a * b;
    case "div":
      return sb === 0n ? undefined : sa / sb;
    case "divu":
      return ub === 0n ? undefined : ua / ub;
    case "rem":
      return sb === 0n ? undefined : sa % sb;
    case "remu":
      return ub === 0n ? undefined : ua % ub;
    case "and":
      return a & b;
    case "or":
      return a | b;
    case "xor":
      return a ^ b;
    case "shl":
      return a << count;
    case "shr":
      return ua >> count;
    case "sar":
      return sa >> count;
    case "eq":
      return truth(ua === ub);
    case "ne":
      return truth(ua !== ub);
    case "lt":
      return truth(sa < sb);
    case "le":
      return truth(sa <= sb);
    case "gt":
      return truth(sa > sb);
    case "ge":
      return truth(sa >= sb);
    case "ltu":
      return truth(ua < ub);
    case "leu":
      return truth(ua <= ub);
    case "gtu":
      return truth(ua > ub);
    case "geu":
      return truth(ua >= ub);
  }
}

/** Evaluates a machine operation on two 32-bit values; undefined for division by zero. */
export function evalOp(op: MachineOp, a: number, b: number): number | undefined {
  const ua = a >>> 0;
  const ub = b >>> 0;
  switch (op) {
    case "add":
      return (a + b) | 0;
    case "sub":
      return (a - b) | 0;
    case "mul":
      return Math.imul(a, b);
    case "div":
      return (b | 0) === 0 ? undefined : Math.trunc((a | 0) / (b | 0)) | 0;
    case "divu":
      return ub === 0 ? undefined : Math.floor(ua / ub) | 0;
    case "rem":
      return (b | 0) === 0 ? undefined : ((a | 0) % (b | 0)) | 0;
    case "remu":
      return ub === 0 ? undefined : (ua % ub) | 0;
    case "and":
      return a & b;
    case "or":
      return a | b;
    case "xor":
      return a ^ b;
    case "shl":
      return a << (b & 31);
    case "shr":
      return (a >>> (b & 31)) | 0;
    case "sar":
      return a >> (b & 31);
    case "eq":
      return ua === ub ? 1 : 0;
    case "ne":
      return ua !== ub ? 1 : 0;
    case "lt":
      return (a | 0) < (b | 0) ? 1 : 0;
    case "le":
      return (a | 0) <= (b | 0) ? 1 : 0;
    case "gt":
      return (a | 0) > (b | 0) ? 1 : 0;
    case "ge":
      return (a | 0) >= (b | 0) ? 1 : 0;
    case "ltu":
      return ua < ub ? 1 : 0;
    case "leu":
      return ua <= ub ? 1 : 0;
    case "gtu":
      return ua > ub ? 1 : 0;
    case "geu":
      return ua >= ub ? 1 : 0;
  }
}

export function binary(op: MachineOp, left: TExpr, right: TExpr, type: CType, pos: Pos): TExpr {
  if (left.k === "const" && right.k === "const" && isInteger(type)) {
    if (isWide(left.type) || isWide(type)) {
      const v = evalWide(op, exactValue(left), exactValue(right));
      if (v !== undefined) return constant(v, type, pos);
      return { k: "binary", op, left, right, type, pos };
    }
    const v = evalOp(op, left.value, right.value);
    if (v !== undefined) return constant(v, type, pos);
  }
  return { k: "binary", op, left, right, type, pos };
}

/** Converts a value to type `to` (integers and pointers); folds constants; leaves same-type values alone. */
export function cast(t: TExpr, to: CType, pos: Pos = t.pos): TExpr {
  if (to.kind === "int" && t.k === "const") return constant(t.wide ?? t.value, to, pos);
  if (to.kind === "int" && to.bool && !(t.type.kind === "int" && t.type.bool)) {
    // Converting to _Bool is comparing with 0 (C 6.3.1.2), for integers and pointers alike.
    const zero: TExpr = isWide(t.type)
      ? constant(0n, t.type as IntType, pos)
      : { k: "const", value: 0, type: t.type.kind === "ptr" ? t.type : INT, pos };
    return { k: "binary", op: "ne", left: t, right: zero, type: to, pos };
  }
  if (t.type.kind === to.kind) {
    if (
      to.kind === "int" &&
      t.type.kind === "int" &&
      to.size === t.type.size &&
      to.signed === t.type.signed
    ) {
      return t.type.plainChar === to.plainChar ? t : { ...t, type: to };
    }
    if (to.kind === "ptr" && t.k === "cast") return { ...t, type: to };
  }
  return { k: "cast", operand: t, type: to, pos };
}

/** A null pointer constant: the integer constant 0, or it cast to void *. */
export function isNullConstant(t: TExpr): boolean {
  if (t.k === "const" && t.type.kind === "int" && t.value === 0) return true;
  // (void *)0, as NULL is defined.
  return t.k === "cast" && t.type.kind === "ptr" && t.type.to.kind === "void" && isNullConstant(t.operand);
}

/** Whether evaluating t twice is harmless: no calls, assignments or increments. */
export function isPure(t: TExpr): boolean {
  switch (t.k) {
    case "const":
    case "str":
    case "var":
      return true;
    case "deref":
      return isPure(t.ptr);
    case "index":
      return isPure(t.base) && isPure(t.index);
    case "member":
      return isPure(t.object);
    case "addr":
      return isPure(t.lvalue);
    case "binary":
    case "logic":
      return isPure(t.left) && isPure(t.right);
    case "not":
    case "cast":
      return isPure(t.operand);
    case "cond":
      return isPure(t.cond) && isPure(t.then) && isPure(t.else);
    default:
      return false;
  }
}
