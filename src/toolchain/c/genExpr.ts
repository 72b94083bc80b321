/**
 * Expressions -> instructions. genExpr leaves a value in a temp; genDiscard evaluates for effect only;
 * genBranch jumps on a condition without materializing 0 or 1. Constants go into immediates where
 * the instruction has a form for them.
 */
import { fitsImm16 } from "./emit";
import { updateBounds } from "./genBounds";
import { genCall } from "./genCall";
import type { Gen } from "./genFunction";
import { copyBytes, genAddr, load, materialize, releaseAddr, store, tempsOf } from "./genMemory";
import { applyImmediate, applyRegister, retarget } from "./genOperators";
import {
  discardWide,
  genCompoundNarrowOrWide,
  genNarrowed,
  genWide,
  genWideCompare,
  genWideTruth,
  releasePair,
} from "./genWide";
import { registerOf, registerRead, type SavedRegister, writesRegister } from "./regalloc";
import type { Temp } from "./regs";
import type { MachineOp, TExpr } from "./typed";
import { alignOf, type CType, isWide, sizeOf } from "./types";

const COMMUTATIVE = new Set<MachineOp>(["add", "mul", "and", "or", "xor", "eq", "ne"]);

/** Branches for "jump if left OP right": [mnemonic, swap operands]. */
const BRANCH: Record<string, [string, boolean]> = {
  eq: ["beq", false],
  ne: ["bne", false],
  lt: ["blt", false],
  ge: ["bge", false],
  gt: ["blt", true],
  le: ["bge", true],
  ltu: ["bltu", false],
  geu: ["bgeu", false],
  gtu: ["bltu", true],
  leu: ["bgeu", true],
};
const NEGATE: Record<string, string> = {
  eq: "ne",
  ne: "eq",
  lt: "ge",
  ge: "lt",
  gt: "le",
  le: "gt",
  ltu: "geu",
  geu: "ltu",
  gtu: "leu",
  leu: "gtu",
};

export function genExpr(g: Gen, e: TExpr): Temp {
  // A 64-bit value needs a pair of registers: genWide computes those; one word here is a bug.
  if (isWide(e.type)) throw new Error(`internal error: a 64-bit '${e.k}' where one word was expected`);
  switch (e.k) {
    case "const": {
      const t = g.regs.alloc();
      g.out.ins("li", `${g.regs.name(t)}, ${e.value | 0}`);
      return t;
    }
    case "var":
      if (e.sym.register) {
        const t = g.regs.alloc();
        g.out.ins("mov", `${g.regs.name(t)}, ${e.sym.register}`);
        return t;
      }
      return genLoad(g, e);
    case "deref":
    case "index":
    case "member":
    case "str":
    case "literal":
      return genLoad(g, e);
    case "addr":
      return materialize(g, genAddr(g, e.lvalue));
    case "binary":
      if (isWide(e.left.type)) return genWideCompare(g, e.op, e.left, e.right);
      return genBinary(g, e);
    case "not": {
      const t = isWide(e.operand.type) ? genWideTruth(g, e.operand) : genExpr(g, e.operand);
      const r = g.regs.name(t);
      g.out.ins("seqz", `${r}, ${r}`);
      return t;
    }
    case "cast":
      return genCast(g, e);
    case "assign":
      return genAssign(g, e, true)!;
    case "compound":
      if (isWide(e.value.type)) return genCompoundNarrowOrWide(g, e, true) as Temp;
      return genCompound(g, e);
    case "incdec":
      return genIncDec(g, e, true)!;
    case "comma":
      genDiscard(g, e.left);
      return genExpr(g, e.right);
    case "call":
    case "icall":
      return genCall(g, e, true)!;
    case "funcref": {
      const t = g.regs.alloc();
      g.out.ins("la", `${g.regs.name(t)}, ${e.func.label}`);
      return t;
    }
    case "logic":
    case "cond":
      return genJoin(g, e);
  }
}

