/**
 * Checked mode's pointer tracking. An index into an array of known length is checked directly
 * (typed.ts, BoundsCheck "array"). A local pointer is "tracked" when every value it is ever given can
 * be tied to an array: the array itself (`p = buf`), an element of it (`p = &buf[3]`), another
 * tracked pointer, or any of these plus or minus an integer. A tracked pointer carries two hidden
 * frame slots, the array's first byte and its size, updated on each assignment; every access through
 * it is then checked against them. Pointers whose origin cannot be tied (parameters, malloc results,
 * pointers whose address is taken) are not checked: "where you can tie it".
 */
import { isPure } from "./fold";
import type { TExpr, TFunction, VarSymbol } from "./typed";
import { sizeOf } from "./types";
import { forEachChild, visitStatements } from "./walk";

export type Provenance = { kind: "array"; array: TExpr; bytes: number } | { kind: "tracked"; sym: VarSymbol };

/** The array a pointer value comes from, if it can be told from the expression alone. */
export function provenance(e: TExpr): Provenance | undefined {
  switch (e.k) {
    case "cast":
      return e.type.kind === "ptr" && e.operand.type.kind === "ptr" ? provenance(e.operand) : undefined;
    case "addr": {
      // A compound literal's array is its local: tie to that, without evaluating the literal again.
      if (e.lvalue.k === "literal" && e.lvalue.type.kind === "array" && e.lvalue.type.length !== undefined) {
        const array: TExpr = { k: "var", sym: e.lvalue.sym, type: e.lvalue.type, pos: e.lvalue.pos };
        return { kind: "array", array, bytes: sizeOf(e.lvalue.type) };
      }
      const lv = outermostArray(e.lvalue);
      if (lv.type.kind === "array" && lv.type.length !== undefined && isPure(lv)) {
        return { kind: "array", array: lv, bytes: sizeOf(lv.type) };
      }
      if (lv.k === "index") return provenance(lv.base);
      if (lv.k === "deref") return provenance(lv.ptr);
      return undefined;
    }
    case "binary":
      return (e.op === "add" || e.op === "sub") && e.type.kind === "ptr" ? provenance(e.left) : undefined;
    case "var":
      return e.sym.storage === "local" && e.type.kind === "ptr" ? { kind: "tracked", sym: e.sym } : undefined;
    case "assign":
      return provenance(e.value);
    case "comma":
      return provenance(e.right);
    default:
      return undefined;
  }
}

/**
 * A row of a multi-dimensional array belongs to the whole array: `&m[0][0]` walks all of m's
 * elements, the way C programs use it, so the bounds are m's, not the row's.
 */
function outermostArray(lv: TExpr): TExpr {
  let node = lv;
  while (
    node.type.kind === "array" &&
    node.k === "index" &&
    node.base.k === "addr" &&
    node.base.lvalue.type.kind === "array"
  ) {
    node = node.base.lvalue;
  }
  return node;
}

/** Decides which local pointers of f are tracked (sets VarSymbol.tracked; slots are placed later). */
export function trackPointers(f: TFunction): void {
  const candidates = f.locals.filter(
    (v) => v.storage === "local" && v.type.kind === "ptr" && !v.addressTaken,
  );
  if (candidates.length === 0) return;
  const sources = new Map<VarSymbol, TExpr[]>(candidates.map((v) => [v, []]));
  const note = (sym: VarSymbol, value: TExpr) => sources.get(sym)?.push(value);
  const visitExpr = (e: TExpr): void => {
    if (e.k === "assign" && e.target.k === "var") note(e.target.sym, e.value);
    forEachChild(e, visitExpr);
  };
  visitStatements(f.body, visitExpr, (s) => {
    if (s.items.length === 1 && s.items[0]!.offset === 0 && s.sym.type.kind === "ptr")
      note(s.sym, s.items[0]!.value);
  });
  const tracked = new Set(candidates.filter((v) => sources.get(v)!.length > 0));
  for (let changed = true; changed; ) {
    changed = false;
    for (const v of tracked) {
      const tied = sources.get(v)!.every((value) => {
        const p = provenance(value);
        return p !== undefined && (p.kind === "array" || tracked.has(p.sym));
      });
      if (!tied) {
        tracked.delete(v);
        changed = true;
      }
    }
  }
  for (const v of tracked) v.tracked = { lo: 0, limit: 0 };
}
