/**
 * 64-bit values (`long long`, `unsigned long long`) in pairs of temps: the low word in one register,
 * the high word in another; in memory the low word comes first (little-endian). Add and subtract carry
 * from the low half to the high one with `sltu`; the bitwise operators, comparisons and shifts by a
 * constant are a few instructions on the two halves; multiplication, division, remainder and shifts by
 * a variable count call the library's helpers (wideRuntime.ts), as gcc calls libgcc's on a 32-bit CPU.
 * A call passes a 64-bit argument in two argument words, low word first, and returns one in a0 (low)
 * and a1 (high).
 */
import { mem } from "./emit";
import { genCall } from "./genCall";
import { genBranch, genDiscard, genExpr, narrow } from "./genExpr";
import type { Gen } from "./genFunction";
import {
  type Addr,
  fitOffset,
  genAddr,
  isFixed,
  load,
  regsOf,
  releaseAddr,
  store,
  tempsOf,
} from "./genMemory";
import { registerOf } from "./regalloc";
import type { Temp } from "./regs";
import type { MachineOp, TExpr } from "./typed";
import { INT, type IntType, isWide, UINT } from "./types";
import { WIDE_HELPERS } from "./wideRuntime";

export interface Pair {
  lo: Temp;
  hi: Temp;
}

function allocPair(g: Gen, ...pinned: Temp[]): Pair {
  const lo = g.regs.alloc(...pinned);
  const hi = g.regs.alloc(lo, ...pinned);
  return { lo, hi };
}

export function releasePair(g: Gen, p: Pair): void {
  g.regs.release(p.lo, p.hi);
}

/** Loads the two words at an address; the base temp becomes the low word unless `keepBase`. */
export function loadWide(g: Gen, a: Addr, keepBase = false): Pair {
  const f = fitOffset(g, a, 8);
  if (isFixed(f.base) || keepBase) {
    const p = allocPair(g, ...tempsOf(f.base));
    const [rl, rh, rb] = regsOf(g, p.lo, p.hi, f.base);
    g.out.ins("ldw", `${rl}, ${mem(rb!, f.offset)}`);
    g.out.ins("ldw", `${rh}, ${mem(rb!, f.offset + 4)}`);
    return p;
  }
  const base = f.base;
  const hi = g.regs.alloc(base);
  const [rh, rb] = g.regs.use(hi, base);
  g.out.ins("ldw", `${rh}, ${mem(rb!, f.offset + 4)}`);
  g.out.ins("ldw", `${rb}, ${mem(rb!, f.offset)}`);
  return { lo: base, hi };
}

/** Stores a pair (or zero) at an address; returns the address as used, for the caller to release. */
export function storeWide(g: Gen, a: Addr, v: Pair | "zero"): Addr {
  const f = fitOffset(g, a, 8);
  if (v === "zero") {
    const [rb] = regsOf(g, f.base);
    g.out.ins("stw", `zero, ${mem(rb!, f.offset)}`);
    g.out.ins("stw", `zero, ${mem(rb!, f.offset + 4)}`);
    return f;
  }
  const [rl, rh, rb] = regsOf(g, v.lo, v.hi, f.base);
  g.out.ins("stw", `${rl}, ${mem(rb!, f.offset)}`);
  g.out.ins("stw", `${rh}, ${mem(rb!, f.offset + 4)}`);
  return f;
}

/** Evaluates a 64-bit expression into a pair of temps. */
export function genWide(g: Gen, e: TExpr): Pair {
  switch (e.k) {
    case "const": {
      const p = allocPair(g);
      const [rl, rh] = g.regs.use(p.lo, p.hi);
      const bits = BigInt.asUintN(64, e.wide ?? BigInt(e.value));
      g.out.ins("li", `${rl}, ${Number(BigInt.asIntN(32, bits))}`);
      g.out.ins("li", `${rh}, ${Number(BigInt.asIntN(32, bits >> 32n))}`);
      return p;
    }
    case "var":
    case "deref":
    case "index":
    case "member":
      return loadWide(g, genAddr(g, e));
    case "binary":
      return applyOp(g, e.op, genWide(g, e.left), e.right);
    case "cast":
      return widen(g, e.operand);
    case "assign":
      return wideAssign(g, e, true)!;
    case "compound":
      return genCompoundNarrowOrWide(g, e, true) as Pair;
    case "incdec":
      return wideIncDec(g, e, true)!;
    case "comma":
      genDiscard(g, e.left);
      return genWide(g, e.right);
    case "call":
    case "icall":
      genCall(g, e, false);
      return resultPair(g);
    case "cond":
      return wideJoin(g, e);
    default:
      throw new Error(`internal error: a 64-bit value from '${e.k}'`);
  }
}