/** Evaluates for side effects only. */
export function genDiscard(g: Gen, e: TExpr): void {
  const storesWide = e.k === "assign" || e.k === "incdec" || e.k === "compound";
  if (storesWide && (isWide(e.type) || (e.k === "compound" && isWide(e.value.type)))) {
    discardWide(g, e);
    return;
  }
  switch (e.k) {
    case "call":
    case "icall":
      genCall(g, e, false);
      return;
    case "assign":
      genAssign(g, e, false);
      return;
    case "incdec":
      genIncDec(g, e, false);
      return;
    case "comma":
      genDiscard(g, e.left);
      genDiscard(g, e.right);
      return;
    case "compound":
      if (registerOf(e.target)) {
        compoundRegister(g, e);
        return;
      }
      g.regs.release(genExpr(g, e));
      return;
    case "cast":
      genDiscard(g, e.operand);
      return;
    case "cond":
    case "logic": {
      g.regs.spillAll();
      const end = g.newLabel();
      if (e.k === "logic") {
        genBranch(g, e.left, end, e.op === "||");
        genDiscard(g, e.right);
      } else {
        const otherwise = g.newLabel();
        genBranch(g, e.cond, otherwise, false);
        genDiscard(g, e.then);
        g.out.ins("j", end);
        g.out.label(otherwise);
        genDiscard(g, e.else);
      }
      g.out.label(end);
      return;
    }
    case "const":
      return;
    default:
      if (isWide(e.type)) releasePair(g, genWide(g, e));
      else g.regs.release(genExpr(g, e));
  }
}

/** An lvalue's value: loaded, or for arrays and structs, its address. */
function genLoad(g: Gen, e: TExpr): Temp {
  const a = genAddr(g, e);
  if (e.type.kind === "struct" || e.type.kind === "array") return materialize(g, a);
  return load(g, a, e.type);
}

// ---- Operators --------------------------------------------------------------------------------------

/**
 * An operand that an instruction can read where it is: a register variable, or zero for the constant
 * 0; anything else is computed into a temp (which the caller releases).
 */
function operand(g: Gen, e: TExpr): SavedRegister | "zero" | Temp {
  const reg = registerRead(e);
  if (reg) return reg;
  if (e.k === "const" && e.value === 0) return "zero";
  return genExpr(g, e);
}

const isTemp = (x: string | Temp): x is Temp => typeof x !== "string";

/** Register names for operands, all made present at once so none evicts another. */
function namesOf(g: Gen, ...items: (string | Temp)[]): string[] {
  const names = g.regs.use(...items.filter(isTemp));
  let next = 0;
  return items.map((x) => (isTemp(x) ? names[next++]! : x));
}

function genBinary(g: Gen, e: Extract<TExpr, { k: "binary" }>): Temp {
  let { left, right } = e;
  if (left.k === "const" && right.k !== "const" && COMMUTATIVE.has(e.op)) [left, right] = [right, left];
  // A register variable on the left is read where it is, unless the right side assigns one.
  const lreg = writesRegister(right) ? undefined : registerRead(left);
  if (lreg) {
    if (right.k === "const") {
      const d = g.regs.alloc();
      if (applyImmediate(g, e.op, g.regs.name(d), lreg, right.value)) return d;
      g.regs.release(d);
    }
    const r = operand(g, right);
    const d = isTemp(r) ? r : g.regs.alloc();
    const [rd, rr] = namesOf(g, d, r);
    applyRegister(g, e.op, rd!, lreg, rr!);
    return d;
  }
  const l = genExpr(g, left);
  if (right.k === "const" && applyImmediate(g, e.op, g.regs.name(l), g.regs.name(l), right.value)) return l;
  const r = operand(g, right);
  const [rl, rr] = namesOf(g, l, r);
  applyRegister(g, e.op, rl!, rl!, rr!);
  if (isTemp(r)) g.regs.release(r);
  return l;
}

function genCast(g: Gen, e: Extract<TExpr, { k: "cast" }>): Temp {
  const to = e.type;
  if (to.kind === "void") {
    genDiscard(g, e.operand);
    return g.regs.alloc();
  }
  if (isWide(e.operand.type)) return genNarrowed(g, e.operand, to);
  const t = genExpr(g, e.operand);
  narrow(g, t, e.operand.type, to);
  return t;
}

/** Converts a register's value from type `from` to type `to`: truncate and extend where needed. */
export function narrow(g: Gen, t: Temp, from: CType, to: CType): void {
  if (to.kind === "int" && to.bool) {
    // _Bool holds 0 or 1: any other value becomes 1 (b += 2, b++).
    if (!(from.kind === "int" && from.bool)) g.out.ins("sltu", `${g.regs.name(t)}, zero, ${g.regs.name(t)}`);
    return;
  }
  if (to.kind !== "int" || to.size === 4) return;
  if (from.kind === "int" && from.size <= to.size && (from.signed === to.signed || !from.signed)) {
    if (from.size < to.size || from.signed === to.signed) return;
  }
  const r = g.regs.name(t);
  if (!to.signed) {
    g.out.ins("andi", `${r}, ${r}, ${to.size === 1 ? 0xff : 0xffff}`);
    return;
  }
  const bits = 32 - to.size * 8;
  g.out.ins("shli", `${r}, ${r}, ${bits}`);
  g.out.ins("sari", `${r}, ${r}, ${bits}`);
}

