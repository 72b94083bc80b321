/**
 * The constant expression of `#if` and `#elif`, after `defined` and macros are replaced: integers,
 * character constants, and C's operators, computed as C's preprocessor does in its widest integer
 * type (64 bits here; signed unless a `u` suffix or the usual conversions make it unsigned). Names
 * left after expansion are 0. Errors are values: the caller reports them at the directive.
 */
import type { Token } from "./lexer";
// #if has C's binary operators, bound as tightly as in any other expression.
import { BINARY_PRECEDENCE } from "./parseExpr";

interface Value {
  v: bigint;
  unsigned: boolean;
}

export type PpResult = { value: bigint } | { error: string; at?: Token };

const MAX_DEPTH = 200;

class PpError {
  constructor(
    readonly message: string,
    readonly at?: Token,
  ) {}
}

const wrap = (v: bigint, unsigned: boolean): Value => ({
  v: unsigned ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v),
  unsigned,
});

export function evaluatePp(tokens: readonly Token[]): PpResult {
  let i = 0;
  let depth = 0;
  /** Inside an operand C does not evaluate (`0 && x`, `1 || x`, the other arm of `?:`): above 0. */
  let unevaluated = 0;
  const peek = (): Token | undefined => tokens[i];
  const isPunct = (text: string): boolean => peek()?.kind === "punct" && peek()?.text === text;
  const fail = (message: string, at = peek()): never => {
    throw new PpError(message, at);
  };

  const primary = (): Value => {
    const t = peek();
    if (!t) return fail("expected a value at the end of the condition");
    i++;
    if (t.kind === "num") return numberValue(t) ?? fail(`invalid number '${t.text}' in the condition`, t);
    if (t.kind === "char") return { v: BigInt(t.value ?? 0), unsigned: false };
    if (t.kind === "ident" || t.kind === "keyword") return { v: 0n, unsigned: false };
    if (t.kind === "punct" && t.text === "(") {
      const v = conditional();
      if (!isPunct(")")) fail("expected ')' in the condition");
      i++;
      return v;
    }
    if (t.kind === "punct" && ["-", "+", "~", "!"].includes(t.text)) {
      if (++depth > MAX_DEPTH) fail("the condition is nested too deeply", t);
      const operand = primary();
      depth--;
      if (t.text === "-") return wrap(-operand.v, operand.unsigned);
      if (t.text === "~") return wrap(~operand.v, operand.unsigned);
      if (t.text === "!") return { v: operand.v === 0n ? 1n : 0n, unsigned: false };
      return operand;
    }
    return fail(`'${t.text}' is not allowed in a preprocessor condition`, t);
  };

  const binary = (minPrecedence: number): Value => {
    let left = primary();
    for (;;) {
      const t = peek();
      const precedence = t?.kind === "punct" ? BINARY_PRECEDENCE[t.text] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      i++;
      const skips = (t!.text === "&&" && left.v === 0n) || (t!.text === "||" && left.v !== 0n);
      if (skips) unevaluated++;
      const right = binary(precedence + 1);
      if (skips) unevaluated--;
      left = apply(t!, left, right, unevaluated > 0 || skips);
    }
  };

  const conditional = (): Value => {
    if (++depth > MAX_DEPTH) fail("the condition is nested too deeply");
    const cond = binary(1);
    let result = cond;
    if (isPunct("?")) {
      i++;
      if (cond.v === 0n) unevaluated++;
      const then = conditional();
      if (cond.v === 0n) unevaluated--;
      if (!isPunct(":")) fail("expected ':' in the condition");
      i++;
      if (cond.v !== 0n) unevaluated++;
      const otherwise = conditional();
      if (cond.v !== 0n) unevaluated--;
      const unsigned = then.unsigned || otherwise.unsigned;
      result = wrap(cond.v !== 0n ? then.v : otherwise.v, unsigned);
    }
    depth--;
    return result;
  };

  try {
    if (tokens.length === 0) return { error: "#if with no condition" };
    const v = conditional();
    if (i < tokens.length) fail(`unexpected '${tokens[i]!.text}' in the condition`, tokens[i]);
    return { value: v.v };
  } catch (e) {
    if (e instanceof PpError) return { error: e.message, at: e.at };
    throw e;
  }
}

/** `a op b`; `skipped` when C does not evaluate it, where dividing by zero is no error. */
function apply(op: Token, a: Value, b: Value, skipped: boolean): Value {
  const unsigned = a.unsigned || b.unsigned;
  const x = unsigned ? BigInt.asUintN(64, a.v) : a.v;
  const y = unsigned ? BigInt.asUintN(64, b.v) : b.v;
  const bool = (c: boolean): Value => ({ v: c ? 1n : 0n, unsigned: false });
  switch (op.text) {
    case "||":
      return bool(x !== 0n || y !== 0n);
    case "&&":
      return bool(x !== 0n && y !== 0n);
    case "|":
      return wrap(x | y, unsigned);
    case "^":
      return wrap(x ^ y, unsigned);
    case "&":
      return wrap(x & y, unsigned);
    case "==":
      return bool(x === y);
    case "!=":
      return bool(x !== y);
    case "<":
      return bool(x < y);
    case ">":
      return bool(x > y);
    case "<=":
      return bool(x <= y);
    case ">=":
      return bool(x >= y);
    case "<<":
      return wrap(a.v << (BigInt.asUintN(64, b.v) & 63n), a.unsigned);
    case ">>":
      return wrap(
        (a.unsigned ? BigInt.asUintN(64, a.v) : a.v) >> (BigInt.asUintN(64, b.v) & 63n),
        a.unsigned,
      );
    case "+":
      return wrap(x + y, unsigned);
    case "-":
      return wrap(x - y, unsigned);
    case "*":
      return wrap(x * y, unsigned);
    default: {
      if (y === 0n && skipped) return { v: 0n, unsigned };
      if (y === 0n) throw new PpError("division by zero in a preprocessor condition", op);
      return wrap(op.text === "/" ? x / y : x % y, unsigned);
    }
  }
}

/** A preprocessing number as a 64-bit integer: decimal, hex or octal, with u and l suffixes. */
function numberValue(t: Token): Value | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)$/.exec(t.text);
  if (!m) return undefined;
  const digits = m[1]!;
  const radixed = /^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits;
  const v = BigInt(radixed);
  if (v > 0xffffffffffffffffn) return undefined;
  return wrap(v, /u/i.test(m[2]!) || v > 0x7fffffffffffffffn);
}
