/**
 * Operands, parsed the same way for every instruction and directive: split at top-level commas, and
 * each one is a register, a memory operand [rs], [rs + e], [rs - e], a string, or an expression.
 * Whether that kind of operand is allowed in that place is decided later (encoder.ts, directives).
 */

import { parseRegister } from "../../machine/isa";
import type { Resolved } from "./encoder";
import { type Expr, parseExpression, type Span } from "./expression";
import type { LexError, Token } from "./lexer";
import { MESSAGES, REGISTER_HELP } from "./messages";

export type Operand =
  /** `resolved` is the operand as a register slot takes it, made once: operands are shared, never changed. */
  | ({ kind: "register"; reg: number; text: string; resolved: Resolved } & Span)
  | ({ kind: "memory"; base: number; offset?: Expr; text: string } & Span)
  | ({ kind: "string"; bytes: Uint8Array; text: string } & Span)
  | ({ kind: "expr"; expr: Expr; text: string } & Span);

export type ParsedOperands = { ok: true; operands: Operand[] } | { ok: false; error: LexError };

function spanText(line: string, first: Token, last: Token): Span & { text: string } {
  const length = last.col + last.length - first.col;
  return { col: first.col, length, text: line.slice(first.col - 1, first.col - 1 + length) };
}

function memory(line: string, tokens: readonly Token[], start: number, end: number): Operand | LexError {
  const span = spanText(line, tokens[start]!, tokens[end - 1]!);
  const bad = (): LexError => ({ col: span.col, length: span.length, message: MESSAGES.badMemory() });
  if (tokens[end - 1]!.text !== "]" || end - start < 3) return bad();
  const baseToken = tokens[start + 1]!;
  if (baseToken.kind !== "ident") return bad();
  const base = parseRegister(baseToken.text);
  if (base < 0) {
    return {
      col: baseToken.col,
      length: baseToken.length,
      message: MESSAGES.unknownRegister(baseToken.text),
      suggestion: REGISTER_HELP,
    };
  }
  const close = end - 1;
  if (start + 2 === close) return { kind: "memory", base, ...span };
  const sign = tokens[start + 2]!;
  if (sign.text !== "+" && sign.text !== "-") return bad();
  // The sign belongs to the offset, so [sp - 4 + 2] is sp + (-4 + 2), as it reads.
  const from = sign.text === "-" ? start + 2 : start + 3;
  if (from >= close) return bad();
  const offset = parseExpression(tokens, from, close);
  if (!offset.ok) return offset.error;
  return { kind: "memory", base, offset: offset.expr, ...span };
}

function operand(line: string, tokens: readonly Token[], start: number, end: number): Operand | LexError {
  const first = tokens[start]!;
  if (first.text === "[") return memory(line, tokens, start, end);
  const span = spanText(line, first, tokens[end - 1]!);
  if (end - start === 1) {
    if (first.kind === "ident") {
      const reg = parseRegister(first.text);
      if (reg >= 0) {
        const resolved = { value: reg, weight: 0, col: span.col, length: span.length };
        return { kind: "register", reg, resolved, ...span };
      }
    }
    if (first.kind === "string") return { kind: "string", bytes: first.bytes!, ...span };
  }
  const parsed = parseExpression(tokens, start, end);
  if (!parsed.ok) return parsed.error;
  return { kind: "expr", expr: parsed.expr, ...span };
}

/** Parses tokens[start..] as comma-separated operands. */
export function parseOperands(line: string, tokens: readonly Token[], start: number): ParsedOperands {
  const operands: Operand[] = [];
  if (start >= tokens.length) return { ok: true, operands };
  let depth = 0;
  let from = start;
  for (let i = start; i <= tokens.length; i++) {
    const t = tokens[i];
    if (t && (t.text === "(" || t.text === "[")) depth++;
    else if (t && (t.text === ")" || t.text === "]")) depth = Math.max(0, depth - 1);
    if (t && !(t.text === "," && depth === 0)) continue;
    if (i === from) {
      const at = t ?? tokens[i - 1]!;
      return { ok: false, error: { col: at.col, length: 1, message: MESSAGES.missingOperand() } };
    }
    const result = operand(line, tokens, from, i);
    if ("message" in result) return { ok: false, error: result };
    operands.push(result);
    from = i + 1;
  }
  return { ok: true, operands };
}