// ---- Assignment ---------------------------------------------------------------------------------------

function genAssign(g: Gen, e: Extract<TExpr, { k: "assign" }>, wantValue: boolean): Temp | undefined {
  const type = e.target.type;
  if (type.kind === "struct") {
    const src = genAddr(g, e.value);
    const dst = genAddr(g, e.target);
    copyBytes(g, dst, src, sizeOf(type), alignOf(type));
    releaseAddr(g, src);
    if (!wantValue) {
      releaseAddr(g, dst);
      return undefined;
    }
    return materialize(g, dst);
  }
  const reg = registerOf(e.target);
  if (reg) {
    const v = setRegister(g, reg, e.value, wantValue);
    if (e.target.k === "var" && e.target.sym.tracked) updateBounds(g, e.target.sym, e.value);
    return v;
  }
  // A register variable is stored straight from its register, unless the address assigns one.
  const from = wantValue || writesRegister(e.target) ? undefined : registerRead(e.value);
  const zero = !wantValue && e.value.k === "const" && e.value.value === 0;
  const v = zero || from ? undefined : genExpr(g, e.value);
  const a = genAddr(g, e.target);
  store(g, a, type, v ?? from ?? "zero");
  releaseAddr(g, a);
  if (e.target.k === "var" && e.target.sym.tracked) updateBounds(g, e.target.sym, e.value);
  if (!wantValue) {
    if (v) g.regs.release(v);
    return undefined;
  }
  return v;
}

/**
 * `reg = value`, with the value's last instruction writing reg itself when the value is not wanted
 * (`i = i + 1` is one `addi s0, s0, 1`). Returns the value's temp if wanted.
 */
export function setRegister(g: Gen, reg: SavedRegister, value: TExpr, wantValue: boolean): Temp | undefined {
  if (!wantValue && value.k === "const") {
    g.out.ins("li", `${reg}, ${value.value | 0}`);
    return undefined;
  }
  const v = genExpr(g, value);
  const rv = g.regs.name(v);
  if (wantValue || !retarget(g, rv, reg)) g.out.ins("mov", `${reg}, ${rv}`);
  if (wantValue) return v;
  g.regs.release(v);
  return undefined;
}

/** `reg OP= value` on a register variable. */
function compoundRegister(g: Gen, e: Extract<TExpr, { k: "compound" }>): void {
  const reg = registerOf(e.target)!;
  if (e.value.k === "const" && applyImmediate(g, e.op, reg, reg, e.value.value)) return;
  const v = operand(g, e.value);
  const [rv] = namesOf(g, v);
  applyRegister(g, e.op, reg, reg, rv!);
  if (isTemp(v)) g.regs.release(v);
}

function genCompound(g: Gen, e: Extract<TExpr, { k: "compound" }>): Temp {
  const reg = registerOf(e.target);
  if (reg) {
    compoundRegister(g, e);
    const t = g.regs.alloc();
    g.out.ins("mov", `${g.regs.name(t)}, ${reg}`);
    return t;
  }
  const a = genAddr(g, e.target);
  const t = load(g, a, e.target.type, true);
  const rt = g.regs.name(t);
  if (!(e.value.k === "const" && applyImmediate(g, e.op, rt, rt, e.value.value))) {
    const v = operand(g, e.value);
    const [rt2, rv] = namesOf(g, t, v);
    applyRegister(g, e.op, rt2!, rt2!, rv!);
    if (isTemp(v)) g.regs.release(v);
  }
  narrow(g, t, { kind: "int", size: 4, signed: true }, e.target.type);
  store(g, a, e.target.type, t);
  releaseAddr(g, a);
  return t;
}

