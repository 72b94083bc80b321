/**
 * Which locals and parameters live in the callee-saved registers s0..s2 instead of the frame.
 *
 * A candidate is a 4-byte scalar (int, unsigned, a pointer) whose address is never taken, so nothing
 * but its own name can reach it. Each use counts 8 to the power of its loop depth (a use inside two
 * nested loops outweighs any number of uses outside them, in practice); the three heaviest win, as
 * long as they are used often enough to pay for saving and restoring the register.
 *
 * A register variable's value is always its value as C sees it: every assignment writes the register,
 * every use reads it. A call cannot change it (the callee preserves s0..s2, and the kernel's system
 * calls and hcall services change only a0).
 */
import type { TExpr, TFunction, TStmt, VarSymbol } from "./typed";
import { forEachChild } from "./walk";

export const SAVED_REGISTERS = ["s0", "s1", "s2"] as const;
export type SavedRegister = (typeof SAVED_REGISTERS)[number];

/** The register number of s0; s1 and s2 follow. */
export const FIRST_SAVED_REGISTER = 10;

/** Below this weight, saving and restoring the register costs more than the loads it saves. */
const MIN_WEIGHT = 3;

/** Uses in loops nested deeper than this count the same. */
const MAX_DEPTH = 4;

function candidate(v: VarSymbol): boolean {
  if (v.storage !== "local" && v.storage !== "param") return false;
  if (v.addressTaken) return false;
  return (v.type.kind === "int" && v.type.size === 4) || v.type.kind === "ptr";
}

/** Chooses the register variables of f: the map from each to its register, in s0, s1, s2 order. */
export function chooseRegisters(f: TFunction): Map<VarSymbol, SavedRegister> {
  const weight = new Map<VarSymbol, number>();
  for (const v of [...f.params, ...f.locals]) if (candidate(v)) weight.set(v, v.storage === "param" ? 1 : 0);
  const excluded = new Set<VarSymbol>();

  const expr = (e: TExpr, w: number): void => {
    if (e.k === "var") {
      const n = weight.get(e.sym);
      if (n !== undefined) weight.set(e.sym, n + w);
    } else if (e.k === "addr") {
      // Defensive: any address of a variable keeps it in memory, whatever the checker recorded.
      let lv = e.lvalue;
      while (lv.k === "member") lv = lv.object;
      if (lv.k === "var") excluded.add(lv.sym);
    }
    forEachChild(e, (child) => expr(child, w));
  };
  const stmt = (s: TStmt, depth: number): void => {
    const w = 8 ** Math.min(depth, MAX_DEPTH);
    switch (s.k) {
      case "expr":
        expr(s.expr, w);
        return;
      case "block":
        for (const item of s.items) stmt(item, depth);
        return;
      case "if":
        expr(s.cond, w);
        stmt(s.then, depth);
        if (s.else) stmt(s.else, depth);
        return;
      case "while":
      case "do":
        expr(s.cond, 8 * w);
        stmt(s.body, depth + 1);
        return;
      case "for":
        if (s.init) stmt(s.init, depth);
        if (s.cond) expr(s.cond, 8 * w);
        if (s.step) expr(s.step, 8 * w);
        stmt(s.body, depth + 1);
        return;
      case "return":
        if (s.value) expr(s.value, w);
        return;
      case "switch":
        expr(s.cond, w);
        stmt(s.body, depth);
        return;
      case "case":
      case "default":
      case "label":
        stmt(s.body, depth);
        return;
      case "init": {
        const n = weight.get(s.sym);
        if (n !== undefined) weight.set(s.sym, n + w);
        for (const item of s.items) expr(item.value, w);
        return;
      }
      default:
        return;
    }
  };
  stmt(f.body, 0);

  const ranked = [...weight]
    .filter(([v, w]) => w >= MIN_WEIGHT && !excluded.has(v))
    .sort((a, b) => b[1] - a[1]) // stable: ties keep declaration order
    .slice(0, SAVED_REGISTERS.length);
  return new Map(ranked.map(([v], i) => [v, SAVED_REGISTERS[i]!]));
}

/** The register a variable expression lives in, if it is a register variable. */
export function registerOf(e: TExpr): SavedRegister | undefined {
  return e.k === "var" ? e.sym.register : undefined;
}

/** The register variable whose value e is, looking through conversions to 4-byte types (they change no bits). */
export function registerRead(e: TExpr): SavedRegister | undefined {
  let x = e;
  while (x.k === "cast" && (x.type.kind === "ptr" || (x.type.kind === "int" && x.type.size === 4)))
    x = x.operand;
  return registerOf(x);
}

/** Whether evaluating e may assign a register variable (so a read of one must be taken before it). */
export function writesRegister(e: TExpr): boolean {
  if ((e.k === "assign" || e.k === "compound" || e.k === "incdec") && registerOf(e.target)) return true;
  let found = false;
  forEachChild(e, (child) => {
    if (!found && writesRegister(child)) found = true;
  });
  return found;
}
