/**
 * Assignment, compound assignment and ++/--: the target must be a modifiable lvalue (not an array,
 * not const), the value converts as by assignment, and compound operators compute in the promoted
 * type before converting back to the target's.
 */
import type { AssignOp, BinaryOp, Expr } from "./ast";
import { checkExpr, value } from "./checkExpr";
import type { Checker } from "./checker";
import { combine, show } from "./checkOperators";
import { convertAs } from "./convert";
import type { Pos } from "./diagnostics";
import type { TExpr } from "./typed";
import { isComplete, sizeOf, unqualified } from "./types";

/** A modifiable lvalue, or an error saying why not. */
export function requireModifiable(c: Checker, t: TExpr, what: string): boolean {
  if (c.isPoisoned(t)) return false;
  if (!isLvalue(t)) {
    c.error(t.pos, `${what} must be a variable or other lvalue`);
    return false;
  }
  if (t.type.kind === "array") {
    c.error(t.pos, `arrays cannot be assigned: ${show(t)}`, "copy the elements, e.g. with memcpy or strcpy");
    return false;
  }
  if (t.type.isConst || (t.type.kind === "struct" && t.type.info.members.some((m) => m.type.isConst))) {
    const name = t.k === "var" ? `'${t.sym.name}'` : "an object";
    c.error(t.pos, `cannot assign to ${name}: it has const-qualified type ${show(t)}`);
    return false;
  }
  return true;
}

export function isLvalue(t: TExpr): boolean {
  // A member of a struct value that is not an object (a call's result, an assignment) is not one.
  if (t.k === "member") return isLvalue(t.object);
  return t.k === "var" || t.k === "deref" || t.k === "index" || t.k === "str" || t.k === "literal";
}

export function assignment(c: Checker, op: AssignOp, le: Expr, re: Expr, pos: Pos): TExpr {
  const target = checkExpr(c, le);
  const right = value(c, re);
  if (!requireModifiable(c, target, "the left side of an assignment") || c.isPoisoned(right))
    return c.poison(pos);
  const type = unqualified(target.type);
  if (op === "=") {
    const converted = convertAs(c, right, target.type, { kind: "assign" }, pos);
    return { k: "assign", target, value: converted, type, pos };
  }
  const binaryOp = op.slice(0, -1) as BinaryOp;
  if (type.kind === "ptr") {
    if ((binaryOp !== "+" && binaryOp !== "-") || right.type.kind !== "int") {
      c.error(pos, `invalid operands to '${op}' (${show(target)} and ${show(right)})`);
      return c.poison(pos);
    }
    const step = combine(c, binaryOp, { ...target, type }, right, pos);
    if (c.isPoisoned(step) || step.k !== "binary") return c.poison(pos);
    return { k: "compound", target, op: step.op, value: step.right, type, pos };
  }
  if (type.kind !== "int" || right.type.kind !== "int") {
    c.error(pos, `invalid operands to '${op}' (${show(target)} and ${show(right)})`);
    return c.poison(pos);
  }
  // Compute as C does: the promoted (common) type, then convert back to the target's type.
  const step = combine(c, binaryOp, { ...target, type }, right, pos);
  if (c.isPoisoned(step)) return step;
  if (step.k !== "binary") {
    // Both constant cannot happen (the target is an lvalue); keep the compiler honest anyway.
    return c.poison(pos);
  }
  return { k: "compound", target, op: step.op, value: step.right, type, pos };
}

export function incdec(c: Checker, e: Extract<Expr, { kind: "incdec" }>): TExpr {
  const target = checkExpr(c, e.operand);
  if (!requireModifiable(c, target, `the operand of '${e.op}'`)) return c.poison(e.pos);
  const type = unqualified(target.type);
  let step = 1;
  if (type.kind === "ptr") {
    if (type.to.kind === "void" || !isComplete(type.to)) {
      c.error(e.pos, `'${e.op}' on a pointer to ${type.to.kind === "void" ? "void" : "an incomplete type"}`);
      return c.poison(e.pos);
    }
    step = sizeOf(type.to);
  } else if (type.kind !== "int") {
    c.error(e.pos, `invalid operand to '${e.op}': ${show(target)}`);
    return c.poison(e.pos);
  }
  return { k: "incdec", target, delta: e.op === "++" ? step : -step, post: !e.prefix, type, pos: e.pos };
}
