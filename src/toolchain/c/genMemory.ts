/**
 * Addresses, loads and stores. An lvalue's address is kept as base + constant offset for as long as
 * possible, so `s.a[3].x` on a local is one `ldw t0, [fp - 36]`. Checked mode's bounds checks sit
 * here too, next to the address arithmetic they guard.
 */
import { fitsImm16, mem } from "./emit";
import { genExpr } from "./genExpr";
import type { Gen } from "./genFunction";
import { genInit } from "./genStmt";
import { registerRead, type SavedRegister, writesRegister } from "./regalloc";
import type { Temp } from "./regs";
import type { TExpr, VarSymbol } from "./typed";
import { type CType, sizeOf } from "./types";

/** A register that is not a temp: fp, or the s register of a register variable. */
export type FixedRegister = "fp" | SavedRegister;

/**
 * An address: a base plus a constant. The base is a temp (which the address owns), fp, or a register
 * variable (which must not be changed through the address).
 */
export interface Addr {
  base: Temp | FixedRegister;
  offset: number;
}

export const isFixed = (base: Temp | FixedRegister): base is FixedRegister => typeof base === "string";

/** The temps among address bases (to pin them while allocating another). */
export const tempsOf = (...bases: (Temp | FixedRegister)[]): Temp[] =>
  bases.filter((b): b is Temp => !isFixed(b));

/** Register names for temps (and fixed registers), all made present at once so none evicts another. */
export function regsOf(g: Gen, ...items: (Temp | FixedRegister)[]): string[] {
  const names = g.regs.use(...tempsOf(...items));
  let next = 0;
  return items.map((x) => (isFixed(x) ? x : names[next++]!));
}

export function loadOp(t: CType): string {
  if (t.kind === "int" && t.size === 1) return t.signed ? "ldb" : "ldbu";
  if (t.kind === "int" && t.size === 2) return t.signed ? "ldh" : "ldhu";
  return "ldw";
}

export function storeOp(t: CType): string {
  const size = sizeOf(t);
  return size === 1 ? "stb" : size === 2 ? "sth" : "stw";
}

export function log2(n: number): number {
  return n > 0 && (n & (n - 1)) === 0 ? 31 - Math.clz32(n) : -1;
}

/** Keeps the offset (and offset + span) within the 16 bits a load or store can carry. */
export function fitOffset(g: Gen, a: Addr, span = 0): Addr {
  if (fitsImm16(a.offset) && fitsImm16(a.offset + span)) return a;
  if (isFixed(a.base)) {
    const t = g.regs.alloc();
    const r = g.regs.name(t);
    g.out.ins("li", `${r}, ${a.offset}`);
    g.out.ins("add", `${r}, ${a.base}, ${r}`);
    return { base: t, offset: 0 };
  }
  const base = a.base;
  const t = g.regs.alloc(base);
  const [rb, rt] = g.regs.use(base, t);
  g.out.ins("li", `${rt}, ${a.offset}`);
  g.out.ins("add", `${rb}, ${rb}, ${rt}`);
  g.regs.release(t);
  return { base, offset: 0 };
}

/** The address as a value in a temp. */
export function materialize(g: Gen, a: Addr): Temp {
  const f = fitOffset(g, a);
  if (isFixed(f.base)) {
    const t = g.regs.alloc();
    g.out.ins("addi", `${g.regs.name(t)}, ${f.base}, ${f.offset}`);
    return t;
  }
  if (f.offset !== 0) {
    const r = g.regs.name(f.base);
    g.out.ins("addi", `${r}, ${r}, ${f.offset}`);
  }
  return f.base;
}

/** Loads a value of type t; the base temp is reused for the result unless `keepBase`. */
export function load(g: Gen, a: Addr, t: CType, keepBase = false): Temp {
  const f = fitOffset(g, a);
  if (isFixed(f.base) || keepBase) {
    const dest = g.regs.alloc(...tempsOf(f.base));
    const [rd, rb] = regsOf(g, dest, f.base);
    g.out.ins(loadOp(t), `${rd}, ${mem(rb!, f.offset)}`);
    return dest;
  }
  const r = g.regs.name(f.base);
  g.out.ins(loadOp(t), `${r}, ${mem(r, f.offset)}`);
  return f.base;
}

