/**
 * The parser: source text -> one Statement per line (labels, then an instruction, a pseudo-instruction,
 * a directive or a constant assignment, with its operands). Syntax errors are reported here, once; a
 * line with one is marked `broken` and emits nothing, but its labels are still defined so one typo
 * does not cascade into "undefined label" errors further down.
 */

import { BY_MNEMONIC, type InstructionInfo } from "../../machine/isa";
import type { Directive } from "./directives";
import { DIRECTIVES } from "./directives";
import { type Expr, parseExpression, type Span } from "./expression";
import { type LexError, lexLine, type Token } from "./lexer";
import { MESSAGES } from "./messages";
import { type Operand, parseOperands } from "./operands";
import { PSEUDO_BY_NAME, PSEUDO_INSTRUCTIONS, type PseudoInstruction } from "./pseudo";
import type { DiagnosticSink } from "./sink";
import { didYouMean, suggestMnemonic } from "./suggestions";
import type { SectionName } from "./symbols";

export interface LabelDef extends Span {
  name: string;
}

export interface Statement {
  /** 1-based line number and the line's text. */
  line: number;
  text: string;
  labels: LabelDef[];
  kind: "empty" | "instruction" | "pseudo" | "directive" | "assign";
  /** The mnemonic or directive (lower case), or the assigned name; and where it is written. */
  name: string;
  at: Span;
  info?: InstructionInfo;
  pseudo?: PseudoInstruction;
  directive?: Directive;
  /** The line's tokens, and where the operands start among them. */
  tokens: Token[];
  operandStart: number;
  operands: Operand[];
  /** `NAME = expr`: the expression. */
  value?: Expr;
  /** A syntax error was reported: emit nothing. */
  broken: boolean;
  // Filled in by pass 1 and read by pass 2:
  section: SectionName;
  offset: number;
  size: number;
  /** A decision pass 1 made for pass 2 (words of `li`, bytes of padding, ...). */
  plan: number;
  /** Shared by every line with this text, in every assembly (see encodedWords in walker.ts). */
  memo: LineMemo;
}

export interface LineMemo {
  /**
   * An instruction whose words depend on its text alone (operands of registers and numbers only, no
   * branch target): its words once encoded. Undefined until then; null when they depend on more.
   */
  words: number[] | null | undefined;
}

const KNOWN_MNEMONICS = [...BY_MNEMONIC.keys(), ...PSEUDO_INSTRUCTIONS.map((p) => p.name)];

function statement(line: number, text: string, tokens: Token[]): Statement {
  return {
    line,
    text,
    labels: [],
    kind: "empty",
    name: "",
    at: { col: 1, length: 1 },
    // Every field present from the start, so all statements share one shape.
    info: undefined,
    pseudo: undefined,
    directive: undefined,
    tokens,
    operandStart: tokens.length,
    operands: [],
    value: undefined,
    broken: false,
    section: "text",
    offset: 0,
    size: 0,
    plan: 0,
    memo: { words: undefined },
  };
}

/** Another line with the same text: the same parse (shared, never mutated), its own pass fields. */
function copyOf(s: Statement, line: number): Statement {
  return {
    line,
    text: s.text,
    labels: s.labels,
    kind: s.kind,
    name: s.name,
    at: s.at,
    info: s.info,
    pseudo: s.pseudo,
    directive: s.directive,
    tokens: s.tokens,
    operandStart: s.operandStart,
    operands: s.operands,
    value: s.value,
    broken: false,
    section: "text",
    offset: 0,
    size: 0,
    plan: 0,
    memo: s.memo,
  };
}

