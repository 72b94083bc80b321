/**
 * The lexer: driver C source text -> tokens. Every token knows where it came from (for diagnostics and
 * the source map) and whether it starts a line (for the preprocessor). Bad characters, unterminated
 * literals and unsupported literal forms become diagnostics, never exceptions.
 */
import type { Diagnostics, Pos } from "./diagnostics";

export type TokenKind = "ident" | "keyword" | "num" | "char" | "str" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  text: string;
  pos: Pos;
  /** First token on its line: the preprocessor's directives start here. */
  bol: boolean;
  /** num and char: the value (num: 0..2^32-1; char: the int value, so '\xff' is -1). */
  value?: number;
  /** num: has a u/U suffix, or is a hex/octal literal too big for int (which C makes unsigned). */
  unsigned?: boolean;
  /** num: a 64-bit constant (long long or unsigned long long), with its exact value. */
  wide?: bigint;
  /** str: the bytes, without the terminating NUL. */
  bytes?: number[];
  /**
   * What is wrong with a literal. Reported when the token reaches the parser, not when it is read:
   * text in a group that `#if 0` skips need not be valid C (an apostrophe in a comment-like line).
   */
  problems?: LexProblem[];
  /** Macros that must not expand this token again (the preprocessor's "hide set"). */
  hide?: ReadonlySet<string>;
}

export interface LexProblem {
  pos: Pos;
  message: string;
  suggestion?: string;
}

/** Reports the deferred problems of a token that is really used. */
export function reportProblems(token: Token, diags: Diagnostics): void {
  for (const p of token.problems ?? []) diags.error(p.pos, p.message, p.suggestion);
}

export const KEYWORDS: ReadonlySet<string> = new Set([
  "auto",
  "break",
  "case",
  "char",
  "const",
  "continue",
  "default",
  "do",
  "double",
  "else",
  "enum",
  "extern",
  "float",
  "for",
  "goto",
  "if",
  "inline",
  "int",
  "long",
  "register",
  "restrict",
  "return",
  "short",
  "signed",
  "sizeof",
  "static",
  "struct",
  "switch",
  "typedef",
  "union",
  "unsigned",
  "void",
  "volatile",
  "while",
  "_Bool",
  "_Alignas",
  "_Alignof",
  "_Atomic",
  "_Complex",
  "_Generic",
  "_Noreturn",
  "_Static_assert",
  "_Thread_local",
]);

/** Longest first, so the lexer takes `<<=` before `<<` before `<`. */
const PUNCTUATORS = [
  "<<=",
  ">>=",
  "...",
  "->",
  "++",
  "--",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  "&&",
  "||",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "^=",
  "|=",
  "##",
  "#",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ";",
  ",",
  ":",
  "?",
  ".",
  "~",
  "!",
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  ">",
  "&",
  "|",
  "^",
  "=",
];

const PUNCTUATOR_SETS = [3, 2, 1].map((n) => new Set(PUNCTUATORS.filter((p) => p.length === n)));

/** The longest punctuator at source[i], if any. */
function matchPunctuator(source: string, i: number): string | undefined {
  for (let n = 3; n >= 1; n--) {
    const candidate = source.slice(i, i + n);
    if (PUNCTUATOR_SETS[3 - n]!.has(candidate)) return candidate;
  }
  return undefined;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  n: 10,
  t: 9,
  r: 13,
  "0": 0,
  "\\": 92,
  "'": 39,
  '"': 34,
  a: 7,
  b: 8,
  f: 12,
  v: 11,
  "?": 63,
  e: 27,
};

const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isIdentStart = (c: string): boolean => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c);

