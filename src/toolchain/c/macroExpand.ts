/**
 * Macro expansion, as C specifies it: object-like and function-like macros, `#` (stringize), `##`
 * (paste), `__VA_ARGS__`, and rescanning with "hide sets" (a macro is never expanded inside its own
 * expansion; Prosser's algorithm: an object-like macro adds its name to the use's hide set, a
 * function-like one to what its name and its closing parenthesis have in common).
 *
 * Expansion is bounded: every token an expansion makes is counted against one budget per translation
 * unit, and arguments are pre-expanded at most MAX_ARGUMENT_DEPTH deep. A macro bomb (`#define A1 A0
 * + A0`, `#define A2 A1 + A1`, ...) therefore stops with an error at the use, after a bounded amount
 * of work, and nothing here recurses in proportion to the input.
 */
import type { Diagnostics, Pos } from "./diagnostics";
import { lex, type Token } from "./lexer";

export interface Macro {
  name: string;
  /** Function-like macros: the parameter names (`__VA_ARGS__` last when variadic). */
  params?: string[];
  variadic?: boolean;
  body: Token[];
  /** Where it was defined, for the "redefined" message. */
  definedAt: Token;
  /** `__LINE__` and `__FILE__`: their value is where they are used. */
  builtin?: "line" | "file";
}

export type MacroTable = Map<string, Macro>;

/** Tokens one translation unit's macro expansions may make, all together. */
export const MAX_EXPANDED_TOKENS = 200_000;
/** How deeply macro arguments that contain macro calls may nest (`F(F(F(x)))`). */
const MAX_ARGUMENT_DEPTH = 64;

/** The budget shared by every expansion of one unit; `spent` marks that it ran out (reported once). */
export interface ExpansionBudget {
  left: number;
  spent: boolean;
}

/** Where tokens come from: the source (with directives handled by the caller), or a list. */
export interface TokenReader {
  /** The next token, or undefined at the end (or at a directive, which ends a macro call's reach). */
  peek(): Token | undefined;
  next(): Token | undefined;
}

/**
 * What `#line` said, for `__LINE__` and `__FILE__` (diagnostics keep the real lines): in `file`, a
 * token on line L is on presumed line L + delta, in the presumed file `name`.
 */
export interface PresumedLines {
  file: string;
  delta: number;
  name: string;
}

export function listReader(tokens: readonly Token[]): TokenReader {
  let i = 0;
  return {
    peek: () => tokens[i],
    next: () => tokens[i++],
  };
}

export class MacroExpander {
  /** Tokens of expansions waiting to be rescanned, as a stack: the last one is read next. */
  private pending: Token[] = [];

  constructor(
    private readonly macros: MacroTable,
    private readonly diags: Diagnostics,
    private readonly budget: ExpansionBudget,
    private readonly reader: TokenReader,
    private readonly presumed: { current?: PresumedLines } = {},
    private readonly depth = 0,
  ) {}

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Expands everything the reader gives into `out`. */
  expandAll(out: Token[]): void {
    for (let t = this.read(); t; t = this.read()) this.step(t, out);
  }

  /** Expands one token from the reader, and all that its expansion brings, into `out`. */
  expandNext(out: Token[]): void {
    const t = this.read();
    if (t) this.step(t, out);
    while (this.pending.length > 0 && !this.budget.spent) this.step(this.pending.pop()!, out);
    if (this.budget.spent) this.pending.length = 0;
  }

  private read(): Token | undefined {
    if (this.budget.spent) {
      this.pending.length = 0;
      return undefined;
    }
    return this.pending.length > 0 ? this.pending.pop() : this.reader.next();
  }

  private peek(): Token | undefined {
    return this.pending.length > 0 ? this.pending.at(-1) : this.reader.peek();
  }

  private step(t: Token, out: Token[]): void {
    const macro = t.kind === "ident" ? this.macros.get(t.text) : undefined;
    if (!macro || t.hide?.has(macro.name)) {
      out.push(t);
      return;
    }
    if (macro.builtin) {
      const presumed = this.presumed.current?.file === t.pos.file ? this.presumed.current : undefined;
      const line = t.pos.line + (presumed?.delta ?? 0);
      out.push(
        macro.builtin === "line"
          ? { kind: "num", text: String(line), value: line, pos: t.pos, bol: false }
          : stringLiteral(presumed?.name ?? t.pos.file, t.pos, EMPTY),
      );
      return;
    }
    if (!macro.params) {
      this.push(this.substitute(macro, t, [], t.hide), t);
      return;
    }
    if (this.peek()?.text !== "(" || this.peek()?.kind !== "punct") {
      out.push(t); // A function-like macro's name without '(' is just a name.
      return;
    }
    const call = this.collectArguments(macro, t);
    // After a reported mistake in the call, a 0 stands in for it, so the parser adds no echo.
    // A call's expansion is hidden from the macros that hid both its name and its ')' (Prosser): a
    // name made by an expansion and called with the source's parentheses, as in `CAT(A,B)(x)`, may
    // use the macros that made it.
    if (call) this.push(this.substitute(macro, t, call.args, intersection(t.hide, call.close.hide)), t);
    else out.push({ kind: "num", text: "0", value: 0, pos: t.pos, bol: false });
  }

