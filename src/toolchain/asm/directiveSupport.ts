/** The shape of a directive, and helpers its handlers share. */

import type { Expr } from "./expression";
import { MESSAGES } from "./messages";
import type { Operand } from "./operands";
import type { Statement } from "./parser";
import type { Walker } from "./walker";

export interface Directive {
  name: string;
  /** How it is written, for docs and messages: ".word value, ...". */
  syntax: string;
  summary: string;
  /** "list": comma-separated operands, parsed for the handler; "raw": the handler reads the tokens. */
  operands: "list" | "raw";
  /** "data" is refused in .bss; "zeros" (padding) and "none" are allowed there. */
  emits: "none" | "data" | "zeros";
  run(w: Walker, stmt: Statement): void;
}

/** Checks the operand count (pass 2 reports); false if it is wrong. */
export function countIs(w: Walker, stmt: Statement, min: number, max = min): boolean {
  const got = stmt.operands.length;
  if (got >= min && got <= max) return true;
  if (w.pass === 2) {
    const d = stmt.directive!;
    if (max === Number.POSITIVE_INFINITY) w.error(stmt.at, MESSAGES.needsOperands(d.name, d.syntax));
    else w.error(stmt.at, MESSAGES.operandCount(d.name, got < min ? min : max, got, d.syntax));
  }
  return false;
}

/** The expression of an operand, or undefined (reporting why, if `report`). */
export function exprOf(w: Walker, op: Operand, report: boolean): Expr | undefined {
  if (op.kind === "expr") return op.expr;
  if (!report) return undefined;
  if (op.kind === "register") return w.error(op, MESSAGES.expectedValue(op.text));
  if (op.kind === "memory") return w.error(op, MESSAGES.memoryNotAllowed());
  return w.error(op, MESSAGES.stringNotAllowed());
}

/** Pass 2: the value of a data operand, with its label weight; undefined after an error. */
export function dataValue(w: Walker, op: Operand): { value: number; weight: number } | undefined {
  const expr = exprOf(w, op, true);
  if (!expr) return undefined;
  const result = w.evaluate(expr);
  if ("kind" in result) {
    if (result.kind === "error") w.error(result, result.message, result.suggestion);
    return undefined;
  }
  return result;
}
