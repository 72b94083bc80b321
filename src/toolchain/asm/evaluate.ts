/**
 * Evaluating expressions with 32-bit wrap-around (values are kept as signed 32-bit numbers).
 *
 * Besides the value, evaluation tracks how the result depends on addresses, so the assembler knows
 * what to relocate when an image moves: the "weight" is how many times a label's address is added
 * (label + 4 has weight 1, end - start has weight 0 and so does not move, label * 2 has weight 2), and
 * NaN when an address went through an operator that cannot be relocated (label & 0xff, hi(label)).
 */

import type { Expr, Span } from "./expression";
import { MESSAGES } from "./messages";

export interface Value {
  /** The value as a signed 32-bit number. */
  value: number;
  /** Net count of label addresses in the value; NaN when they cannot be relocated. */
  weight: number;
  /** True when no label and no `.` was involved, so the value is the same in every pass. */
  pure: boolean;
  /** The first label the value depends on, for messages. */
  label?: string;
}

/** Why there is no value: a symbol not known yet (pass 1), an error, or an error already reported. */
export type Failure =
  | ({ kind: "unknown"; name: string } & Span)
  | ({ kind: "error"; message: string; suggestion?: string } & Span)
  | { kind: "silent" };

export type Evaluation = Value | Failure;

export interface EvalEnv {
  symbol(node: Extract<Expr, { kind: "symbol" }>): Evaluation;
  dot(node: Extract<Expr, { kind: "dot" }>): Evaluation;
}

export const isFailure = (e: Evaluation): e is Failure => "kind" in e;

export const constant = (value: number): Value => ({ value: value | 0, weight: 0, pure: true });

function combine(left: Value, right: Value, value: number, weight: number): Value {
  return { value: value | 0, weight, pure: left.pure && right.pure, label: left.label ?? right.label };
}

/** Weight of an operator that cannot carry addresses: fine on plain numbers, NaN on addresses. */
const opaque = (...weights: number[]): number => (weights.every((w) => w === 0) ? 0 : Number.NaN);

function binary(op: string, l: Value, r: Value, node: Span): Evaluation {
  const a = l.value;
  const b = r.value;
  switch (op) {
    case "+":
      return combine(l, r, a + b, l.weight + r.weight);
    case "-":
      return combine(l, r, a - b, l.weight - r.weight);
    case "*": {
      const weight = l.weight === 0 ? r.weight * a : r.weight === 0 ? l.weight * b : Number.NaN;
      return combine(l, r, Math.imul(a, b), weight);
    }
    case "/":
    case "%":
      if (b === 0)
        return { kind: "error", message: MESSAGES.divisionByZero(), col: node.col, length: node.length };
      return combine(l, r, op === "/" ? Math.trunc(a / b) : a % b, opaque(l.weight, r.weight));
    case "<<":
      return combine(l, r, a << (b & 31), opaque(l.weight, r.weight));
    case ">>":
      return combine(l, r, a >> (b & 31), opaque(l.weight, r.weight));
    case "&":
      return combine(l, r, a & b, opaque(l.weight, r.weight));
    case "^":
      return combine(l, r, a ^ b, opaque(l.weight, r.weight));
    default:
      return combine(l, r, a | b, opaque(l.weight, r.weight));
  }
}

export function evaluate(expr: Expr, env: EvalEnv): Evaluation {
  switch (expr.kind) {
    case "number":
      return constant(expr.value);
    case "symbol":
      return env.symbol(expr);
    case "dot":
      return env.dot(expr);
    case "unary": {
      const arg = evaluate(expr.arg, env);
      if (isFailure(arg)) return arg;
      const v = arg.value;
      if (expr.op === "-") return { ...arg, value: -v | 0, weight: -arg.weight };
      if (expr.op === "+") return arg;
      return { ...arg, value: expr.op === "~" ? ~v : v === 0 ? 1 : 0, weight: opaque(arg.weight) };
    }
    case "call": {
      const arg = evaluate(expr.arg, env);
      if (isFailure(arg)) return arg;
      const v = expr.fn === "hi" ? arg.value >>> 16 : arg.value & 0xffff;
      return { ...arg, value: v, weight: opaque(arg.weight) };
    }
    case "binary": {
      const left = evaluate(expr.left, env);
      if (isFailure(left)) return left;
      const right = evaluate(expr.right, env);
      if (isFailure(right)) return right;
      return binary(expr.op, left, right, expr);
    }
  }
}
