/**
 * Step 4a: what an instruction does to what we know (the transfer functions), read off the ISA table's
 * semantics. Arithmetic on intervals is exact where it cannot wrap and gives up (any value) where it
 * might; pointers may only move by adding or subtracting scalars; every other operation on a pointer
 * yields a scalar, which can never be used as a pointer again.
 */
import type { AluOp, BranchCondition } from "../machine/isa";
import { branchTaken, evaluateAlu } from "../machine/semantics";
import {
  copyValue,
  INT_MAX,
  INT_MIN,
  interval,
  isPointer,
  KIND,
  meet,
  RELATION,
  type Relations,
  scalar,
  TOP,
  type Value,
  withRange,
} from "./domain";

/** `v`, known not to be 0. */
function nonzeroValue(v: Value): Value {
  const out = copyValue(v);
  out.nonzero = true;
  return out;
}

function shiftRels(rels: Relations | undefined, by: number): Relations | undefined {
  if (!rels) return undefined;
  const out = rels.slice();
  for (let i = 0; i < out.length; i += RELATION) {
    out[i + 2] += by;
    out[i + 3] += by;
  }
  return out;
}

/** v + [lo, hi] for a scalar or a pointer's offset; keeps loop relations when the amount is constant. */
export function addRange(v: Value, lo: number, hi: number, name?: string): Value {
  const nlo = v.lo + lo;
  const nhi = v.hi + hi;
  if (v.kind === KIND.SCALAR) {
    const out = interval(nlo, nhi);
    if (out === TOP) return TOP;
    if (lo === hi && v.rels) out.rels = shiftRels(v.rels, lo);
    if (lo === hi && lo === 0 && v.name) out.name = v.name;
    return out;
  }
  if (!isPointer(v)) return TOP;
  // Offsets are clamped to +-2^31: past that the address may wrap anywhere, and any access through such
  // a pointer fails its bounds check (no object is near that size), so clamping loses nothing.
  // Offsets that might leave +-2^31 become the whole range, for good: the address may have wrapped
  // anywhere, and every access through such a pointer fails its bounds check.
  if (nlo < INT_MIN || nhi > -INT_MIN) {
    const wild = withRange(v, INT_MIN, -INT_MIN);
    wild.name = name ?? v.name;
    // Where it pointed before it went wild (which field of the event), for the message.
    wild.tag = v.lo === INT_MIN ? v.tag : v.lo;
    return wild;
  }
  const out = withRange(v, nlo, nhi);
  out.name = name ?? v.name;
  if (lo === hi && v.rels) out.rels = shiftRels(v.rels, lo);
  return out;
}

function nonNegative(v: Value): boolean {
  return v.lo >= 0;
}

function bitsFor(n: number): number {
  return n <= 0 ? 0 : 32 - Math.clz32(n);
}

/** An ALU operation on two abstract values. */
export function alu(op: AluOp, x: Value, y: Value): Value {
  const xs = x.kind === KIND.SCALAR;
  const ys = y.kind === KIND.SCALAR;
  // Pointer arithmetic: pointer +- scalar, scalar + pointer, pointer - pointer of the same object.
  if (op === "add" && isPointer(x) && ys) return addRange(x, y.lo, y.hi, y.name);
  if (op === "add" && xs && isPointer(y)) return addRange(y, x.lo, x.hi, x.name);
  if (op === "sub" && isPointer(x) && ys) return addRange(x, -y.hi, -y.lo);
  if (op === "sub" && isPointer(x) && isPointer(y) && x.kind === y.kind && x.object === y.object)
    return interval(x.lo - y.hi, x.hi - y.lo);
  if (!xs || !ys) return TOP;
  if (x.lo === x.hi && y.lo === y.hi) {
    const v = evaluateAlu(op, x.lo, y.lo);
    return v === undefined ? TOP : scalar(v, v);
  }
  switch (op) {
    case "add":
      if (y.lo === y.hi) return addRange(x, y.lo, y.lo);
      if (x.lo === x.hi) return addRange(y, x.lo, x.lo);
      return interval(x.lo + y.lo, x.hi + y.hi);
    case "sub":
      if (y.lo === y.hi) return addRange(x, -y.lo, -y.lo);
      return interval(x.lo - y.hi, x.hi - y.lo);
    case "mul": {
      const p = [x.lo * y.lo, x.lo * y.hi, x.hi * y.lo, x.hi * y.hi];
      return interval(Math.min(...p), Math.max(...p), y.lo === y.hi ? x.name : undefined);
    }
    case "div":
      if (y.lo > 0) {
        const p = [x.lo / y.lo, x.lo / y.hi, x.hi / y.lo, x.hi / y.hi].map(Math.trunc);
        return interval(Math.min(...p), Math.max(...p));
      }
      return TOP;
    case "divu":
      if (nonNegative(x) && y.lo > 0) return interval(Math.trunc(x.lo / y.hi), Math.trunc(x.hi / y.lo));
      if (y.lo >= 2) return interval(0, Math.trunc(0xffff_ffff / y.lo));
      return TOP;
    case "rem":
    case "remu": {
      const m = Math.max(Math.abs(y.lo), Math.abs(y.hi)) - 1;
      if (y.lo > 0 && nonNegative(x)) return interval(0, Math.min(x.hi, m));
      // An unsigned remainder by a positive divisor is below the divisor, whatever the dividend.
      if (op === "remu" && y.lo > 0) return interval(0, y.hi - 1, x.name);
      if (op === "rem" && (y.lo > 0 || y.hi < 0) && m < INT_MAX) return interval(-m, m);
      return TOP;
    }
    case "and":
      if (nonNegative(x) && nonNegative(y)) return interval(0, Math.min(x.hi, y.hi));
      if (nonNegative(y)) return interval(0, y.hi, y.lo === y.hi ? x.name : undefined);
      if (nonNegative(x)) return interval(0, x.hi);
      return TOP;
    case "or":
    case "xor":
      if (nonNegative(x) && nonNegative(y))
        return interval(0, 2 ** Math.max(bitsFor(x.hi), bitsFor(y.hi)) - 1);
      return TOP;
    case "shl":
      if (y.lo === y.hi) {
        const k = y.lo & 31;
        return interval(x.lo * 2 ** k, x.hi * 2 ** k, x.name);
      }
      return TOP;
    case "shr":
      if (y.lo === y.hi) {
        const k = y.lo & 31;
        if (nonNegative(x)) return interval(Math.floor(x.lo / 2 ** k), Math.floor(x.hi / 2 ** k));
        return k === 0 ? TOP : interval(0, 2 ** (32 - k) - 1);
      }
      return nonNegative(x) ? interval(0, x.hi) : TOP;
    case "sar":
      if (y.lo === y.hi) {
        const k = y.lo & 31;
        return interval(Math.floor(x.lo / 2 ** k), Math.floor(x.hi / 2 ** k));
      }
      return interval(Math.min(x.lo, -1 < x.lo ? 0 : x.lo), Math.max(x.hi, 0));
    case "slt":
      if (x.hi < y.lo) return scalar(1, 1);
      if (x.lo >= y.hi) return scalar(0, 0);
      return scalar(0, 1);
    case "sltu":
      if (nonNegative(x) && nonNegative(y)) {
        if (x.hi < y.lo) return scalar(1, 1);
        if (x.lo >= y.hi) return scalar(0, 0);
      }
      return scalar(0, 1);
  }
}

