/**
 * The preprocessor of driver C, on tokens: `#define` (object-like and function-like macros, with `#`,
 * `##` and `...`), `#undef`, `#include` of `<ringlab.h>` and the standard headers Ringlab provides
 * (headers.ts), conditional compilation (`#if`, `#ifdef`, `#ifndef`, `#elif`, `#else`, `#endif`,
 * `defined`), `#error` and `#warning`, `#line` (for `__LINE__` and `__FILE__` only), `#pragma
 * push_macro` and `pop_macro`; other pragmas are accepted and change nothing.
 * Expansion itself is in macroExpand.ts, #if's arithmetic in ppExpr.ts.
 */
import type { Diagnostics, Pos } from "./diagnostics";
import { HEADER_SOURCES } from "./headers";
import { lex, reportProblems, type Token } from "./lexer";
import { define } from "./macroDefine";
import {
  type ExpansionBudget,
  listReader,
  MAX_EXPANDED_TOKENS,
  type Macro,
  MacroExpander,
  type MacroTable,
  type PresumedLines,
  type TokenReader,
} from "./macroExpand";
import { evaluatePp } from "./ppExpr";

export type { Macro, MacroTable } from "./macroExpand";

/** One open `#if` group. */
interface Conditional {
  /** The directive that opened it (its name), and where it stands, for "unterminated". */
  opened: Token;
  where: Pos;
  /** The enclosing text is being compiled (else this whole group is skipped, branches and all). */
  outerActive: boolean;
  /** The current branch is being compiled. */
  active: boolean;
  /** A branch was taken already: later #elif and #else are skipped. */
  taken: boolean;
  sawElse: boolean;
}

const CONDITIONAL_OPENERS = new Set(["if", "ifdef", "ifndef"]);

/**
 * The most tokens one file may give the parser. Far above any real driver (1,000 lines are about
 * 8,000), low enough that every later stage's work stays bounded.
 */
export const MAX_PROGRAM_TOKENS = 600_000;

/** Runs directives and expands macros. `macros` carries over, so the prelude's macros reach the program. */
export function preprocess(tokens: readonly Token[], macros: MacroTable, diags: Diagnostics): Token[] {
  return new Preprocessor(tokens, macros, diags).run();
}

class Preprocessor {
  private source: Token[];
  private i = 0;
  private readonly stack: Conditional[] = [];
  private readonly budget: ExpansionBudget = { left: MAX_EXPANDED_TOKENS, spent: false };
  private readonly included = new Set<string>();
  /** #pragma push_macro's saved definitions, by macro name (undefined: it had none). */
  private readonly pushedMacros = new Map<string, (Macro | undefined)[]>();
  /** The last `#line`, shared with every expander made here. */
  private readonly presumed: { current?: PresumedLines } = {};
  private readonly expander: MacroExpander;

  constructor(
    tokens: readonly Token[],
    private readonly macros: MacroTable,
    private readonly diags: Diagnostics,
  ) {
    this.source = tokens as Token[];
    // The expander reads the source up to the next directive: a macro call does not reach past one.
    const reader: TokenReader = {
      peek: () => (this.atDirective() || this.tok.kind === "eof" ? undefined : this.tok),
      next: () => (this.atDirective() || this.tok.kind === "eof" ? undefined : this.source[this.i++]),
    };
    this.expander = new MacroExpander(macros, diags, this.budget, reader, this.presumed);
  }

  private get tok(): Token {
    return this.source[this.i]!;
  }

  private atDirective(): boolean {
    const t = this.tok;
    return t.kind === "punct" && t.text === "#" && t.bol;
  }

  private get active(): boolean {
    return this.stack.length === 0 || this.stack.at(-1)!.active;
  }

  run(): Token[] {
    const out: Token[] = [];
    for (;;) {
      if (this.atDirective()) {
        const hash = this.tok;
        let end = this.i + 1;
        while (end < this.source.length && !this.source[end]!.bol) end++;
        const rest = this.source.slice(this.i + 1, end);
        this.i = end;
        this.directive(hash, rest);
        continue;
      }
      const t = this.tok;
      if (t.kind === "eof") {
        for (const open of this.stack)
          this.diags.error(open.where, `unterminated '#${open.opened.text}': no '#endif' for it`);
        out.push(t);
        break;
      }
      if (!this.active) {
        this.i++;
        continue;
      }
      if (out.length >= MAX_PROGRAM_TOKENS) {
        this.diags.error(
          t.pos,
          `the program is too large to compile: more than ${MAX_PROGRAM_TOKENS.toLocaleString("en")} tokens`,
          "split it, or generate less code",
        );
        return [this.source.at(-1)!];
      }
      const from = out.length;
      this.expander.expandNext(out);
      if (this.budget.spent) {
        // A macro bomb: what is left would only echo it. Stop here, with the one error.
        return [this.source.at(-1)!];
      }
      for (let k = from; k < out.length; k++) if (out[k]!.problems) reportProblems(out[k]!, this.diags);
    }
    return out;
  }