/** Stores a temp, a register variable or zero, of type t; does not release anything. */
export function store(g: Gen, a: Addr, t: CType, v: Temp | SavedRegister | "zero"): Addr {
  const f = fitOffset(g, a);
  if (typeof v === "string") {
    const [rb] = regsOf(g, f.base);
    g.out.ins(storeOp(t), `${v}, ${mem(rb!, f.offset)}`);
    return f;
  }
  const [rv, rb] = regsOf(g, v, f.base);
  g.out.ins(storeOp(t), `${rv}, ${mem(rb!, f.offset)}`);
  return f;
}

export function releaseAddr(g: Gen, a: Addr): void {
  if (!isFixed(a.base)) g.regs.release(a.base);
}

// ---- Lvalues ------------------------------------------------------------------------------------------

/** The address of an lvalue, with its offset small enough for the loads and stores that use it. */
export function genAddr(g: Gen, e: TExpr): Addr {
  return fitOffset(g, addressOf(g, e), Math.min(sizeOf(e.type), 64));
}

function addressOf(g: Gen, e: TExpr): Addr {
  switch (e.k) {
    case "var":
      if (e.sym.register) throw new Error(`internal error: the address of register variable '${e.sym.name}'`);
      if (e.sym.storage === "local" || e.sym.storage === "param") return { base: "fp", offset: e.sym.offset };
      return labelAddress(g, e.sym.label);
    case "str":
      return labelAddress(g, e.literal.label);
    case "member": {
      const a = addressOf(g, e.object);
      return { base: a.base, offset: a.offset + e.offset };
    }
    case "deref": {
      const a = genPointer(g, e.ptr);
      if (g.program.checked && e.check?.kind === "tracked" && e.check.sym.tracked) {
        return checkTracked(g, a, e.check.sym, sizeOf(e.type), e);
      }
      return a;
    }
    case "index":
      return indexAddress(g, e);
    case "literal":
      // A compound literal is initialized each time it is evaluated, then it is its local.
      genInit(g, e.init);
      return { base: "fp", offset: e.sym.offset };
    default:
      return { base: genExpr(g, e), offset: 0 };
  }
}

function labelAddress(g: Gen, label: string): Addr {
  const t = g.regs.alloc();
  g.out.ins("la", `${g.regs.name(t)}, ${label}`);
  return { base: t, offset: 0 };
}

/** A pointer value as base + offset, without adding the constant part in yet. */
export function genPointer(g: Gen, e: TExpr): Addr {
  if (e.k === "addr") return addressOf(g, e.lvalue);
  const reg = registerRead(e);
  if (reg) return { base: reg, offset: 0 };
  if (e.k === "cast" && e.type.kind === "ptr" && e.operand.type.kind === "ptr")
    return genPointer(g, e.operand);
  if (
    e.k === "binary" &&
    (e.op === "add" || e.op === "sub") &&
    e.right.k === "const" &&
    e.type.kind === "ptr"
  ) {
    const a = genPointer(g, e.left);
    const delta = e.op === "add" ? e.right.value : -e.right.value;
    return { base: a.base, offset: a.offset + delta };
  }
  return { base: genExpr(g, e), offset: 0 };
}