/** The range a load of `width` bytes gives when nothing more is known. */
export function loadedRange(width: 1 | 2 | 4, signed: boolean): Value {
  if (width === 4) return TOP;
  const bits = 8 * width;
  return signed ? scalar(-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) : scalar(0, 2 ** bits - 1);
}

/**
 * Narrows two compared values by a branch outcome. Returns the narrowed pair, or undefined when the
 * outcome is impossible (the branch can never go that way on any path that reaches it).
 */
export function refine(
  cond: BranchCondition,
  taken: boolean,
  x: Value,
  y: Value,
): [Value, Value] | undefined {
  const c = taken ? cond : negate(cond);
  if (x.kind !== KIND.SCALAR || y.kind !== KIND.SCALAR) {
    // Pointers are never null and never compared for order in a way we can use: both ways possible,
    // unless the values are one and the same (then eq/ne are decided).
    if (x === y && (c === "ne" || c === "lt" || c === "ltu")) return undefined;
    return [x, y];
  }
  if (x.lo === x.hi && y.lo === y.hi) return branchTaken(c, x.lo, y.lo) ? [x, y] : undefined;
  switch (c) {
    case "eq": {
      if ((x.nonzero && y.lo === 0 && y.hi === 0) || (y.nonzero && x.lo === 0 && x.hi === 0))
        return undefined;
      const lo = Math.max(x.lo, y.lo);
      const hi = Math.min(x.hi, y.hi);
      if (lo > hi) return undefined;
      return [meet(x, lo, hi) as Value, meet(y, lo, hi) as Value];
    }
    case "ne": {
      let nx: Value | undefined = x;
      let ny: Value | undefined = y;
      if (y.lo === y.hi) nx = excludeEnd(x, y.lo);
      if (x.lo === x.hi) ny = excludeEnd(y, x.lo);
      if (nx && y.lo === 0 && y.hi === 0 && !nx.nonzero && nx.lo <= 0 && nx.hi >= 0) nx = nonzeroValue(nx);
      if (ny && x.lo === 0 && x.hi === 0 && !ny.nonzero && ny.lo <= 0 && ny.hi >= 0) ny = nonzeroValue(ny);
      return nx && ny ? [nx, ny] : undefined;
    }
    case "lt": {
      const nx = meet(x, INT_MIN, y.hi - 1);
      const ny = meet(y, x.lo + 1, INT_MAX);
      return nx && ny ? [nx, ny] : undefined;
    }
    case "ge": {
      const nx = meet(x, y.lo, INT_MAX);
      const ny = meet(y, INT_MIN, x.hi);
      return nx && ny ? [nx, ny] : undefined;
    }
    case "ltu":
      // x <u y with y >= 0 as signed: 0 <= x < y.
      if (y.lo >= 0) {
        const nx = meet(x, 0, y.hi - 1);
        if (!nx) return undefined;
        const ny = x.lo >= 0 ? meet(y, x.lo + 1, INT_MAX) : y;
        return ny ? [nx, ny] : undefined;
      }
      return [x, y];
    case "geu":
      if (x.lo >= 0 && y.lo >= 0) {
        const nx = meet(x, y.lo, INT_MAX);
        const ny = meet(y, 0, x.hi);
        return nx && ny ? [nx, ny] : undefined;
      }
      return [x, y];
  }
}

/** A value without one endpoint (an interval cannot drop a value from its middle). */
function excludeEnd(v: Value, n: number): Value | undefined {
  if (v.lo === n && v.hi === n) return undefined;
  if (v.lo === n) return meet(v, n + 1, v.hi);
  if (v.hi === n) return meet(v, v.lo, n - 1);
  return v;
}

export function negate(c: BranchCondition): BranchCondition {
  switch (c) {
    case "eq":
      return "ne";
    case "ne":
      return "eq";
    case "lt":
      return "ge";
    case "ge":
      return "lt";
    case "ltu":
      return "geu";
    case "geu":
      return "ltu";
  }
}
