/**
 * Expressions -> instructions. genExpr leaves a value in a temp; genDiscard evaluates for effect only;
 * genBranch jumps on a condition without materializing 0 or 1. Constants go into immediates where
 * the instruction has a form for them.
 */
import { fitsImm16, fitsUimm16, mem } from "./emit";
import { updateBounds } from "./genBounds";
import type { Gen } from "./genFunction";
import { copyBytes, genAddr, load, log2, materialize, releaseAddr, store } from "./genMemory";
import type { Temp } from "./regs";
import type { MachineOp, TExpr } from "./typed";
import { alignOf, type CType, sizeOf } from "./types";

const REGISTER_FORM: Partial<Record<MachineOp, string>> = {
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
  switch (e.k) {
    case "const": {
      const t = g.regs.alloc();
      g.out.ins("li", `${g.regs.name(t)}, ${e.value | 0}`);
      return t;
    }
    case "var":
    case "deref":
    case "index":
    case "member":
    case "str": {
      const a = genAddr(g, e);
      if (e.type.kind === "struct" || e.type.kind === "array") return materialize(g, a);
      return load(g, a, e.type);
    }
    case "addr":
      return materialize(g, genAddr(g, e.lvalue));
    case "binary":
      return genBinary(g, e);
    case "not": {
      const t = genExpr(g, e.operand);
      const r = g.regs.name(t);
      g.out.ins("seqz", `${r}, ${r}`);
      return t;
    }
    case "cast":
      return genCast(g, e);
    case "assign":
      return genAssign(g, e, true)!;
    case "compound":
      return genCompound(g, e);
    case "incdec":
      return genIncDec(g, e, true)!;
    case "comma":
      genDiscard(g, e.left);
      return genExpr(g, e.right);
    case "call":
      return genCall(g, e, true)!;
    case "logic":
    case "cond":
      return genJoin(g, e);
  }
}

/** Evaluates for side effects only. */
export function genDiscard(g: Gen, e: TExpr): void {
  switch (e.k) {
    case "call":
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
      g.regs.release(genExpr(g, e));
  }
}

// ---- Operators --------------------------------------------------------------------------------------

function genBinary(g: Gen, e: Extract<TExpr, { k: "binary" }>): Temp {
  let { left, right } = e;
  if (left.k === "const" && right.k !== "const" && COMMUTATIVE.has(e.op)) [left, right] = [right, left];
  const l = genExpr(g, left);
  if (right.k === "const" && applyImmediate(g, e.op, l, right.value)) return l;
  const r = right.k === "const" && right.value === 0 ? undefined : genExpr(g, right);
  const [rl, rr] = r ? g.regs.use(l, r) : [g.regs.name(l), "zero"];
  applyRegister(g, e.op, rl!, rr!);
  if (r) g.regs.release(r);
  return l;
}

/** `l = l OP r` with both in registers. */
function applyRegister(g: Gen, op: MachineOp, l: string, r: string): void {
  const plain = REGISTER_FORM[op];
  if (plain) {
    g.out.ins(plain, `${l}, ${l}, ${r}`);
    return;
  }
  const unsigned = op.endsWith("u") && op !== "eq";
  const slt = unsigned ? "sltu" : "slt";
  switch (op) {
    case "eq":
    case "ne":
      g.out.ins("xor", `${l}, ${l}, ${r}`);
      g.out.ins(op === "eq" ? "seqz" : "snez", `${l}, ${l}`);
      return;
    case "lt":
    case "ltu":
      g.out.ins(slt, `${l}, ${l}, ${r}`);
      return;
    case "gt":
    case "gtu":
      g.out.ins(slt, `${l}, ${r}, ${l}`);
      return;
    case "le":
    case "leu":
      g.out.ins(slt, `${l}, ${r}, ${l}`);
      g.out.ins("xori", `${l}, ${l}, 1`);
      return;
    default:
      g.out.ins(slt, `${l}, ${l}, ${r}`);
      g.out.ins("xori", `${l}, ${l}, 1`);
  }
}

/** `l = l OP constant` in one or two instructions, if the instruction set allows; false otherwise. */
function applyImmediate(g: Gen, op: MachineOp, t: Temp, value: number): boolean {
  const r = g.regs.name(t);
  const v = value | 0;
  const emit = (mnemonic: string, imm: number) => g.out.ins(mnemonic, `${r}, ${r}, ${imm}`);
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
      g.out.ins(op === "eq" ? "seqz" : "snez", `${r}, ${r}`);
      return true;
    default:
      return false;
  }
}

function genCast(g: Gen, e: Extract<TExpr, { k: "cast" }>): Temp {
  const to = e.type;
  if (to.kind === "void") {
    genDiscard(g, e.operand);
    return g.regs.alloc();
  }
  const t = genExpr(g, e.operand);
  narrow(g, t, e.operand.type, to);
  return t;
}