  private directive(hash: Token, rest: Token[]): void {
    const name = rest[0];
    if (!name) return; // The null directive: a lone '#' does nothing, as in C.
    const text = name.text;
    if (!this.active) {
      // In a skipped group only the nesting of conditionals matters.
      if (CONDITIONAL_OPENERS.has(text) || text === "elif" || text === "else" || text === "endif")
        this.conditional(hash, name, rest.slice(1));
      return;
    }
    const args = rest.slice(1);
    switch (text) {
      case "define":
        define(name, args, this.macros, this.diags);
        return;
      case "undef": {
        const target = args[0];
        if (target?.kind !== "ident")
          this.diags.error(target?.pos ?? name.pos, "expected a macro name after #undef");
        else this.macros.delete(target.text);
        if (args.length > 1) this.diags.error(args[1]!.pos, "extra tokens after #undef NAME");
        return;
      }
      case "include":
        this.include(name, args);
        return;
      case "if":
      case "ifdef":
      case "ifndef":
      case "elif":
      case "else":
      case "endif":
        this.conditional(hash, name, args);
        return;
      case "error":
      case "warning": {
        const message = `#${text}${args.length > 0 ? ` ${spell(args)}` : ""}`;
        if (text === "error") this.diags.error(span(hash.pos, name.pos), message);
        else this.diags.warning(span(hash.pos, name.pos), message);
        return;
      }
      case "line":
        this.line(name, args);
        return;
      case "pragma":
        this.pragma(args);
        return;
      default:
        this.diags.error(
          span(hash.pos, name.pos),
          `'#${text || "?"}' is not a preprocessor directive of driver C`,
          "driver C has #define, #undef, #include, #if, #ifdef, #ifndef, #elif, #else, #endif, #error, #warning, #line and #pragma",
        );
    }
  }

  private conditional(hash: Token, name: Token, args: Token[]): void {
    const where = span(hash.pos, name.pos);
    const top = this.stack.at(-1);
    switch (name.text) {
      case "if":
      case "ifdef":
      case "ifndef": {
        const outerActive = this.active;
        const active = outerActive && this.condition(name, args);
        this.stack.push({ opened: name, where, outerActive, active, taken: active, sawElse: false });
        return;
      }
      case "elif":
        if (!top) {
          this.diags.error(where, "'#elif' without '#if'");
          return;
        }
        if (top.sawElse) {
          this.diags.error(where, "'#elif' after '#else'");
          return;
        }
        top.active = top.outerActive && !top.taken && this.condition(name, args);
        top.taken ||= top.active;
        return;
      case "else":
        if (!top) {
          this.diags.error(where, "'#else' without '#if'");
          return;
        }
        if (top.sawElse) {
          this.diags.error(where, "'#else' after '#else'");
          return;
        }
        top.sawElse = true;
        top.active = top.outerActive && !top.taken;
        top.taken = true;
        return;
      case "endif":
        if (!top) {
          this.diags.error(where, "'#endif' without '#if'");
          return;
        }
        this.stack.pop();
        return;
    }
  }

  /** The value of an #if, #elif, #ifdef or #ifndef (errors count as false). */
  private condition(name: Token, args: Token[]): boolean {
    if (name.text === "ifdef" || name.text === "ifndef") {
      const target = args[0];
      if (target?.kind !== "ident" && target?.kind !== "keyword") {
        this.diags.error(target?.pos ?? name.pos, `expected a macro name after #${name.text}`);
        return false;
      }
      if (args.length > 1) this.diags.error(args[1]!.pos, `extra tokens after #${name.text} NAME`);
      return this.macros.has(target.text) === (name.text === "ifdef");
    }
    // `defined X` and `defined(X)` first, then macros, then what is left is arithmetic.
    const replaced: Token[] = [];
    for (let k = 0; k < args.length; k++) {
      const t = args[k]!;
      if (t.kind !== "ident" || t.text !== "defined") {
        replaced.push(t);
        continue;
      }
      const paren = args[k + 1]?.text === "(";
      const target = args[k + (paren ? 2 : 1)];
      if ((target?.kind !== "ident" && target?.kind !== "keyword") || (paren && args[k + 3]?.text !== ")")) {
        this.diags.error(t.pos, "'defined' needs a macro name: 'defined NAME' or 'defined(NAME)'");
        return false;
      }
      replaced.push({ ...t, kind: "num", text: this.macros.has(target.text) ? "1" : "0" });
      k += paren ? 3 : 1;
    }
    const expanded: Token[] = [];
    new MacroExpander(this.macros, this.diags, this.budget, listReader(replaced), this.presumed).expandAll(
      expanded,
    );
    if (this.budget.spent) return false;
    for (const t of expanded) reportProblems(t, this.diags);
    const result = evaluatePp(expanded);
    if ("error" in result) {
      const at = result.at && result.at.pos.file === name.pos.file ? result.at.pos : name.pos;
      this.diags.error(at, result.error);
      return false;
    }
    return result.value !== 0n;
  }

