/**
 * The parser: tokens -> syntax tree, by recursive descent. This file holds the token cursor, error
 * recovery, the scopes of typedef names (C's grammar needs to know them) and top-level and local
 * declarations; specifiers and declarators are in parseDecl.ts, expressions in parseExpr.ts and
 * statements in parseStmt.ts.
 *
 * Error recovery: a syntax error throws SyntaxStop, which the enclosing statement or top-level
 * declaration catches; it skips to a likely resynchronisation point and parsing carries on, so one run
 * reports several errors. SyntaxStop never leaves this module's entry point.
 */
import type {
  Declaration,
  Declarator,
  DeclSpec,
  Derived,
  Designator,
  FunctionDef,
  Initializer,
  TopLevel,
  TranslationUnit,
} from "./ast";
import type { Diagnostics, Pos } from "./diagnostics";
import type { Token } from "./lexer";
import { parseDeclarator, parseDeclSpec } from "./parseDecl";
import { parseAssignment, parseConditional } from "./parseExpr";
import { parseBlock } from "./parseStmt";

export class SyntaxStop {
  readonly isSyntaxStop = true;
}

const MAX_NESTING = 100;

const STATEMENT_KEYWORDS = new Set([
  "if",
  "while",
  "do",
  "for",
  "return",
  "break",
  "continue",
  "switch",
  "case",
  "default",
]);

export const IGNORED_QUALIFIERS = new Set([
  "volatile",
  "restrict",
  "inline",
  "auto",
  "register",
  "_Noreturn",
]);

export class Parser {
  private i = 0;
  /** Each scope maps a name to whether it is a typedef name there (an inner variable can hide one). */
  private scopes: Map<string, boolean>[] = [new Map()];

  constructor(
    readonly tokens: readonly Token[],
    readonly diags: Diagnostics,
  ) {}

  // ---- Cursor -------------------------------------------------------------------------------------

  /** How deep the declaration constructs (initializers, structs, declarators) are nested. */
  private nesting = 0;
  /**
   * How deep expressions and statements are nested (parseExpr.ts, parseStmt.ts). Kept per parse, not
   * per module, so one parse that stopped half-way cannot leave a count behind for the next.
   */
  expressionDepth = 0;
  statementNesting = 0;

  /** Runs a recursive parse step, refusing nesting deep enough to exhaust the host's stack. */
  nested<T>(what: string, f: () => T): T {
    if (this.nesting >= MAX_NESTING) this.fail(this.tok, `${what} nested too deeply`);
    this.nesting++;
    try {
      return f();
    } finally {
      this.nesting--;
    }
  }

  /** Index of the current token (a statement's start, for recovery). */
  get position(): number {
    return this.i;
  }

  get tok(): Token {
    return this.tokens[this.i]!;
  }
  peek(n = 1): Token {
    return this.tokens[Math.min(this.i + n, this.tokens.length - 1)]!;
  }
  /** The token n places back: previous(1) is the one just taken. */
  previous(n = 1): Token | undefined {
    return this.tokens[this.i - n];
  }
  next(): Token {
    const t = this.tok;
    if (t.kind !== "eof") this.i++;
    return t;
  }
  is(text: string): boolean {
    const t = this.tok;
    return (t.kind === "punct" || t.kind === "keyword") && t.text === text;
  }
  accept(text: string): Token | undefined {
    return this.is(text) ? this.next() : undefined;
  }
  expect(text: string, what?: string): Token {
    if (this.is(text)) return this.next();
    return this.fail(this.tok, `expected ${what ?? `'${text}'`} ${this.describeHere()}`);
  }
  describeHere(): string {
    const t = this.tok;
    if (t.kind === "eof") return "at end of file";
    return `before '${t.text}'`;
  }
  fail(token: Token, message: string, suggestion?: string): never {
    this.diags.error(token.pos, message, suggestion);
    throw new SyntaxStop();
  }
  /** Where the previous token ended: "expected ';'" reads best pointing just after it. */
  afterPrevious(): Pos {
    const prev = this.tokens[Math.max(0, this.i - 1)]!;
    return { ...prev.pos, col: prev.pos.col + prev.pos.len, len: 1 };
  }
  /**
   * A missing ';' at the end of a line, or before something that can only start the next statement,
   * is reported and then taken as written, so the next statement still parses (no cascade).
   */
  expectSemicolon(): void {
    if (this.accept(";")) return;
    const newLine = this.i > 0 && this.tok.pos.line !== this.previous()!.pos.line;
    this.diags.error(newLine ? this.afterPrevious() : this.tok.pos, `expected ';' ${this.describeHere()}`);
    const t = this.tok;
    const startsNext = t.kind === "keyword" && (STATEMENT_KEYWORDS.has(t.text) || this.startsType(t));
    if (newLine || startsNext || t.text === "}") return;
    throw new SyntaxStop();
  }
  /**
   * Skips to just after the next ';' of the statement or declaration that began at token `from` (or
   * to just before the '}' that closes the enclosing block). Braces opened since `from` are still
   * open, so a ';' inside them (an initializer list, a struct body) does not end the skipping.
   */
  recover(from: number, stopAtBrace: boolean): void {
    let depth = 0;
    for (let k = from; k < this.i; k++) {
      const t = this.tokens[k]!;
      if (t.kind === "punct" && t.text === "{") depth++;
      if (t.kind === "punct" && t.text === "}") depth = Math.max(0, depth - 1);
    }
    const start = this.i;
    while (this.tok.kind !== "eof") {
      const t = this.tok;
      if (t.text === "{" && t.kind === "punct") depth++;
      if (t.text === "}" && t.kind === "punct") {
        if (depth === 0) {
          if (stopAtBrace) return;
          this.next();
          return;
        }
        depth--;
        if (depth === 0 && !stopAtBrace) {
          this.next();
          if (this.is(";")) this.next();
          return;
        }
      }
      if (t.text === ";" && t.kind === "punct" && depth === 0) {
        this.next();
        return;
      }
      this.next();
    }
    if (this.i === start && this.tok.kind !== "eof") this.next();
  }