/** Converts a register's value from type `from` to type `to`: truncate and extend where needed. */
export function narrow(g: Gen, t: Temp, from: CType, to: CType): void {
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
  const zero = !wantValue && e.value.k === "const" && e.value.value === 0;
  const v = zero ? undefined : genExpr(g, e.value);
  const a = genAddr(g, e.target);
  store(g, a, type, v ?? "zero");
  releaseAddr(g, a);
  if (e.target.k === "var" && e.target.sym.tracked) updateBounds(g, e.target.sym, e.value);
  if (!wantValue) {
    if (v) g.regs.release(v);
    return undefined;
  }
  return v;
}

function genCompound(g: Gen, e: Extract<TExpr, { k: "compound" }>): Temp {
  const a = genAddr(g, e.target);
  const t = load(g, a, e.target.type, true);
  if (!(e.value.k === "const" && applyImmediate(g, e.op, t, e.value.value))) {
    const v = genExpr(g, e.value);
    const [rt, rv] = g.regs.use(t, v);
    applyRegister(g, e.op, rt!, rv!);
    g.regs.release(v);
  }
  narrow(g, t, { kind: "int", size: 4, signed: true }, e.target.type);
  store(g, a, e.target.type, t);
  releaseAddr(g, a);
  return t;
}

function genIncDec(g: Gen, e: Extract<TExpr, { k: "incdec" }>, wantValue: boolean): Temp | undefined {
  const type = e.target.type;
  const a = genAddr(g, e.target);
  const t = load(g, a, type, true);
  const result = e.post && wantValue ? g.regs.alloc(t, ...(a.base === "fp" ? [] : [a.base])) : t;
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
      const op = whenTrue ? e.op : NEGATE[e.op];
      const branch = op ? BRANCH[op] : undefined;
      if (branch) {
        const l = genExpr(g, e.left);
        const r = e.right.k === "const" && e.right.value === 0 ? undefined : genExpr(g, e.right);
        const [rl, rr] = r ? g.regs.use(l, r) : [g.regs.name(l), "zero"];
        const [mnemonic, swap] = branch;
        g.out.ins(mnemonic, swap ? `${rr}, ${rl}, ${label}` : `${rl}, ${rr}, ${label}`);
        g.regs.release(l);
        if (r) g.regs.release(r);
        return;
      }
      break;
    }
  }
  const t = genExpr(g, e);
  g.out.ins(whenTrue ? "bnez" : "beqz", `${g.regs.name(t)}, ${label}`);
  g.regs.release(t);
}

// ---- Calls ------------------------------------------------------------------------------------------

/** Arguments in a0..a3 and at [sp + 0], [sp + 4], ...; the result comes back in a0. */
function genCall(g: Gen, e: Extract<TExpr, { k: "call" }>, wantResult: boolean): Temp | undefined {
  // Register arguments that are constants or addresses of variables go straight into a0..a3 at the end.
  const direct = (arg: TExpr, k: number): [string, string] | undefined => {
    if (k >= 4) return undefined;
    let a = arg;
    while (a.k === "cast" && a.type.kind === "ptr" && a.operand.type.kind === "ptr") a = a.operand;
    if (a.k === "const") return ["li", `a${k}, ${a.value | 0}`];
    if (a.k === "addr" && a.lvalue.k === "str") return ["la", `a${k}, ${a.lvalue.literal.label}`];
    if (a.k === "addr" && a.lvalue.k === "var") {
      const sym = a.lvalue.sym;
      if (sym.storage === "global" || sym.storage === "static") return ["la", `a${k}, ${sym.label}`];
      if (fitsImm16(sym.offset)) return ["addi", `a${k}, fp, ${sym.offset}`];
    }
    return undefined;
  };
  const temps = e.args.map((a, k) => (direct(a, k) ? undefined : genExpr(g, a)));
  g.maxOutgoing = Math.max(g.maxOutgoing, 4 * Math.max(0, temps.length - 4));
  temps.slice(4).forEach((t, k) => {
    if (t) g.out.ins("stw", `${g.regs.name(t)}, ${mem("sp", 4 * k)}`);
  });
  temps.slice(0, 4).forEach((t, k) => {
    if (!t) return;
    if (t.reg >= 0) g.out.ins("mov", `a${k}, ${g.regs.name(t)}`);
    else g.out.ins("ldw", `a${k}, ${mem("fp", t.slot)}`);
  });
  e.args.forEach((a, k) => {
    const d = direct(a, k);
    if (d) g.out.ins(...d);
  });
  const used = temps.filter((t): t is Temp => t !== undefined);
  g.regs.release(...used);
  g.regs.spillAll();
  g.out.ins("call", e.func.label);
  if (!wantResult) return undefined;
  const t = g.regs.alloc();
  g.out.ins("mov", `${g.regs.name(t)}, a0`);
  return t;
}