function parseLine(s: Statement, report: (e: LexError) => void): void {
  const t = s.tokens;
  let i = 0;
  while (i < t.length) {
    if (t[i]!.text === ":" && t[i]!.kind === "punct") {
      report({ col: t[i]!.col, length: 1, message: MESSAGES.expectedLabelName() });
      return;
    }
    if (t[i]!.kind !== "ident" || t[i + 1]?.text !== ":" || t[i + 1]?.kind !== "punct") break;
    if (t[i]!.text === ".") {
      report({ col: t[i]!.col, length: 1, message: MESSAGES.expectedLabelName() });
      return;
    }
    s.labels.push({ name: t[i]!.text, col: t[i]!.col, length: t[i]!.length });
    i += 2;
  }
  const head = t[i];
  if (!head) return;
  s.at = { col: head.col, length: head.length };
  s.operandStart = i + 1;
  if (head.kind !== "ident" || head.text === ".") {
    report({ col: head.col, length: head.length, message: MESSAGES.expectedStatement(head.text) });
    return;
  }
  if (t[i + 1]?.text === "=" && t[i + 1]?.kind === "punct") {
    s.kind = "assign";
    s.name = head.text;
    const parsed =
      i + 2 < t.length
        ? parseExpression(t, i + 2, t.length)
        : {
            ok: false as const,
            error: { col: t[i + 1]!.col, length: 1, message: MESSAGES.expectedExpression("end of line") },
          };
    if (parsed.ok) s.value = parsed.expr;
    else report(parsed.error);
    return;
  }
  const lower = head.text.toLowerCase();
  s.name = lower;
  if (lower.startsWith(".")) {
    const directive = DIRECTIVES.get(lower);
    if (!directive) {
      report({
        col: head.col,
        length: head.length,
        message: MESSAGES.unknownDirective(head.text),
        suggestion: () => didYouMean(lower, DIRECTIVES.keys()),
      });
      return;
    }
    s.kind = "directive";
    s.directive = directive;
    if (directive.operands === "raw") return;
  } else {
    s.info = BY_MNEMONIC.get(lower);
    s.pseudo = s.info ? undefined : PSEUDO_BY_NAME.get(lower);
    if (!s.info && !s.pseudo) {
      report({
        col: head.col,
        length: head.length,
        message: MESSAGES.unknownMnemonic(head.text),
        suggestion: () => suggestMnemonic(head.text, KNOWN_MNEMONICS),
      });
      return;
    }
    s.kind = s.info ? "instruction" : "pseudo";
  }
  const parsed = parseOperands(s.text, t, s.operandStart);
  if (parsed.ok) s.operands = parsed.operands;
  else report(parsed.error);
}

/**
 * Lines that parsed cleanly, by text, kept from one assembly to the next. Compiler output repeats the
 * same lines over and over (`ldw t0, [fp - 8]`, `.endfunc`), within one program and across programs:
 * the library, the prologues and the spills are the same in every driver the kernel builds and in
 * every recompile of a learner's edit. A line's parse depends on its text alone, so it is made once
 * and shared by every copy; only the line number and what the passes fill in differ. Nothing
 * downstream mutates tokens, operands or expressions. A line with an error is never shared, so each
 * copy reports its own.
 */
const clean = new Map<string, Statement>();
/**
 * A parsed line holds about 1.5 kB (measured 2026-12-03), so the cache stays under about 12 MB: room
 * for a 1,000-line program's 2,000 distinct lines several times over. Once full, the next source
 * starts it over; lines past the limit are parsed without being kept.
 */
const MAX_CACHED_LINES = 8192;

/** How many parsed lines the cache holds now (for the test of its bound). */
export function cachedLineCount(): number {
  return clean.size;
}

/** Splits `source` into statements, reporting lexical and syntax errors to `sink`. */
export function parseSource(source: string, sink: DiagnosticSink): Statement[] {
  const lines = source.split("\n");
  if (clean.size >= MAX_CACHED_LINES) clean.clear();
  const statements: Statement[] = new Array(lines.length);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const line = index + 1;
    const seen = clean.get(text);
    if (seen) {
      statements[index] = copyOf(seen, line);
      continue;
    }
    const lexed = lexLine(text);
    const s = statement(line, text, lexed.tokens);
    const report = (e: LexError): void => {
      s.broken = true;
      sink.error({ line, col: e.col, length: e.length }, e.message, e.suggestion);
    };
    // After a lexical error the tokens stop short: parse them only for the labels and the mnemonic
    // (so the line is sized sensibly), and report just the lexical error.
    parseLine(s, lexed.error ? () => {} : report);
    if (lexed.error) report(lexed.error);
    if (!s.broken && clean.size < MAX_CACHED_LINES) clean.set(text, s);
    statements[index] = s;
  }
  return statements;
}