export function lex(source: string, file: string, diags: Diagnostics): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let bol = true;

  const posAt = (start: number, startLine: number, startLineStart: number, len: number): Pos => ({
    file,
    line: startLine,
    col: start - startLineStart + 1,
    len: Math.max(1, len),
  });
  const here = (len = 1): Pos => posAt(i, line, lineStart, len);
  // Problems of the literal being read, attached to its token by push.
  let problems: LexProblem[] = [];
  const problem = (pos: Pos, message: string, suggestion?: string): void => {
    problems.push(suggestion === undefined ? { pos, message } : { pos, message, suggestion });
  };
  /** The prefix of the character constant being read (`L'x'`), if any. */
  let widePrefix: string | undefined;
  // Where the token being read began (a literal may span a line splice, so its line is kept too).
  let start = 0;
  let startLine = 1;
  let startLineStart = 0;
  const push = (kind: TokenKind): Token => {
    const token: Token = {
      kind,
      text: source.slice(start, i),
      pos: posAt(start, startLine, startLineStart, i - start),
      bol,
    };
    if (problems.length > 0) {
      token.problems = problems;
      problems = [];
    }
    tokens.push(token);
    bol = false;
    return token;
  };

  while (i < source.length) {
    const c = source[i]!;
    if (c === "\n") {
      i++;
      line++;
      lineStart = i;
      bol = true;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") {
      i++;
      continue;
    }
    if (c === "\\" && (source[i + 1] === "\n" || (source[i + 1] === "\r" && source[i + 2] === "\n"))) {
      i += source[i + 1] === "\n" ? 2 : 3;
      line++;
      lineStart = i;
      continue;
    }
    if (c === "/" && source[i + 1] === "/") {
      while (i < source.length && source[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && source[i + 1] === "*") {
      const opening = here(2);
      i += 2;
      let closed = false;
      while (i < source.length) {
        if (source[i] === "*" && source[i + 1] === "/") {
          i += 2;
          closed = true;
          break;
        }
        if (source[i] === "\n") {
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      if (!closed) diags.error(opening, "unterminated comment: '/*' has no matching '*/'");
      continue;
    }

    start = i;
    startLine = line;
    startLineStart = lineStart;

    if (isIdentStart(c)) {
      while (i < source.length && isIdentPart(source[i]!)) i++;
      const text = source.slice(start, i);
      const quote = source[i];
      if (quote === "'" && WIDE_PREFIXES.has(text)) {
        // L'x', u'x', U'x' are ints of the character's code, u8'x' a char: read on as a constant.
        widePrefix = text;
      } else if (quote === '"' && WIDE_PREFIXES.has(text)) {
        // L"x", u"x", ...: read on as the plain literal, with one clear error for the prefix.
        problem(
          posAt(start, line, lineStart, i - start + 1),
          `wide string literals ('${text}"') are not supported in driver C`,
          "driver C strings are bytes: leave the prefix out",
        );
      } else {
        push(KEYWORDS.has(text) ? "keyword" : "ident");
        continue;
      }
    }
    if (isDigit(c) || (c === "." && isDigit(source[i + 1] ?? ""))) {
      // Take the whole preprocessing number, then judge it.
      while (i < source.length && (isIdentPart(source[i]!) || source[i] === ".")) i++;
      const text = source.slice(start, i);
      const token = push("num");
      const parsed = parseNumber(text);
      if ("error" in parsed) {
        token.problems = [
          parsed.suggestion === undefined
            ? { pos: token.pos, message: parsed.error }
            : { pos: token.pos, message: parsed.error, suggestion: parsed.suggestion },
        ];
        token.value = 0;
      } else {
        token.value = parsed.value;
        token.unsigned = parsed.unsigned;
        if (parsed.wide !== undefined) token.wide = parsed.wide;
      }
      continue;
    }
    const quoteChar = source[i]!;
    if (quoteChar === "'" || quoteChar === '"') {
      const quote = quoteChar;
      i++;
      const bytes: number[] = [];
      /** The first character's whole value, for a wide constant (an escape may exceed a byte). */
      let first: number | undefined;
      let closed = false;
      while (i < source.length && source[i] !== "\n") {
        const ch = source[i]!;
        if (ch === quote) {
          i++;
          closed = true;
          break;
        }
        if (ch === "\\") {
          const escapeStart = i;
          const escaped = readEscape(source, i + 1, WIDE_MAX[widePrefix ?? ""] ?? 0xff);
          i = escaped.next;
          if (escaped.value === undefined) {
            const len = Math.max(2, i - escapeStart);
            const text = source.slice(escapeStart, escapeStart + len);
            problem(
              posAt(escapeStart, line, lineStart, len),
              escaped.problem ?? `unknown escape sequence '${text}'`,
            );
            bytes.push(0);
          } else {
            first ??= escaped.value;
            bytes.push(escaped.value & 0xff);
          }
          continue;
        }
        const code = ch.charCodeAt(0);
        if (code > 0x7e) {
          problem(posAt(i, line, lineStart, 1), "only ASCII characters are supported in driver C literals");
        }
        first ??= code;
        bytes.push(code & 0xff);
        i++;
      }
      const whole = posAt(start, startLine, startLineStart, i - start);
      if (quote === '"') {
        if (!closed) problem(whole, "missing terminating '\"' character");
        Object.assign(push("str"), { bytes });
      } else {
        // One error per literal: a bad escape already said what is wrong with it.
        const escapeFailed = problems.length > 0;
        if (!closed) problem(whole, "missing terminating ' character");
        else if (bytes.length === 0) problem(whole, "empty character constant");
        else if (bytes.length > 1 && !escapeFailed)
          problem(whole, "multi-character character constants are not supported");
        const token = push("char");
        // A plain char is signed in driver C, so '\xff' has the value -1, as in C on most targets.
        // L'x' (wchar_t, a 32-bit int here), U'x' (char32_t) and u'x' (char16_t) hold the code
        // itself, each within its type's range (WIDE_MAX).
        const wide = widePrefix;
        widePrefix = undefined;
        if (wide === "L" || wide === "U" || wide === "u") token.value = first ?? 0;
        else if (wide === "u8")
          token.value = bytes[0] ?? 0; // C23: an unsigned char
        else token.value = ((bytes[0] ?? 0) << 24) >> 24;
      }
      continue;
    }
    const punct = matchPunctuator(source, i);
    if (punct) {
      i += punct.length;
      push("punct");
      continue;
    }
    const shown = c.charCodeAt(0) < 32 || c.charCodeAt(0) > 126 ? `\\x${c.charCodeAt(0).toString(16)}` : c;
    diags.error(here(), `unexpected character '${shown}'`);
    i++;
  }
  tokens.push({ kind: "eof", text: "", pos: { file, line, col: i - lineStart + 1, len: 1 }, bol: true });
  return tokens;
}

/** The largest value of a character constant with each prefix: wchar_t and char32_t as ints here, char16_t. */
const WIDE_MAX: Record<string, number> = { L: 0x7fffffff, U: 0x7fffffff, u: 0xffff };

/** Prefixes of wide and Unicode literals: constants are read, strings left out. */
const WIDE_PREFIXES = new Set(["L", "u", "U", "u8"]);

/** The escape at `at` (after the backslash); `max` is the widest value the literal's type holds. */
function readEscape(
  source: string,
  at: number,
  max = 0xff,
): { value: number | undefined; next: number; problem?: string } {
  const c = source[at] ?? "";
  if (c === "x") {
    let j = at + 1;
    let value = 0;
    while (j < source.length && /[0-9a-fA-F]/.test(source[j]!)) {
      value = value * 16 + Number.parseInt(source[j]!, 16);
      j++;
    }
    if (j === at + 1) return { value: undefined, next: j };
    if (value > max)
      return {
        value: undefined,
        next: j,
        problem: `hex escape sequence '\\${source.slice(at, j)}' is out of range (the largest is '\\x${max.toString(16)}')`,
      };
    return { value, next: j };
  }
  if (c >= "0" && c <= "7") {
    let j = at;
    let value = 0;
    while (j < at + 3 && source[j]! >= "0" && source[j]! <= "7") {
      value = value * 8 + Number(source[j]);
      j++;
    }
    if (value > max)
      return {
        value: undefined,
        next: j,
        problem: `octal escape sequence '\\${source.slice(at, j)}' is out of range (the largest is '\\${Math.min(max, 0o777).toString(8)}')`,
      };
    return { value, next: j };
  }
  const simple = SIMPLE_ESCAPES[c];
  return { value: simple, next: at + 1 };
}

type ParsedNumber =
  | { value: number; unsigned: boolean; wide?: bigint }
  | { error: string; suggestion?: string };

const MAX_U64 = 0xffff_ffff_ffff_ffffn;
const MAX_I64 = 0x7fff_ffff_ffff_ffffn;

/**
 * C's integer constants: decimal, 0x hex, 0 octal, with an optional u, l or ll suffix. The type is the
 * first of C's list (6.4.4.1) that holds the value, long being int's size here: a decimal constant is
 * int, then long long; a hex or octal one int, unsigned int, long long, unsigned long long; a u suffix
 * keeps to the unsigned ones, an ll suffix starts at long long. `wide` is set for the 64-bit types.
 */
export function parseNumber(text: string): ParsedNumber {
  if (text.includes(".") || /^[0-9]+[eE]/.test(text) || /^\d+[fF]$/.test(text)) {
    return {
      error: "floating-point constants are left out of driver C by design",
      suggestion: "use integers, e.g. 1500 thousandths for 1.5",
    };
  }
  const match = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([a-zA-Z_0-9]*)$/.exec(text);
  if (!match) return { error: `invalid integer constant '${text}'` };
  const digits = match[1]!;
  const suffix = match[2]!.toLowerCase();
  // ll and LL, but not lL: C spells the long long suffix in one case.
  const mixedCase = /lL|Ll/.test(match[2]!);
  if (mixedCase || !["", "u", "l", "ul", "lu", "ll", "ull", "llu"].includes(suffix))
    return { error: `invalid suffix '${match[2]}' on integer constant` };
  const radix = /^0[xX]/.test(digits) ? 16 : digits.length > 1 && digits[0] === "0" ? 8 : 10;
  const value = BigInt(radix === 16 ? digits : radix === 8 ? `0o${digits.slice(1)}` : digits);
  if (value > MAX_U64) return { error: `integer constant '${text}' is too large for 64 bits` };
  const hasU = suffix.includes("u");
  const longLong = suffix.includes("ll");
  const small = Number(value);
  if (!longLong && value <= 0x7fffffffn && !hasU) return { value: small, unsigned: false };
  if (!longLong && value <= 0xffffffffn && (hasU || radix !== 10)) return { value: small, unsigned: true };
  if (value <= MAX_I64 && !hasU) return { value: small, unsigned: false, wide: value };
  if (hasU || radix !== 10) return { value: small, unsigned: true, wide: value };
  return {
    error: `integer constant '${text}' is too large for 'long long'`,
    suggestion: `write '${text}ull' for an unsigned constant`,
  };
}