/** For effect only: assignments, ++/-- and compound assignments store without keeping the value. */
export function discardWide(g: Gen, e: TExpr): void {
  if (e.k === "assign") wideAssign(g, e, false);
  else if (e.k === "incdec") wideIncDec(g, e, false);
  else if (e.k === "compound") genCompoundNarrowOrWide(g, e, false);
  else releasePair(g, genWide(g, e));
}

/** The pair a call left in a0 (low) and a1 (high). */
function resultPair(g: Gen): Pair {
  const p = allocPair(g);
  const [rl, rh] = g.regs.use(p.lo, p.hi);
  g.out.ins("mov", `${rl}, a0`);
  g.out.ins("mov", `${rh}, a1`);
  return p;
}

/** A value converted to 64 bits: signed types extend their sign into the high word, the rest zeros. */
function widen(g: Gen, operand: TExpr): Pair {
  if (isWide(operand.type)) return genWide(g, operand);
  const lo = genExpr(g, operand);
  return extend(g, lo, operand.type.kind === "int" && operand.type.signed);
}

function extend(g: Gen, lo: Temp, signed: boolean): Pair {
  const hi = g.regs.alloc(lo);
  const [rl, rh] = g.regs.use(lo, hi);
  if (signed) g.out.ins("sari", `${rh}, ${rl}, 31`);
  else g.out.ins("mov", `${rh}, zero`);
  return { lo, hi };
}

/** The low word of a 64-bit value, converted to a type of at most 32 bits (C's truncation). */
export function genNarrowed(g: Gen, operand: TExpr, to: TExpr["type"]): Temp {
  const p = genWide(g, operand);
  g.regs.release(p.hi);
  const from = operand.type as IntType;
  narrow(g, p.lo, from.signed ? INT : UINT, to);
  return p.lo;
}

/** A 64-bit value as a truth value: a temp that is non-zero exactly when it is. */
export function genWideTruth(g: Gen, e: TExpr): Temp {
  const p = genWide(g, e);
  const [rl, rh] = g.regs.use(p.lo, p.hi);
  g.out.ins("or", `${rl}, ${rl}, ${rh}`);
  g.regs.release(p.hi);
  return p.lo;
}

/**
 * A comparison of two 64-bit values, as 0 or 1. a < b when the high words are less (signed or
 * unsigned as the operation says), or equal with the low words less (always unsigned).
 */
export function genWideCompare(g: Gen, op: MachineOp, left: TExpr, right: TExpr): Temp {
  const l = genWide(g, left);
  const r = genWide(g, right);
  if (op === "eq" || op === "ne") {
    const [ll, lh, rl, rh] = g.regs.use(l.lo, l.hi, r.lo, r.hi);
    g.out.ins("xor", `${ll}, ${ll}, ${rl}`);
    g.out.ins("xor", `${lh}, ${lh}, ${rh}`);
    g.out.ins("or", `${ll}, ${ll}, ${lh}`);
    g.out.ins(op === "eq" ? "seqz" : "snez", `${ll}, ${ll}`);
    g.regs.release(l.hi, r.lo, r.hi);
    return l.lo;
  }
  const unsigned = op.endsWith("u");
  const base = unsigned ? op.slice(0, -1) : op;
  // a > b is b < a; a <= b is !(b < a); a >= b is !(a < b).
  const swap = base === "gt" || base === "le";
  const [a, b] = swap ? [r, l] : [l, r];
  const [al, ah, bl, bh] = g.regs.use(a.lo, a.hi, b.lo, b.hi);
  g.out.ins("sltu", `${al}, ${al}, ${bl}`);
  g.out.ins(unsigned ? "sltu" : "slt", `${bl}, ${ah}, ${bh}`);
  g.out.ins("xor", `${ah}, ${ah}, ${bh}`);
  g.out.ins("seqz", `${ah}, ${ah}`);
  g.out.ins("and", `${al}, ${al}, ${ah}`);
  g.out.ins("or", `${al}, ${al}, ${bl}`);
  if (base === "le" || base === "ge") g.out.ins("xori", `${al}, ${al}, 1`);
  g.regs.release(a.hi, b.lo, b.hi);
  return a.lo;
}

