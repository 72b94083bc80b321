/**
 * Walking the typed tree: the children of an expression, and the expressions and local initializers
 * of a statement, in evaluation order. The analyses (flow warnings, checked mode's pointer tracking)
 * share these instead of each spelling out the tree.
 */
import type { TExpr, TStmt } from "./typed";

export function forEachChild(e: TExpr, f: (child: TExpr) => void): void {
  switch (e.k) {
    case "deref":
      f(e.ptr);
      return;
    case "index":
      f(e.base);
      f(e.index);
      return;
    case "member":
      f(e.object);
      return;
    case "addr":
      f(e.lvalue);
      return;
    case "binary":
    case "logic":
    case "comma":
      f(e.left);
      f(e.right);
      return;
    case "not":
    case "cast":
      f(e.operand);
      return;
    case "assign":
    case "compound":
      f(e.target);
      f(e.value);
      return;
    case "incdec":
      f(e.target);
      return;
    case "cond":
      f(e.cond);
      f(e.then);
      f(e.else);
      return;
    case "call":
      e.args.forEach(f);
      return;
    case "icall":
      f(e.callee);
      e.args.forEach(f);
      return;
    case "literal":
      for (const item of e.init.items) f(item.value);
      return;
    default:
      return;
  }
}

/** Calls `expr` on every top-level expression of s and its sub-statements, and `init` on each local initializer. */
export function visitStatements(
  s: TStmt,
  expr: (e: TExpr) => void,
  init: (s: Extract<TStmt, { k: "init" }>) => void,
): void {
  const stmt = (x: TStmt): void => visitStatements(x, expr, init);
  switch (s.k) {
    case "expr":
      expr(s.expr);
      return;
    case "block":
      s.items.forEach(stmt);
      return;
    case "if":
      expr(s.cond);
      stmt(s.then);
      if (s.else) stmt(s.else);
      return;
    case "while":
    case "do":
    case "switch":
      expr(s.cond);
      stmt(s.body);
      return;
    case "for":
      if (s.init) stmt(s.init);
      if (s.cond) expr(s.cond);
      if (s.step) expr(s.step);
      stmt(s.body);
      return;
    case "return":
      if (s.value) expr(s.value);
      return;
    case "case":
    case "default":
    case "label":
      stmt(s.body);
      return;
    case "init":
      init(s);
      s.items.forEach((i) => {
        expr(i.value);
      });
      return;
    default:
      return;
  }
}