function indexAddress(g: Gen, e: Extract<TExpr, { k: "index" }>): Addr {
  const size = sizeOf(e.type);
  let base = genPointer(g, e.base);
  if (isFixed(base.base) && base.base !== "fp" && writesRegister(e.index)) {
    // p[(p = q, 0)]: the base is the value p had before the index was computed.
    const copy = g.regs.alloc();
    g.out.ins("mov", `${g.regs.name(copy)}, ${base.base}`);
    base = { base: copy, offset: base.offset };
  }
  const check = g.program.checked ? e.check : undefined;
  let result: Addr;
  if (e.index.k === "const") {
    const index = e.index.value | 0;
    if (check?.kind === "array" && !(index >= 0 && index < check.length)) {
      // Always out of bounds: the warning said so, and at run time it panics here, every time.
      const stub = arrayStub(g, ["li", `a0, ${index}`], check.length, e);
      g.out.ins("j", stub);
    }
    result = { base: base.base, offset: base.offset + index * size };
  } else {
    // a[j + 1] is a[j] one element further on: the constant goes into the load's offset. (Not when
    // checked: the check needs the whole index.)
    let indexExpr: TExpr = e.index;
    let extra = 0;
    if (
      check?.kind !== "array" &&
      indexExpr.k === "binary" &&
      (indexExpr.op === "add" || indexExpr.op === "sub") &&
      indexExpr.right.k === "const"
    ) {
      extra = (indexExpr.op === "add" ? indexExpr.right.value : -indexExpr.right.value) * size;
      indexExpr = indexExpr.left;
    }
    const checkIndex = (index: Temp | SavedRegister): void => {
      if (check?.kind !== "array") return;
      const len = g.regs.alloc(...tempsOf(base.base, index));
      const [ri, rl] = regsOf(g, index, len);
      g.out.ins("li", `${rl}, ${check.length}`);
      g.out.ins("bgeu", `${ri}, ${rl}, ${arrayStub(g, ["mov", `a0, ${ri}`], check.length, e)}`);
      g.regs.release(len);
    };
    // An index in a register variable is scaled straight out of its register (or, for bytes, not at all).
    const reg = registerRead(indexExpr);
    let scaled: Temp | SavedRegister;
    if (reg) {
      checkIndex(reg);
      if (size === 1) scaled = reg;
      else {
        scaled = g.regs.alloc(...tempsOf(base.base));
        const shift = log2(size);
        const rs = g.regs.name(scaled);
        if (shift > 0) g.out.ins("shli", `${rs}, ${reg}, ${shift}`);
        else {
          g.out.ins("mov", `${rs}, ${reg}`);
          scale(g, scaled, size, tempsOf(base.base));
        }
      }
    } else {
      const i = genExpr(g, indexExpr);
      checkIndex(i);
      scale(g, i, size, tempsOf(base.base));
      scaled = i;
    }
    if (isFixed(base.base)) {
      const sum = isFixed(scaled) ? g.regs.alloc() : scaled;
      const [rs, ri] = regsOf(g, sum, scaled);
      g.out.ins("add", `${rs}, ${base.base}, ${ri}`);
      result = { base: sum, offset: base.offset + extra };
    } else {
      const [rb, ri] = regsOf(g, base.base, scaled);
      g.out.ins("add", `${rb}, ${rb}, ${ri}`);
      if (!isFixed(scaled)) g.regs.release(scaled);
      result = { base: base.base, offset: base.offset + extra };
    }
  }
  if (check?.kind === "tracked" && check.sym.tracked) return checkTracked(g, result, check.sym, size, e);
  return result;
}

/** Multiplies a temp by a constant: a shift for powers of two. */
export function scale(g: Gen, t: Temp, size: number, pinned: Temp[] = []): void {
  if (size === 1) return;
  const shift = log2(size);
  if (shift > 0) {
    const r = g.regs.name(t);
    g.out.ins("shli", `${r}, ${r}, ${shift}`);
    return;
  }
  const k = g.regs.alloc(t, ...pinned);
  const [r, rk] = g.regs.use(t, k);
  g.out.ins("li", `${rk}, ${size}`);
  g.out.ins("mul", `${r}, ${r}, ${rk}`);
  g.regs.release(k);
}

// ---- Checked mode -------------------------------------------------------------------------------------

/** A failure path for an array index: a0 = index (set by `setIndex`), then panic with the length. */
function arrayStub(g: Gen, setIndex: [string, string], length: number, e: TExpr): string {
  const label = g.newLabel();
  const s = g.stubs;
  s.label(label);
  s.loc(e.pos);
  s.ins(...setIndex);
  s.ins("li", `a1, ${length}`);
  s.ins("la", `a2, ${g.program.locString(e.pos)}`);
  s.ins("call", "__rl_bounds_fail");
  return label;
}

/**
 * A tracked pointer's access must lie inside its array: (address - lo) <u limit for the first byte and
 * for the last. The failure path reports the element index and the array's length in elements.
 */
function checkTracked(g: Gen, address: Addr, sym: VarSymbol, size: number, e: TExpr): Addr {
  const bounds = sym.tracked!;
  const a = fitOffset(g, address);
  const pinned = tempsOf(a.base);
  const off = g.regs.alloc(...pinned);
  const limit = g.regs.alloc(off, ...pinned);
  const [ro, rl, rb] = regsOf(g, off, limit, a.base);
  g.out.ins("addi", `${ro}, ${rb}, ${a.offset}`);
  g.out.ins("ldw", `${rl}, ${mem("fp", bounds.lo)}`);
  g.out.ins("sub", `${ro}, ${ro}, ${rl}`);
  g.out.ins("ldw", `${rl}, ${mem("fp", bounds.limit)}`);
  const stub = (adjust: number): string => {
    const label = g.newLabel();
    const s = g.stubs;
    s.label(label);
    s.loc(e.pos);
    s.ins("addi", `a0, ${ro}, ${-adjust}`);
    s.ins("mov", `a1, ${rl}`);
    s.ins("li", `a2, ${size}`);
    s.ins("la", `a3, ${g.program.locString(e.pos)}`);
    s.ins("call", "__rl_bounds_fail_ptr");
    return label;
  };
  g.out.ins("bgeu", `${ro}, ${rl}, ${stub(0)}`);
  if (size > 1) {
    g.out.ins("addi", `${ro}, ${ro}, ${size - 1}`);
    g.out.ins("bgeu", `${ro}, ${rl}, ${stub(size - 1)}`);
  }
  g.regs.release(off, limit);
  return a;
}