function genIncDec(g: Gen, e: Extract<TExpr, { k: "incdec" }>, wantValue: boolean): Temp | undefined {
  const type = e.target.type;
  const reg = registerOf(e.target);
  if (reg) {
    const old = e.post && wantValue ? g.regs.alloc() : undefined;
    if (old) g.out.ins("mov", `${g.regs.name(old)}, ${reg}`);
    if (fitsImm16(e.delta)) g.out.ins("addi", `${reg}, ${reg}, ${e.delta}`);
    else {
      const k = g.regs.alloc(...(old ? [old] : []));
      const rk = g.regs.name(k);
      g.out.ins("li", `${rk}, ${e.delta}`);
      g.out.ins("add", `${reg}, ${reg}, ${rk}`);
      g.regs.release(k);
    }
    if (old || !wantValue) return old;
    const t = g.regs.alloc();
    g.out.ins("mov", `${g.regs.name(t)}, ${reg}`);
    return t;
  }
  const a = genAddr(g, e.target);
  const t = load(g, a, type, true);
  const result = e.post && wantValue ? g.regs.alloc(t, ...tempsOf(a.base)) : t;
  const [rt, rr] = g.regs.use(t, result);
  if (fitsImm16(e.delta)) g.out.ins("addi", `${rr}, ${rt}, ${e.delta}`);
  else {
    const k = g.regs.alloc(t, result);
    const [rk, rt2, rr2] = g.regs.use(k, t, result);
    g.out.ins("li", `${rk}, ${e.delta}`);
    g.out.ins("add", `${rr2}, ${rt2}, ${rk}`);
    g.regs.release(k);
  }
  narrow(g, result, { kind: "int", size: 4, signed: true }, type);
  store(g, a, type, result);
  releaseAddr(g, a);
  if (!wantValue) {
    g.regs.release(t);
    return undefined;
  }
  if (result !== t) g.regs.release(result);
  return t;
}

// ---- Control flow inside expressions ---------------------------------------------------------------

/** &&, || and ?: as values: both paths leave the result in t0, with everything else spilled. */
function genJoin(g: Gen, e: Extract<TExpr, { k: "logic" | "cond" }>): Temp {
  g.regs.spillAll();
  const otherwise = g.newLabel();
  const end = g.newLabel();
  if (e.k === "logic") {
    genBranch(g, e, otherwise, false);
    g.out.ins("li", "t0, 1");
    g.out.ins("j", end);
    g.out.label(otherwise);
    g.out.ins("li", "t0, 0");
  } else {
    genBranch(g, e.cond, otherwise, false);
    intoT0(g, e.then);
    g.out.ins("j", end);
    g.out.label(otherwise);
    intoT0(g, e.else);
  }
  g.out.label(end);
  return g.regs.allocIn("t0");
}

function intoT0(g: Gen, e: TExpr): void {
  const t = genExpr(g, e);
  const r = g.regs.name(t);
  if (r !== "t0") g.out.ins("mov", `t0, ${r}`);
  g.regs.release(t);
}

/** Jumps to `label` when e is true (whenTrue) or false (!whenTrue); falls through otherwise. */
export function genBranch(g: Gen, e: TExpr, label: string, whenTrue: boolean): void {
  switch (e.k) {
    case "const":
      if ((e.value !== 0) === whenTrue) g.out.ins("j", label);
      return;
    case "not":
      genBranch(g, e.operand, label, !whenTrue);
      return;
    case "logic": {
      const and = e.op === "&&";
      if (and !== whenTrue) {
        // (a && b) false: a false or b false. (a || b) true: a true or b true.
        genBranch(g, e.left, label, whenTrue);
        genBranch(g, e.right, label, whenTrue);
      } else {
        const skip = g.newLabel();
        genBranch(g, e.left, skip, !whenTrue);
        genBranch(g, e.right, label, whenTrue);
        g.out.label(skip);
      }
      return;
    }
    case "binary": {
      if (isWide(e.left.type) && !isWide(e.type)) {
        // A comparison of 64-bit values: computed as 0 or 1, then tested.
        const t = genWideCompare(g, e.op, e.left, e.right);
        g.out.ins(whenTrue ? "bnez" : "beqz", `${g.regs.name(t)}, ${label}`);
        g.regs.release(t);
        return;
      }
      const op = whenTrue ? e.op : NEGATE[e.op];
      const branch = op ? BRANCH[op] : undefined;
      if (branch) {
        // A register variable on the left is read where it is, unless the right side assigns one.
        const l = writesRegister(e.right) ? genExpr(g, e.left) : operand(g, e.left);
        const r = operand(g, e.right);
        const [rl, rr] = namesOf(g, l, r);
        const [mnemonic, swap] = branch;
        g.out.ins(mnemonic, swap ? `${rr}, ${rl}, ${label}` : `${rl}, ${rr}, ${label}`);
        g.regs.release(...[l, r].filter(isTemp));
        return;
      }
      break;
    }
  }
  const t = isWide(e.type) ? genWideTruth(g, e) : operand(g, e);
  const [r] = namesOf(g, t);
  g.out.ins(whenTrue ? "bnez" : "beqz", `${r}, ${label}`);
  if (isTemp(t)) g.regs.release(t);
}
