/**
 * Statements -> instructions. Loops test at the bottom (one branch per trip); switch is a chain of
 * compares, so the verifier and the learner see every path (no jump tables).
 */
import { updateBounds } from "./genBounds";
import { genBranch, genDiscard, genExpr, setRegister } from "./genExpr";
import type { Gen } from "./genFunction";
import { copyBytes, genAddr, releaseAddr, store, zeroFrame } from "./genMemory";
import { retarget } from "./genOperators";
import { genWide, releasePair, storeWide } from "./genWide";
import { registerRead } from "./regalloc";
import type { TExpr, TStmt } from "./typed";
import { alignOf, isWide, sizeOf } from "./types";

export function genStmt(g: Gen, s: TStmt): void {
  switch (s.k) {
    case "block":
      for (const item of s.items) genStmt(g, item);
      return;
    case "empty":
      return;
    case "expr":
      g.loc(s.pos);
      genDiscard(g, s.expr);
      return;
    case "if": {
      g.loc(s.pos);
      const otherwise = g.newLabel();
      genBranch(g, s.cond, otherwise, false);
      genStmt(g, s.then);
      if (s.else) {
        const end = g.newLabel();
        g.out.ins("j", end);
        label(g, otherwise);
        genStmt(g, s.else);
        label(g, end);
      } else {
        label(g, otherwise);
      }
      return;
    }
    case "while":
      g.loc(s.pos);
      loop(g, s.cond, undefined, s.body, false);
      return;
    case "do":
      loop(g, s.cond, undefined, s.body, true);
      return;
    case "for":
      if (s.init) genStmt(g, s.init);
      g.loc(s.pos);
      loop(g, s.cond, s.step, s.body, false);
      return;
    case "break":
    case "continue": {
      g.loc(s.pos);
      const target = findJump(g, s.k);
      if (target) g.out.ins("j", target);
      return;
    }
    case "return":
      g.loc(s.pos);
      if (s.value && isWide(s.value.type)) {
        // A 64-bit result comes back in a0 (low word) and a1 (high word).
        const p = genWide(g, s.value);
        const [rl, rh] = g.regs.use(p.lo, p.hi);
        g.out.ins("mov", `a0, ${rl}`);
        g.out.ins("mov", `a1, ${rh}`);
        releasePair(g, p);
      } else if (s.value?.k === "const") g.out.ins("li", `a0, ${s.value.value | 0}`);
      else if (s.value && registerRead(s.value)) g.out.ins("mov", `a0, ${registerRead(s.value)}`);
      else if (s.value) {
        const t = genExpr(g, s.value);
        const r = g.regs.name(t);
        if (!retarget(g, r, "a0")) g.out.ins("mov", `a0, ${r}`);
        g.regs.release(t);
      }
      g.out.ins("j", g.returnLabel);
      return;
    case "switch":
      genSwitch(g, s);
      return;
    case "case":
      label(g, caseLabel(s.id));
      genStmt(g, s.body);
      return;
    case "default":
      label(g, innermostDefault(g) ?? g.newLabel());
      genStmt(g, s.body);
      return;
    case "init":
      g.loc(s.pos);
      genInit(g, s);
      return;
    case "label":
      label(g, gotoLabel(s.id));
      genStmt(g, s.body);
      return;
    case "goto":
      g.loc(s.pos);
      g.out.ins("j", gotoLabel(s.id));
      return;
  }
}

const gotoLabel = (id: number): string => `.Lgoto${id}`;

function label(g: Gen, name: string): void {
  g.out.label(name);
  g.out.forgetLoc();
}

const caseLabel = (id: number): string => `.Lcase${id}`;

function innermostDefault(g: Gen): string | undefined {
  for (let i = g.jumps.length - 1; i >= 0; i--) if (g.jumps[i]!.defaultLabel) return g.jumps[i]!.defaultLabel;
  return undefined;
}