  // ---- Scopes of typedef names ----------------------------------------------------------------------

  pushScope(): void {
    this.scopes.push(new Map());
  }
  popScope(): void {
    if (this.scopes.length > 1) this.scopes.pop();
  }
  declareName(name: string, isTypedef: boolean): void {
    this.scopes.at(-1)!.set(name, isTypedef);
  }
  isTypedefName(name: string): boolean {
    for (let s = this.scopes.length - 1; s >= 0; s--) {
      const found = this.scopes[s]!.get(name);
      if (found !== undefined) return found;
    }
    return false;
  }
  /** Whether the current token can begin a declaration (or a type name). */
  startsType(token: Token = this.tok): boolean {
    if (token.kind === "keyword")
      return (
        [
          "void",
          "char",
          "short",
          "int",
          "long",
          "signed",
          "unsigned",
          "struct",
          "union",
          "enum",
          "const",
          "static",
          "extern",
          "typedef",
          "float",
          "double",
          "_Bool",
          "_Complex",
          "_Atomic",
          "_Alignas",
          "_Thread_local",
        ].includes(token.text) || IGNORED_QUALIFIERS.has(token.text)
      );
    return token.kind === "ident" && this.isTypedefName(token.text);
  }

  // ---- Translation unit -----------------------------------------------------------------------------

  parseUnit(): TranslationUnit {
    const items: TopLevel[] = [];
    while (this.tok.kind !== "eof") {
      const start = this.i;
      try {
        const item = this.parseExternal();
        if (item) items.push(item);
      } catch (e) {
        if (!(e instanceof SyntaxStop)) throw e;
        this.recover(start, false);
      }
      if (this.i === start) this.next();
    }
    return { items };
  }

  private parseExternal(): TopLevel | undefined {
    if (this.accept(";")) return undefined;
    const t = this.tok;
    if (t.kind === "keyword" && t.text === "_Static_assert")
      this.fail(t, "'_Static_assert' is not supported in driver C");
    if (!this.startsType()) {
      if (t.kind === "ident" && this.peek().text === "(") {
        this.fail(
          t,
          `missing return type for function '${t.text}'`,
          `write 'int ${t.text}(...)' or 'void ${t.text}(...)'`,
        );
      }
      this.fail(t, `expected a declaration ${this.describeHere()}`);
    }
    const spec = parseDeclSpec(this);
    if (this.accept(";")) return { kind: "decl", spec, declarators: [], pos: spec.pos };
    const first = parseDeclarator(this, false);
    const last = first.derived.at(-1);
    if (last?.kind === "func" && this.is("{")) {
      if (spec.storage === "typedef") this.fail(this.tok, "a typedef cannot have a function body");
      this.declareName(first.name ?? "", false);
      return this.parseFunctionBody(spec, first);
    }
    return this.finishDeclaration(spec, first);
  }

  private parseFunctionBody(spec: DeclSpec, declarator: Declarator): FunctionDef {
    const func = declarator.derived.at(-1) as Extract<Derived, { kind: "func" }>;
    this.pushScope();
    for (const param of func.params)
      if (param.declarator.name) this.declareName(param.declarator.name, false);
    const body = parseBlock(this, false);
    this.popScope();
    const endPos = this.tokens[this.i - 1]!.pos;
    return { kind: "func", spec, declarator, body, pos: declarator.pos, endPos };
  }

