/**
 * Expressions: the syntax tree and its parser. Operators and precedence are C's (tightest first):
 *   unary - ~ ! +    * / %    + -    << >>    &    ^    |
 * plus parentheses, `.` (the current address) and the functions hi(e) = e >>> 16 and lo(e) = e & 0xffff.
 * Evaluation (with 32-bit wrap-around) is in evaluate.ts.
 */

import { parseRegister } from "../../machine/isa";
import type { LexError, Token } from "./lexer";
import { MESSAGES } from "./messages";

/** Where a node is in its line: 1-based column and length. */
export interface Span {
  col: number;
  length: number;
}

export type BinaryOp = "*" | "/" | "%" | "+" | "-" | "<<" | ">>" | "&" | "^" | "|";
export type UnaryOp = "-" | "~" | "!" | "+";

export type Expr =
  | ({ kind: "number"; value: number } & Span)
  | ({ kind: "symbol"; name: string } & Span)
  | ({ kind: "dot" } & Span)
  | ({ kind: "unary"; op: UnaryOp; arg: Expr } & Span)
  | ({ kind: "binary"; op: BinaryOp; left: Expr; right: Expr } & Span)
  | ({ kind: "call"; fn: "hi" | "lo"; arg: Expr } & Span);

/** Binary operators by precedence level, loosest first. */
const LEVELS: readonly (readonly BinaryOp[])[] = [
  ["|"],
  ["^"],
  ["&"],
  ["<<", ">>"],
  ["+", "-"],
  ["*", "/", "%"],
];

/** Nesting (parentheses, unary operators, hi/lo) beyond this is refused rather than risking the host stack. */
export const MAX_EXPRESSION_DEPTH = 100;
/** Tokens in one expression; keeps the tree shallow enough to evaluate recursively. */
export const MAX_EXPRESSION_TOKENS = 1000;

export type ParsedExpr = { ok: true; expr: Expr } | { ok: false; error: LexError };

class ExpressionParser {
  private pos: number;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  parse(): Expr {
    const expr = this.level(0);
    if (this.pos < this.end) {
      const t = this.tokens[this.pos]!;
      throw fail(t, t.text === ")" ? MESSAGES.unexpectedToken(")") : MESSAGES.unexpectedToken(t.text));
    }
    return expr;
  }

  private peek(): Token | undefined {
    return this.pos < this.end ? this.tokens[this.pos] : undefined;
  }

  private level(n: number): Expr {
    if (n === LEVELS.length) return this.unary();
    let left = this.level(n + 1);
    for (;;) {
      const t = this.peek();
      if (t?.kind !== "punct" || !(LEVELS[n] as readonly string[]).includes(t.text)) return left;
      this.pos++;
      const right = this.level(n + 1);
      left = { kind: "binary", op: t.text as BinaryOp, left, right, ...spanOf(left, right) };
    }
  }

  private nested<T>(t: Token, inner: () => T): T {
    if (++this.depth > MAX_EXPRESSION_DEPTH) throw fail(t, MESSAGES.expressionTooDeep());
    const result = inner();
    this.depth--;
    return result;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t && t.kind === "punct" && (t.text === "-" || t.text === "~" || t.text === "!" || t.text === "+")) {
      this.pos++;
      return this.nested(t, () => {
        const arg = this.unary();
        return {
          kind: "unary",
          op: t.text as UnaryOp,
          arg,
          col: t.col,
          length: arg.col + arg.length - t.col,
        };
      });
    }
    return this.primary();
  }

  private closeParen(open: Token): Token {
    const t = this.peek();
    if (t?.text !== ")") {
      throw t
        ? fail(t, MESSAGES.expectedClosingParen(t.text))
        : fail(open, MESSAGES.expectedClosingParen("end of line"));
    }
    this.pos++;
    return t;
  }

  private primary(): Expr {
    const t = this.peek();
    if (!t) {
      const last = this.tokens[this.end - 1];
      throw last
        ? fail(last, MESSAGES.expectedExpression("end of line"))
        : fail(undefined, MESSAGES.expectedExpression("nothing"));
    }
    this.pos++;
    if (t.kind === "number" || t.kind === "char")
      return { kind: "number", value: t.value, col: t.col, length: t.length };
    if (t.kind === "ident") {
      const lower = t.text.toLowerCase();
      const next = this.peek();
      if ((lower === "hi" || lower === "lo") && next?.text === "(") {
        this.pos++;
        return this.nested(t, () => {
          const arg = this.level(0);
          const close = this.closeParen(next);
          return { kind: "call", fn: lower, arg, col: t.col, length: close.col + 1 - t.col };
        });
      }
      if (t.text === ".") return { kind: "dot", col: t.col, length: 1 };
      if (parseRegister(t.text) >= 0) throw fail(t, MESSAGES.registerInExpression(t.text));
      return { kind: "symbol", name: t.text, col: t.col, length: t.length };
    }
    if (t.text === "(") {
      return this.nested(t, () => {
        const inner = this.level(0);
        const close = this.closeParen(t);
        return { ...inner, col: t.col, length: close.col + 1 - t.col };
      });
    }
    throw fail(t, MESSAGES.expectedExpression(t.kind === "string" ? "a string" : t.text));
  }
}

class ParseFailure {
  constructor(readonly error: LexError) {}
}

function fail(t: Token | undefined, message: string): ParseFailure {
  return new ParseFailure({ col: t?.col ?? 1, length: t?.length ?? 1, message });
}

function spanOf(left: Span, right: Span): Span {
  return { col: left.col, length: right.col + right.length - left.col };
}

/** Parses tokens[start..end) as one expression; never throws. */
export function parseExpression(tokens: readonly Token[], start: number, end: number): ParsedExpr {
  if (end - start > MAX_EXPRESSION_TOKENS) {
    const t = tokens[start]!;
    const last = tokens[end - 1]!;
    return {
      ok: false,
      error: { col: t.col, length: last.col + last.length - t.col, message: MESSAGES.expressionTooLong() },
    };
  }
  try {
    return { ok: true, expr: new ExpressionParser(tokens, start, end).parse() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** The symbols an expression names, in order (for "depends on a label" checks and messages). */
export function symbolsOf(expr: Expr, out: string[] = []): string[] {
  switch (expr.kind) {
    case "symbol":
      out.push(expr.name);
      break;
    case "unary":
    case "call":
      symbolsOf(expr.arg, out);
      break;
    case "binary":
      symbolsOf(expr.left, out);
      symbolsOf(expr.right, out);
      break;
  }
  return out;
}