// ---- Blocks of memory -----------------------------------------------------------------------------

/** A new temp holding the address, leaving the address's own base alone. */
function addressCopy(g: Gen, a: Addr, pinned: Temp[]): Temp {
  const keep = [...tempsOf(a.base), ...pinned];
  const t = g.regs.alloc(...keep);
  const [rt, rb] = regsOf(g, t, a.base);
  if (fitsImm16(a.offset)) g.out.ins("addi", `${rt}, ${rb}, ${a.offset}`);
  else {
    g.out.ins("li", `${rt}, ${a.offset}`);
    g.out.ins("add", `${rt}, ${rb}, ${rt}`);
  }
  return t;
}

/** Copies `size` bytes (structs): unrolled when small, a loop otherwise. The addresses stay the caller's. */
export function copyBytes(g: Gen, dst: Addr, src: Addr, size: number, align: number): void {
  const unit = align >= 4 && size % 4 === 0 ? 4 : align >= 2 && size % 2 === 0 ? 2 : 1;
  const [ld, st] = unit === 4 ? ["ldw", "stw"] : unit === 2 ? ["ldhu", "sth"] : ["ldbu", "stb"];
  if (size / unit <= 16) {
    const d = fitOffset(g, dst, size);
    const s = fitOffset(g, src, size);
    const tmp = g.regs.alloc(...tempsOf(d.base, s.base));
    for (let o = 0; o < size; o += unit) {
      const [rt, rs, rd] = regsOf(g, tmp, s.base, d.base);
      g.out.ins(ld, `${rt}, ${mem(rs!, s.offset + o)}`);
      g.out.ins(st, `${rt}, ${mem(rd!, d.offset + o)}`);
    }
    g.regs.release(tmp);
    return;
  }
  const d = addressCopy(g, dst, []);
  const s = addressCopy(g, src, [d]);
  const count = g.regs.alloc(d, s);
  const tmp = g.regs.alloc(d, s, count);
  const [rd, rs, rc, rt] = g.regs.use(d, s, count, tmp);
  const loop = g.newLabel();
  g.out.ins("li", `${rc}, ${size / unit}`);
  g.out.label(loop);
  g.out.ins(ld, `${rt}, [${rs}]`);
  g.out.ins(st, `${rt}, [${rd}]`);
  g.out.ins("addi", `${rs}, ${rs}, ${unit}`);
  g.out.ins("addi", `${rd}, ${rd}, ${unit}`);
  g.out.ins("addi", `${rc}, ${rc}, -1`);
  g.out.ins("bnez", `${rc}, ${loop}`);
  g.regs.release(d, s, count, tmp);
}

/** Sets `size` bytes at a frame offset to zero (a local's initializer). */
export function zeroFrame(g: Gen, offset: number, size: number): void {
  const unit = size % 4 === 0 && offset % 4 === 0 ? 4 : 1;
  const st = unit === 4 ? "stw" : "stb";
  if (size / unit <= 16 && fitsImm16(offset) && fitsImm16(offset + size)) {
    for (let o = 0; o < size; o += unit) g.out.ins(st, `zero, ${mem("fp", offset + o)}`);
    return;
  }
  const p = materialize(g, { base: "fp", offset });
  const count = g.regs.alloc(p);
  const [rp, rc] = g.regs.use(p, count);
  const loop = g.newLabel();
  g.out.ins("li", `${rc}, ${size / unit}`);
  g.out.label(loop);
  g.out.ins(st, `zero, [${rp}]`);
  g.out.ins("addi", `${rp}, ${rp}, ${unit}`);
  g.out.ins("addi", `${rc}, ${rc}, -1`);
  g.out.ins("bnez", `${rc}, ${loop}`);
  g.regs.release(p, count);
}
