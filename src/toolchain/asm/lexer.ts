/**
 * The lexer: one source line -> tokens. Comments (`;` or `//` to the end of the line) are dropped.
 * A line with a lexical error stops at the first one, which is reported with its column.
 */

import { MESSAGES } from "./messages";

export type TokenKind = "ident" | "number" | "char" | "string" | "punct";

export interface Token {
  kind: TokenKind;
  /** The token as written. */
  text: string;
  /** 1-based column and length in the line. */
  col: number;
  length: number;
  /** Numbers and characters: the value (0..2^32-1). */
  value: number;
  /** Strings: the bytes, escapes decoded, other characters in UTF-8. */
  bytes?: Uint8Array;
}

export interface LexError {
  col: number;
  length: number;
  message: string;
  /** A hint, or a function giving one (computed only if the error is shown). */
  suggestion?: string | (() => string | undefined);
}

export interface LexedLine {
  tokens: Token[];
  error?: LexError;
}

/** Single-character punctuation; "<<" and ">>" are the only two-character tokens. */
const PUNCT_1 = new Set([
  ",",
  ":",
  "[",
  "]",
  "(",
  ")",
  "+",
  "-",
  "*",
  "/",
  "%",
  "&",
  "^",
  "|",
  "~",
  "!",
  "=",
]);

// Character classes by UTF-16 code unit: the lexer runs on every line of every build, and a regular
// expression per character was a good part of the assembler's time.
const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isDigitCode = (code: number): boolean => code >= 48 && code <= 57;
/** Letters, digits and '_': what runs together into one number token. */
const isWordCode = (code: number): boolean => isLetter(code) || isDigitCode(code) || code === 95;
const isIdentStart = (code: number): boolean => isLetter(code) || code === 95 || code === 46;
const isIdentPart = (code: number): boolean => isWordCode(code) || code === 46;

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, "0": 0, "\\": 92, '"': 34, "'": 39 };

/** Decodes the escape starting at `text[i] === "\\"`: its value and the index after it, or an error. */
function decodeEscape(text: string, i: number): { value: number; next: number } | LexError {
  const c = text[i + 1];
  if (c !== undefined && c in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[c]!, next: i + 2 };
  if (c === "x" && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
    return { value: Number.parseInt(text.slice(i + 2, i + 4), 16), next: i + 4 };
  }
  const seq = text.slice(i, i + 2);
  return { col: i + 1, length: seq.length, message: MESSAGES.badEscape(seq) };
}

const encoder = new TextEncoder();

/** Reads a number token starting at `i`; letters and digits run together so "12ab" is one bad number. */
function number(text: string, i: number): Token | LexError {
  let end = i;
  while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
  const raw = text.slice(i, end);
  // The common case, a short decimal number, needs none of the radix handling below.
  if (end - i <= 9) {
    let value = 0;
    let k = i;
    for (; k < end; k++) {
      const code = text.charCodeAt(k);
      if (!isDigitCode(code)) break;
      value = value * 10 + (code - 48);
    }
    if (k === end) return { kind: "number", text: raw, col: i + 1, length: raw.length, value };
  }
  const lower = raw.toLowerCase();
  let digits: string;
  let radix: number;
  if (lower.startsWith("0x")) [digits, radix] = [lower.slice(2), 16];
  else if (lower.startsWith("0b")) [digits, radix] = [lower.slice(2), 2];
  else [digits, radix] = [lower, 10];
  const valid = radix === 16 ? /^[0-9a-f]+$/ : radix === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return { col: i + 1, length: raw.length, message: MESSAGES.badNumber(raw) };
  const trimmed = digits.replace(/^0+(?=.)/, "");
  const value = trimmed.length > 40 ? Number.POSITIVE_INFINITY : Number.parseInt(trimmed, radix);
  if (value > 0xffffffff) return { col: i + 1, length: raw.length, message: MESSAGES.numberTooLarge(raw) };
  return { kind: "number", text: raw, col: i + 1, length: raw.length, value };
}