function findJump(g: Gen, kind: "break" | "continue"): string | undefined {
  for (let i = g.jumps.length - 1; i >= 0; i--) {
    const j = g.jumps[i]!;
    if (kind === "break") return j.breakLabel;
    if (j.continueLabel) return j.continueLabel;
  }
  return undefined;
}

/**
 *        [j cond]          (while, for)
 *   top: body
 *   next: step             (continue lands here)
 *   cond: if (cond) goto top
 *   end:                   (break lands here)
 */
function loop(g: Gen, cond: TExpr | undefined, step: TExpr | undefined, body: TStmt, bottomOnly: boolean) {
  const top = g.newLabel();
  const next = g.newLabel();
  const test = g.newLabel();
  const end = g.newLabel();
  const forever = cond === undefined || (cond.k === "const" && cond.value !== 0);
  if (!bottomOnly && !forever) g.out.ins("j", test);
  label(g, top);
  g.jumps.push({ breakLabel: end, continueLabel: next });
  genStmt(g, body);
  g.jumps.pop();
  label(g, next);
  if (step) {
    g.loc(step.pos);
    genDiscard(g, step);
  }
  label(g, test);
  if (forever) g.out.ins("j", top);
  else {
    g.loc(cond.pos);
    genBranch(g, cond, top, true);
  }
  label(g, end);
}

function genSwitch(g: Gen, s: Extract<TStmt, { k: "switch" }>): void {
  g.loc(s.pos);
  const end = g.newLabel();
  const defaultLabel = g.newLabel();
  const t = genExpr(g, s.cond);
  for (const c of s.cases) {
    const r = g.regs.name(t);
    if (c.value === 0) {
      g.out.ins("beqz", `${r}, ${caseLabel(c.id)}`);
      continue;
    }
    const k = g.regs.alloc(t);
    const [rt, rk] = g.regs.use(t, k);
    g.out.ins("li", `${rk}, ${c.value | 0}`);
    g.out.ins("beq", `${rt}, ${rk}, ${caseLabel(c.id)}`);
    g.regs.release(k);
  }
  g.regs.release(t);
  g.out.ins("j", s.hasDefault ? defaultLabel : end);
  const enclosing = findJump(g, "continue");
  g.jumps.push({ breakLabel: end, continueLabel: enclosing, defaultLabel });
  genStmt(g, s.body);
  g.jumps.pop();
  label(g, end);
}

/** A local's initializer: zero the whole object if it is an aggregate, then store each given value. */
export function genInit(g: Gen, s: Extract<TStmt, { k: "init" }>): void {
  const sym = s.sym;
  if (sym.register) {
    // A scalar: at most one value, at offset 0.
    const item = s.items[0];
    if (item) setRegister(g, sym.register, item.value, false);
    else if (s.zeroFill) g.out.ins("li", `${sym.register}, 0`);
    if (item && sym.tracked && sym.type.kind === "ptr") updateBounds(g, sym, item.value);
    return;
  }
  if (s.zeroFill) zeroFrame(g, sym.offset, sizeOf(sym.type));
  for (const item of s.items) {
    const dst = { base: "fp" as const, offset: sym.offset + item.offset };
    if (item.type.kind === "struct") {
      const src = genAddr(g, item.value);
      copyBytes(g, dst, src, sizeOf(item.type), alignOf(item.type));
      releaseAddr(g, src);
      continue;
    }
    const zero = item.value.k === "const" && item.value.value === 0;
    if (isWide(item.type)) {
      const p = zero ? undefined : genWide(g, item.value);
      releaseAddr(g, storeWide(g, dst, p ?? "zero"));
      if (p) releasePair(g, p);
      continue;
    }
    const v = zero ? undefined : genExpr(g, item.value);
    releaseAddr(g, store(g, dst, item.type, v ?? "zero"));
    if (v) g.regs.release(v);
    if (sym.tracked && item.offset === 0 && sym.type.kind === "ptr") updateBounds(g, sym, item.value);
  }
}
