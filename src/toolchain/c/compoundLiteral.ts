/**
 * Compound literals, `(int[]){1, 2, 3}` and `(struct point){.x = 1}`: unnamed objects with the
 * initializer rules of a declaration (initializer.ts). As C says (6.5.2.5), one in a function has
 * automatic storage: a local of its own, initialized again each time the expression is evaluated; one
 * outside any function has static storage: data of its own, whose address is a link-time constant, so
 * `int *p = (int[]){1, 2};` works for a global. Either way it is an lvalue, as a variable is.
 */
import type { Expr } from "./ast";
import type { Checker } from "./checker";
import { globalInit, localInit } from "./initializer";
import { resolveTypeName } from "./resolveTypes";
import { type TExpr, temporarySymbol } from "./typed";
import { isComplete, typeToString } from "./types";

export function compoundLiteral(c: Checker, e: Extract<Expr, { kind: "compoundLiteral" }>): TExpr {
  const type = resolveTypeName(c, e.typeName, "literal");
  if (!type) return c.poison(e.pos);
  const unsized = type.kind === "array" && type.length === undefined;
  if (type.kind === "func" || type.kind === "void" || (!unsized && !isComplete(type))) {
    c.error(e.pos, `a compound literal needs a complete object type, not '${typeToString(type)}'`);
    return c.poison(e.pos);
  }
  const id = c.uniqueId();
  // In memory, never in a register: it is an object, and `&` on it is the usual use.
  const sym = temporarySymbol(`__literal_${id}`, type, e.pos, c.fn ? "local" : "static");
  if (!c.fn) {
    // Placed in .data where its initializer is read: just before the global that uses it.
    const result = globalInit(c, type, e.init);
    sym.type = result.type;
    sym.init = result.init;
    c.globals.push(sym);
    return { k: "var", sym, type: sym.type, pos: e.pos };
  }
  const { type: finalType, stmt } = localInit(c, sym, e.init, e.pos);
  sym.type = finalType;
  c.addLocal(sym);
  if (stmt.k !== "init") return c.poison(e.pos);
  return { k: "literal", sym, init: stmt, type: finalType, pos: e.pos };
}