/** left OP right, with left already in a pair (which the result reuses when it can). */
function applyOp(g: Gen, op: MachineOp, l: Pair, right: TExpr): Pair {
  const helper = WIDE_HELPERS[op];
  if (op === "shl" || op === "shr" || op === "sar") {
    if (right.k === "const") {
      shiftConstant(g, op, l, right.value & 63);
      return l;
    }
    return callHelper(g, helper!, [l.lo, l.hi, genExpr(g, right)]);
  }
  const r = genWide(g, right);
  if (op === "div" || op === "divu" || op === "rem" || op === "remu") trapOnZeroDivisor(g, l, r);
  if (helper) return callHelper(g, helper, [l.lo, l.hi, r.lo, r.hi]);
  const [ll, lh, rl, rh] = g.regs.use(l.lo, l.hi, r.lo, r.hi);
  switch (op) {
    case "add":
      g.out.ins("add", `${ll}, ${ll}, ${rl}`);
      g.out.ins("sltu", `${rl}, ${ll}, ${rl}`); // the carry: the sum wrapped below an addend
      g.out.ins("add", `${lh}, ${lh}, ${rh}`);
      g.out.ins("add", `${lh}, ${lh}, ${rl}`);
      break;
    case "sub":
      g.out.ins("sub", `${lh}, ${lh}, ${rh}`);
      g.out.ins("sltu", `${rh}, ${ll}, ${rl}`); // the borrow
      g.out.ins("sub", `${ll}, ${ll}, ${rl}`);
      g.out.ins("sub", `${lh}, ${lh}, ${rh}`);
      break;
    case "and":
    case "or":
    case "xor":
      g.out.ins(op, `${ll}, ${ll}, ${rl}`);
      g.out.ins(op, `${lh}, ${lh}, ${rh}`);
      break;
    default:
      throw new Error(`internal error: the 64-bit operation '${op}'`);
  }
  releasePair(g, r);
  return l;
}

/** Shifts a pair by a constant 0..63: bits cross from one half to the other. */
function shiftConstant(g: Gen, op: "shl" | "shr" | "sar", p: Pair, n: number): void {
  if (n === 0) return;
  const [rl, rh] = g.regs.use(p.lo, p.hi);
  if (n >= 32) {
    if (op === "shl") {
      g.out.ins("shli", `${rh}, ${rl}, ${n - 32}`);
      g.out.ins("mov", `${rl}, zero`);
    } else {
      g.out.ins(op === "shr" ? "shri" : "sari", `${rl}, ${rh}, ${n - 32}`);
      if (op === "shr") g.out.ins("mov", `${rh}, zero`);
      else g.out.ins("sari", `${rh}, ${rh}, 31`);
    }
    return;
  }
  const t = g.regs.alloc(p.lo, p.hi);
  const [rt, l, h] = g.regs.use(t, p.lo, p.hi);
  if (op === "shl") {
    g.out.ins("shri", `${rt}, ${l}, ${32 - n}`);
    g.out.ins("shli", `${h}, ${h}, ${n}`);
    g.out.ins("or", `${h}, ${h}, ${rt}`);
    g.out.ins("shli", `${l}, ${l}, ${n}`);
  } else {
    g.out.ins("shli", `${rt}, ${h}, ${32 - n}`);
    g.out.ins("shri", `${l}, ${l}, ${n}`);
    g.out.ins("or", `${l}, ${l}, ${rt}`);
    g.out.ins(op === "shr" ? "shri" : "sari", `${h}, ${h}, ${n}`);
  }
  g.regs.release(t);
}

/**
 * A zero 64-bit divisor divides by zero here, before the helper is called, so the trap (and the
 * bluescreen, or the process's fault) names this line rather than one inside the C library.
 * `divu t, t, t` with t = lo | hi: 1 for any other divisor, a divide-by-zero trap for 0.
 */
function trapOnZeroDivisor(g: Gen, l: Pair, r: Pair): void {
  const t = g.regs.alloc(l.lo, l.hi, r.lo, r.hi);
  const [rt, lo, hi] = g.regs.use(t, r.lo, r.hi);
  g.out.ins("or", `${rt}, ${lo}, ${hi}`);
  g.out.ins("divu", `${rt}, ${rt}, ${rt}`);
  g.regs.release(t);
}

/** Calls a helper with words already in temps (a0, a1, ...); the result pair comes back in a0 and a1. */
function callHelper(g: Gen, name: string, words: Temp[]): Pair {
  words.forEach((t, k) => {
    if (t.reg >= 0) g.out.ins("mov", `a${k}, ${g.regs.name(t)}`);
    else g.out.ins("ldw", `a${k}, ${mem("fp", t.slot)}`);
  });
  g.regs.release(...words);
  g.regs.spillAll();
  g.out.ins("call", name);
  return resultPair(g);
}

function wideAssign(g: Gen, e: Extract<TExpr, { k: "assign" }>, wantValue: boolean): Pair | undefined {
  const zero = !wantValue && e.value.k === "const" && e.value.value === 0;
  const v = zero ? undefined : genWide(g, e.value);
  const a = genAddr(g, e.target);
  releaseAddr(g, storeWide(g, a, v ?? "zero"));
  if (!wantValue) {
    if (v) releasePair(g, v);
    return undefined;
  }
  return v;
}

/**
 * `target OP= value` computed in 64 bits: the target is a 64-bit lvalue, or a narrower one whose
 * operation C does in 64 bits (`int x; x += big;`): then it is widened, and the result cut back.
 */