  /** After the first declarator: initializers, more declarators, ';'. */
  finishDeclaration(spec: DeclSpec, first: Declarator): Declaration {
    const declarators = [];
    let declarator = first;
    for (;;) {
      if (declarator.name) this.declareName(declarator.name, spec.storage === "typedef");
      let init: Initializer | undefined;
      if (this.accept("=")) init = this.parseInitializerOrSkip();
      declarators.push({ declarator, init });
      if (!this.accept(",")) break;
      declarator = parseDeclarator(this, false);
    }
    if (this.is("{") && first.derived.at(-1)?.kind === "func")
      this.fail(this.tok, "a function definition must be alone in its declaration");
    this.expectSemicolon();
    return { kind: "decl", spec, declarators, pos: spec.pos };
  }

  /** A declaration inside a function (the caller checked startsType). */
  parseLocalDeclaration(): Declaration {
    const spec = parseDeclSpec(this);
    if (this.accept(";")) return { kind: "decl", spec, declarators: [], pos: spec.pos };
    const first = parseDeclarator(this, false);
    if (first.derived.at(-1)?.kind === "func" && this.is("{"))
      this.fail(this.tok, "functions cannot be defined inside other functions");
    return this.finishDeclaration(spec, first);
  }

  /**
   * An initializer; after a syntax error inside it, skips to the ',' or ';' that ends it, so the
   * variable is still declared (and later uses of it do not each report it as undeclared).
   */
  private parseInitializerOrSkip(): Initializer {
    const from = this.i;
    const start = this.tok;
    try {
      return this.parseInitializer();
    } catch (e) {
      if (!(e instanceof SyntaxStop)) throw e;
      let depth = 0;
      for (let k = from; k < this.i; k++) depth += braceDelta(this.tokens[k]!);
      while (this.tok.kind !== "eof") {
        const t = this.tok;
        if (depth === 0 && t.kind === "punct" && (t.text === ";" || t.text === ",")) break;
        if (depth === 0 && t.kind === "punct" && t.text === "}") break;
        depth = Math.max(0, depth + braceDelta(t));
        this.next();
      }
      return { kind: "expr", expr: { kind: "error", pos: start.pos }, pos: start.pos };
    }
  }

  parseInitializer(): Initializer {
    return this.nested("initializers are", () => this.initializer());
  }

  private initializer(): Initializer {
    const open = this.accept("{");
    if (!open) {
      const expr = parseAssignment(this);
      return { kind: "expr", expr, pos: expr.pos };
    }
    const items: Initializer[] = [];
    while (!this.is("}")) {
      const designators = this.parseDesignators();
      const item = this.parseInitializer();
      items.push(designators ? { ...item, designators } : item);
      if (!this.accept(",")) break;
    }
    this.expect("}", "'}' to close the initializer list");
    return { kind: "list", items, pos: open.pos };
  }

  /** `[index]` and `.member` steps, then '='; undefined if the item is positional. */
  private parseDesignators(): Designator[] | undefined {
    if (!this.is(".") && !this.is("[")) return undefined;
    const designators: Designator[] = [];
    while (this.is(".") || this.is("[")) {
      if (designators.length >= MAX_NESTING) this.fail(this.tok, "designator is too long");
      const t = this.next();
      if (t.text === ".") {
        const name = this.tok;
        if (name.kind !== "ident") this.fail(name, `expected a member name after '.' ${this.describeHere()}`);
        this.next();
        designators.push({ kind: "member", name: name.text, pos: name.pos });
      } else {
        const index = parseConditional(this);
        if (this.is("..."))
          this.fail(this.tok, "designator ranges ('[a ... b]') are not supported in driver C");
        this.expect("]", "']' to close the designator");
        designators.push({ kind: "index", index, pos: t.pos });
      }
    }
    this.expect("=", "'=' after the designator");
    return designators;
  }

  /** Skips a balanced { ... } group (for constructs that are reported and not parsed). */
  skipBraces(): void {
    let depth = 0;
    do {
      depth += braceDelta(this.tok);
      this.next();
    } while (depth > 0 && this.tok.kind !== "eof");
  }
}

function braceDelta(t: Token): number {
  if (t.kind !== "punct") return 0;
  return t.text === "{" ? 1 : t.text === "}" ? -1 : 0;
}

/** Parses a whole translation unit. Never throws for any token stream. */
export function parse(
  tokens: readonly Token[],
  diags: Diagnostics,
  typedefNames: Iterable<string> = [],
): TranslationUnit {
  const parser = new Parser(tokens, diags);
  for (const name of typedefNames) parser.declareName(name, true);
  return parser.parseUnit();
}