function charLiteral(text: string, i: number): Token | LexError {
  let j = i + 1;
  let value: number;
  if (text[j] === "\\") {
    const decoded = decodeEscape(text, j);
    if ("message" in decoded) return decoded;
    value = decoded.value;
    j = decoded.next;
  } else if (j >= text.length) {
    return { col: i + 1, length: 1, message: MESSAGES.unterminatedChar() };
  } else if (text[j] === "'") {
    return { col: i + 1, length: 2, message: MESSAGES.badCharLiteral() };
  } else {
    const codePoint = text.codePointAt(j)!;
    value = codePoint;
    j += codePoint > 0xffff ? 2 : 1;
  }
  if (text[j] !== "'") {
    const close = text.indexOf("'", j);
    if (close < 0) return { col: i + 1, length: j - i, message: MESSAGES.unterminatedChar() };
    return { col: i + 1, length: close + 1 - i, message: MESSAGES.badCharLiteral() };
  }
  const raw = text.slice(i, j + 1);
  return { kind: "char", text: raw, col: i + 1, length: raw.length, value };
}

function stringLiteral(text: string, i: number): Token | LexError {
  const bytes: number[] = [];
  let j = i + 1;
  while (j < text.length && text[j] !== '"') {
    if (text[j] === "\\") {
      const decoded = decodeEscape(text, j);
      if ("message" in decoded) return decoded;
      bytes.push(decoded.value);
      j = decoded.next;
    } else {
      const codePoint = text.codePointAt(j)!;
      const width = codePoint > 0xffff ? 2 : 1;
      if (codePoint < 0x80) bytes.push(codePoint);
      else bytes.push(...encoder.encode(text.slice(j, j + width)));
      j += width;
    }
  }
  if (j >= text.length) return { col: i + 1, length: j - i, message: MESSAGES.unterminatedString() };
  const raw = text.slice(i, j + 1);
  return {
    kind: "string",
    text: raw,
    col: i + 1,
    length: raw.length,
    value: 0,
    bytes: Uint8Array.from(bytes),
  };
}

function describe(c: string): string {
  const code = c.codePointAt(0)!;
  return code < 32 || code === 127 ? `\\x${code.toString(16).padStart(2, "0")}` : c;
}

export function lexLine(text: string): LexedLine {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") {
      i++;
      continue;
    }
    if (c === ";" || (c === "/" && text[i + 1] === "/")) break;
    const code = text.charCodeAt(i);
    let result: Token | LexError;
    if (isDigitCode(code)) result = number(text, i);
    else if (isIdentStart(code)) {
      let end = i + 1;
      while (end < text.length && isIdentPart(text.charCodeAt(end))) end++;
      const raw = text.slice(i, end);
      result = { kind: "ident", text: raw, col: i + 1, length: raw.length, value: 0 };
    } else if (c === "'") result = charLiteral(text, i);
    else if (c === '"') result = stringLiteral(text, i);
    else if ((c === "<" || c === ">") && text[i + 1] === c) {
      result = { kind: "punct", text: c === "<" ? "<<" : ">>", col: i + 1, length: 2, value: 0 };
    } else if (PUNCT_1.has(c)) result = { kind: "punct", text: c, col: i + 1, length: 1, value: 0 };
    else {
      const shown = describe(String.fromCodePoint(text.codePointAt(i)!));
      const error: LexError = { col: i + 1, length: 1, message: MESSAGES.unexpectedCharacter(shown) };
      if (c === "#") error.suggestion = "immediates are written without '#': addi a0, a0, 1";
      if (c === "@" || c === "$") error.suggestion = "registers are written without a prefix: a0, sp, r5";
      return { tokens, error };
    }
    if ("message" in result) return { tokens, error: result };
    tokens.push(result);
    i += result.length;
  }
  return { tokens };
}