  private include(keyword: Token, args: Token[]): void {
    let header: string | undefined;
    const first = args[0];
    if (first?.kind === "str" && args.length === 1) {
      header = first.text.slice(1, -1);
    } else if (first?.text === "<") {
      const close = args.findIndex((t) => t.text === ">");
      if (close > 0 && close === args.length - 1) header = spell(args.slice(1, close)).replace(/ /g, "");
    }
    if (header === undefined) {
      this.diags.error(first?.pos ?? keyword.pos, 'expected <header.h> or "header.h" after #include');
      return;
    }
    const text = HEADER_SOURCES.get(header);
    if (text === undefined) {
      const names = [...HEADER_SOURCES.keys()].map((h) => `<${h}>`).join(" ");
      this.diags.error(
        span(first!.pos, args.at(-1)!.pos),
        `cannot include '${header}': a driver C program is one file, with the headers Ringlab provides`,
        `the headers are ${names}`,
      );
      return;
    }
    if (this.included.has(header)) return;
    this.included.add(header);
    // The header's tokens go in where the #include was (without their end-of-file token).
    const tokens = lex(text, header, this.diags).slice(0, -1);
    this.source = [...this.source.slice(0, this.i), ...tokens, ...this.source.slice(this.i)];
  }

  /**
   * `#pragma push_macro("NAME")` saves NAME's definition (or that it has none) and `pop_macro("NAME")`
   * puts the last saved one back, as GCC, Clang and MSVC do: a header can redefine a macro for a while.
   * Every other pragma is accepted and ignored, as C allows for pragmas a compiler does not know
   * (`once` included). A pragma's tokens are never macro-expanded.
   */
  private pragma(args: Token[]): void {
    const verb = args[0]?.text;
    if (verb !== "push_macro" && verb !== "pop_macro") return;
    const [, open, quoted, close] = args;
    if (open?.text !== "(" || quoted?.kind !== "str" || close?.text !== ")" || args.length !== 4) {
      this.diags.warning(args[0]!.pos, `expected #pragma ${verb}("NAME"); this pragma is ignored`);
      return;
    }
    const macro = quoted.text.slice(1, -1);
    const saved = this.pushedMacros.get(macro) ?? [];
    if (verb === "push_macro") {
      saved.push(this.macros.get(macro));
      this.pushedMacros.set(macro, saved);
      return;
    }
    if (saved.length === 0) return; // Nothing pushed: GCC and Clang do nothing either.
    const definition = saved.pop();
    if (definition) this.macros.set(macro, definition);
    else this.macros.delete(macro);
  }

  /**
   * `#line N ["file"]`, its operands macro-expanded: the next line is line N (of "file") for
   * `__LINE__` and `__FILE__`. Diagnostics and debug info keep the real lines, which the editor shows.
   */
  private line(name: Token, args: Token[]): void {
    const expanded: Token[] = [];
    new MacroExpander(this.macros, this.diags, this.budget, listReader(args), this.presumed).expandAll(
      expanded,
    );
    const [number, file] = expanded;
    const ok =
      number?.kind === "num" &&
      /^[0-9]+$/.test(number.text) &&
      (expanded.length === 1 || (expanded.length === 2 && file!.kind === "str"));
    if (!ok) {
      this.diags.error(number?.pos ?? name.pos, "expected a line number (and a file name) after #line");
      return;
    }
    const real = name.pos.file;
    const previous = this.presumed.current?.file === real ? this.presumed.current : undefined;
    this.presumed.current = {
      file: real,
      // The directive may go on over continued lines: the next line is the one after its last token.
      delta: Number(number.text) - ((args.at(-1) ?? name).pos.line + 1),
      name: file ? (file.bytes ?? []).map((b) => String.fromCharCode(b)).join("") : (previous?.name ?? real),
    };
  }
}

/** Tokens as text, one space between each. */
function spell(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join(" ");
}

function span(from: Pos, to: Pos): Pos {
  if (from.line !== to.line) return from;
  return { ...from, len: Math.max(1, to.col + to.len - from.col) };
}