  /** Pushes an expansion for rescanning, charging it to the budget. */
  private push(tokens: Token[], use: Token): void {
    if (this.budget.spent) return;
    this.budget.left -= tokens.length + 1;
    if (this.budget.left < 0) {
      this.budget.spent = true;
      // Name the macro the program used (the outermost), not the one deep inside that tipped it over.
      const outermost = use.hide?.values().next().value ?? use.text;
      this.diags.error(
        use.pos,
        `macro '${outermost}' expands to too many tokens (over ${MAX_EXPANDED_TOKENS.toLocaleString("en")} in this file)`,
        "a macro that uses the one before it twice doubles with each level",
      );
      return;
    }
    for (let k = tokens.length - 1; k >= 0; k--) this.pending.push(tokens[k]!);
  }

  /** The arguments of a call, as raw tokens, and its ')'; undefined (reported) if the call is not closed. */
  private collectArguments(macro: Macro, name: Token): { args: Token[][]; close: Token } | undefined {
    this.read(); // '('
    const args: Token[][] = [[]];
    let depth = 0;
    let close: Token;
    for (;;) {
      const t = this.read();
      if (!t || t.kind === "eof") {
        this.diags.error(name.pos, `unterminated argument list invoking macro '${macro.name}'`);
        return undefined;
      }
      if (t.kind === "punct") {
        if (t.text === "(") depth++;
        else if (t.text === ")") {
          if (depth === 0) {
            close = t;
            break;
          }
          depth--;
        } else if (t.text === "," && depth === 0) {
          const params = macro.params!;
          // Extra commas belong to __VA_ARGS__.
          if (!(macro.variadic && args.length >= params.length)) {
            args.push([]);
            continue;
          }
        }
      }
      args.at(-1)!.push(t);
    }
    const params = macro.params!;
    if (args.length === 1 && args[0]!.length === 0 && params.length === 0) return { args: [], close };
    if (macro.variadic && args.length === params.length - 1) args.push([]);
    if (args.length !== params.length) {
      const wanted = macro.variadic ? `at least ${params.length - 1}` : `${params.length}`;
      this.diags.error(
        name.pos,
        `macro '${macro.name}' takes ${wanted} argument${wanted === "1" ? "" : "s"}, but ${args.length} ${args.length === 1 ? "was" : "were"} given`,
      );
      return undefined;
    }
    return { args, close };
  }

  /**
   * The body with the arguments put in, every token placed at the use and hidden from this macro and
   * the macros in `hidden`.
   */
  private substitute(
    macro: Macro,
    use: Token,
    args: Token[][],
    hidden: ReadonlySet<string> | undefined,
  ): Token[] {
    const hide = withName(hidden, macro.name);
    const place = (t: Token): Token => placed(t, use.pos, union(t.hide, hide));
    const params = macro.params ?? [];
    const paramIndex = (t: Token | undefined): number =>
      t && t.kind === "ident" && params.length > 0 ? params.indexOf(t.text) : -1;
    const expanded = new Map<number, Token[]>();
    const expandedArg = (n: number): Token[] => {
      let done = expanded.get(n);
      if (!done) {
        done = this.expandArgument(args[n]!, use);
        expanded.set(n, done);
      }
      return done;
    };

    const out: Token[] = [];
    const body = macro.body;
    for (let k = 0; k < body.length; k++) {
      const t = body[k]!;
      const next = body[k + 1];
      if (macro.params && t.kind === "punct" && t.text === "#" && paramIndex(next) >= 0) {
        out.push(stringize(args[paramIndex(next)]!, use.pos, hide));
        k++;
        continue;
      }
      if (t.kind === "punct" && t.text === "##" && out.length > 0 && next) {
        const n = paramIndex(next);
        const right = n >= 0 ? args[n]!.map(place) : [place(next)];
        k++;
        if (right.length === 0) continue; // pasting an empty argument leaves the left side
        const left = out.pop()!;
        const pasted = this.paste(left, right[0]!, use);
        out.push(pasted, ...right.slice(1));
        continue;
      }
      const n = paramIndex(t);
      if (n >= 0) {
        // An operand of ## is the argument as written; otherwise it is expanded first.
        const raw = body[k + 1]?.text === "##" && body[k + 1]?.kind === "punct";
        const tokens = raw ? args[n]! : expandedArg(n);
        for (const a of tokens) out.push(place(a));
        if (raw && tokens.length === 0) {
          // `x ## y` with an empty x: the right side stands alone.
          k++;
          const right = body[k + 1];
          if (right) {
            const m = paramIndex(right);
            for (const a of m >= 0 ? args[m]! : [right]) out.push(place(a));
            k++;
          }
        }
        continue;
      }
      out.push(place(t));
    }
    return out;
  }