function compound(g: Gen, e: Extract<TExpr, { k: "compound" }>): { addr: Addr; result: Pair } {
  const addr = genAddr(g, e.target);
  const targetType = e.target.type as IntType;
  let old: Pair;
  if (isWide(targetType)) old = loadWide(g, addr, true);
  else {
    // Computing in 64 bits means the operation's type is 64-bit: the value's (a shift's is the target's).
    old = extend(g, load(g, addr, targetType, true), targetType.signed);
  }
  return { addr, result: applyOp(g, e.op, old, e.value) };
}

/** A compound assignment that involves a 64-bit value, whatever the target's width. */
export function genCompoundNarrowOrWide(
  g: Gen,
  e: Extract<TExpr, { k: "compound" }>,
  wantValue: boolean,
): Temp | Pair | undefined {
  const reg = registerOf(e.target);
  if (reg) {
    // A register variable (a 32-bit one: 64-bit variables live in memory): widen, compute, cut back.
    const t = g.regs.alloc();
    g.out.ins("mov", `${g.regs.name(t)}, ${reg}`);
    const result = applyOp(g, e.op, extend(g, t, (e.target.type as IntType).signed), e.value);
    g.regs.release(result.hi);
    g.out.ins("mov", `${reg}, ${g.regs.name(result.lo)}`);
    if (wantValue) return result.lo;
    g.regs.release(result.lo);
    return undefined;
  }
  const { addr, result } = compound(g, e);
  if (isWide(e.target.type)) {
    releaseAddr(g, storeWide(g, addr, result));
    if (wantValue) return result;
    releasePair(g, result);
    return undefined;
  }
  const [rl, rh] = g.regs.use(result.lo, result.hi);
  // _Bool tests the whole value; the other types keep the low word (and narrow it).
  if (e.target.type.kind === "int" && e.target.type.bool) g.out.ins("or", `${rl}, ${rl}, ${rh}`);
  g.regs.release(result.hi);
  narrow(g, result.lo, INT, e.target.type);
  releaseAddr(g, store(g, addr, e.target.type, result.lo));
  if (wantValue) return result.lo;
  g.regs.release(result.lo);
  return undefined;
}

/** ++ and -- on a 64-bit lvalue: add ±1 with the carry into the high word. */
function wideIncDec(g: Gen, e: Extract<TExpr, { k: "incdec" }>, wantValue: boolean): Pair | undefined {
  const a = genAddr(g, e.target);
  const old = loadWide(g, a, true);
  const next = allocPair(g, old.lo, old.hi, ...tempsOf(a.base));
  const [ol, oh, nl, nh] = g.regs.use(old.lo, old.hi, next.lo, next.hi);
  g.out.ins("addi", `${nl}, ${ol}, ${e.delta}`);
  // Adding +1 carries when the low word wrapped to below its old value; -1 is +0xffffffff with a
  // high word of -1, which the carry cancels unless the low word was 0.
  g.out.ins("sltu", `${nh}, ${nl}, ${ol}`);
  g.out.ins("add", `${nh}, ${nh}, ${oh}`);
  if (e.delta < 0) g.out.ins("addi", `${nh}, ${nh}, -1`);
  releaseAddr(g, storeWide(g, a, next));
  if (!wantValue) {
    releasePair(g, old);
    releasePair(g, next);
    return undefined;
  }
  if (e.post) {
    releasePair(g, next);
    return old;
  }
  releasePair(g, old);
  return next;
}

/** ?: with a 64-bit result: both paths leave it in t0 (low) and t1 (high), with everything else spilled. */
function wideJoin(g: Gen, e: Extract<TExpr, { k: "cond" }>): Pair {
  g.regs.spillAll();
  const otherwise = g.newLabel();
  const end = g.newLabel();
  genBranch(g, e.cond, otherwise, false);
  intoT0T1(g, e.then);
  g.out.ins("j", end);
  g.out.label(otherwise);
  intoT0T1(g, e.else);
  g.out.label(end);
  const lo = g.regs.allocIn("t0");
  const hi = g.regs.allocIn("t1");
  return { lo, hi };
}

function intoT0T1(g: Gen, e: TExpr): void {
  const p = genWide(g, e);
  const [rl, rh] = g.regs.use(p.lo, p.hi);
  if (rl === "t1" && rh === "t0") {
    // Swapped: exchange them without a third register.
    g.out.ins("xor", "t0, t0, t1");
    g.out.ins("xor", "t1, t0, t1");
    g.out.ins("xor", "t0, t0, t1");
  } else if (rh === "t0") {
    g.out.ins("mov", "t1, t0");
    g.out.ins("mov", `t0, ${rl}`);
  } else {
    if (rl !== "t0") g.out.ins("mov", `t0, ${rl}`);
    if (rh !== "t1") g.out.ins("mov", `t1, ${rh}`);
  }
  releasePair(g, p);
}