  private expandArgument(arg: Token[], use: Token): Token[] {
    if (arg.length === 0) return arg;
    if (this.depth >= MAX_ARGUMENT_DEPTH) {
      if (!this.budget.spent) this.diags.error(use.pos, "macro arguments are nested too deeply");
      this.budget.spent = true;
      return [];
    }
    const inner = new MacroExpander(
      this.macros,
      this.diags,
      this.budget,
      listReader(arg),
      this.presumed,
      this.depth + 1,
    );
    const out: Token[] = [];
    inner.expandAll(out);
    return out;
  }

  /** `a ## b`: one token spelled as both together, or an error. */
  private paste(left: Token, right: Token, use: Token): Token {
    const text = left.text + right.text;
    const scratch = { error: () => undefined } as unknown as Diagnostics;
    const tokens = lex(text, use.pos.file, scratch);
    const made = tokens[0]!;
    if (tokens.length !== 2 || made.problems || made.text !== text) {
      this.diags.error(
        use.pos,
        `pasting '${left.text}' and '${right.text}' does not give a valid token`,
        "'##' must make one name, number or operator",
      );
      return left;
    }
    return { ...made, pos: use.pos, bol: false, hide: left.hide };
  }
}

/** A copy of t standing at pos (where the macro was used), hidden from the macros in `hide`. */
function placed(t: Token, pos: Pos, hide: ReadonlySet<string>): Token {
  const copy: Token = { kind: t.kind, text: t.text, pos, bol: false, hide };
  if (t.value !== undefined) copy.value = t.value;
  if (t.unsigned !== undefined) copy.unsigned = t.unsigned;
  if (t.wide !== undefined) copy.wide = t.wide;
  if (t.bytes !== undefined) copy.bytes = t.bytes;
  if (t.problems !== undefined) copy.problems = t.problems;
  return copy;
}

/** Hide sets are shared: the set of `base` plus `name` is made once, however often it is needed. */
const extended = new WeakMap<ReadonlySet<string>, Map<string, ReadonlySet<string>>>();
const EMPTY: ReadonlySet<string> = new Set();

function withName(base: ReadonlySet<string> | undefined, name: string): ReadonlySet<string> {
  const from = base ?? EMPTY;
  let byName = extended.get(from);
  if (!byName) {
    byName = new Map();
    extended.set(from, byName);
  }
  let set = byName.get(name);
  if (!set) {
    set = new Set(from).add(name);
    byName.set(name, set);
  }
  return set;
}

function intersection(
  a: ReadonlySet<string> | undefined,
  b: ReadonlySet<string> | undefined,
): ReadonlySet<string> | undefined {
  if (!a || !b || a.size === 0 || b.size === 0) return undefined;
  if (a === b) return a;
  const both = new Set<string>();
  for (const name of a) if (b.has(name)) both.add(name);
  return both;
}

function union(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): ReadonlySet<string> {
  if (!a || a.size === 0 || a === b) return b;
  let all: Set<string> | undefined;
  for (const name of a) {
    if (b.has(name)) continue;
    all ??= new Set(b);
    all.add(name);
  }
  return all ?? b;
}

/** `#x`: the argument's spelling as a string literal, with one space where there was any. */
function stringize(arg: Token[], pos: Pos, hide: ReadonlySet<string>): Token {
  let spelling = "";
  arg.forEach((t, k) => {
    const prev = arg[k - 1];
    const adjacent =
      prev && prev.pos.line === t.pos.line && prev.pos.col + prev.pos.len === t.pos.col && prev.pos !== t.pos;
    if (k > 0 && !adjacent) spelling += " ";
    spelling += t.text;
  });
  return stringLiteral(spelling, pos, hide);
}

/** A string literal token spelling `text`. */
function stringLiteral(text: string, pos: Pos, hide: ReadonlySet<string>): Token {
  const bytes: number[] = [];
  for (let k = 0; k < text.length; k++) bytes.push(text.charCodeAt(k) & 0xff);
  const spelled = `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return { kind: "str", text: spelled, pos, bol: false, bytes, hide };
}

/** `__LINE__` and `__FILE__`, for a unit's macro table. */
export function builtinMacros(at: Token): Macro[] {
  return [
    { name: "__LINE__", body: [], definedAt: at, builtin: "line" },
    { name: "__FILE__", body: [], definedAt: at, builtin: "file" },
  ];
}
