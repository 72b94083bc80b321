/**
 * The preprocessor of driver C, on tokens: `#define NAME tokens` (object-like macros), `#undef NAME`,
 * and `#include <ringlab.h>`, which is accepted and ignored because the kernel API and the C library
 * are always declared. Every other directive is an error that names it.
 */
import type { Diagnostics } from "./diagnostics";
import type { Token } from "./lexer";

export interface Macro {
  name: string;
  body: Token[];
  /** Where it was defined, for the "redefined" message. */
  definedAt: Token;
}

export type MacroTable = Map<string, Macro>;

const INCLUDABLE = new Set(["ringlab.h"]);

/** Runs directives and expands macros. `macros` carries over, so the prelude's macros reach the program. */
export function preprocess(tokens: readonly Token[], macros: MacroTable, diags: Diagnostics): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (token.kind === "punct" && token.text === "#" && token.bol) {
      let end = i + 1;
      while (end < tokens.length && !tokens[end]!.bol) end++;
      directive(token, tokens.slice(i + 1, end), macros, diags);
      i = end;
      continue;
    }
    if (token.kind === "eof") {
      out.push(token);
      break;
    }
    expandInto(out, token, macros, new Set(), diags);
    i++;
  }
  return out;
}

function expandInto(out: Token[], token: Token, macros: MacroTable, hidden: Set<string>, diags: Diagnostics) {
  const macro = token.kind === "ident" ? macros.get(token.text) : undefined;
  if (!macro || hidden.has(macro.name)) {
    out.push(token);
    return;
  }
  if (hidden.size > 64) {
    diags.error(token.pos, `macro '${macro.name}' expands too deeply`);
    return;
  }
  const inner = new Set(hidden).add(macro.name);
  for (const bodyToken of macro.body) {
    // Expanded tokens stand where the macro was used: that is the place a diagnostic should point at.
    const placed: Token = { ...bodyToken, pos: token.pos, bol: false };
    expandInto(out, placed, macros, inner, diags);
  }
}

function directive(hash: Token, rest: Token[], macros: MacroTable, diags: Diagnostics): void {
  const name = rest[0];
  if (!name) return; // The null directive: a lone '#' does nothing, as in C.
  switch (name.text) {
    case "define":
      define(name, rest.slice(1), macros, diags);
      return;
    case "undef": {
      const target = rest[1];
      if (target?.kind !== "ident")
        diags.error(target?.pos ?? name.pos, "expected a macro name after #undef");
      else macros.delete(target.text);
      if (rest.length > 2) diags.error(rest[2]!.pos, "extra tokens after #undef NAME");
      return;
    }
    case "include":
      include(name, rest.slice(1), diags);
      return;
    default: {
      const directiveName = name.kind === "ident" || name.kind === "keyword" ? name.text : name.text || "?";
      diags.error(
        { ...hash.pos, len: name.pos.col + name.pos.len - hash.pos.col },
        `'#${directiveName}' is not supported in driver C`,
        "the preprocessor of driver C has only #define NAME value, #undef NAME and #include <ringlab.h>",
      );
    }
  }
}

function define(keyword: Token, rest: Token[], macros: MacroTable, diags: Diagnostics): void {
  const name = rest[0];
  if (name?.kind !== "ident") {
    diags.error(name?.pos ?? keyword.pos, "expected a macro name after #define");
    return;
  }
  const next = rest[1];
  const adjacentParen =
    next?.text === "(" && next.pos.line === name.pos.line && next.pos.col === name.pos.col + name.pos.len;
  if (adjacentParen) {
    diags.error(
      name.pos,
      `function-like macro '${name.text}' is not supported in driver C`,
      "only object-like macros (#define NAME value) are supported; write a function instead",
    );
    return;
  }
  const body = rest.slice(1);
  const existing = macros.get(name.text);
  if (existing && !sameTokens(existing.body, body)) {
    diags.error(name.pos, `macro '${name.text}' redefined with a different value`);
    return;
  }
  macros.set(name.text, { name: name.text, body, definedAt: name });
}

function include(keyword: Token, rest: Token[], diags: Diagnostics): void {
  let header: string | undefined;
  const first = rest[0];
  if (first?.kind === "str" && rest.length === 1) {
    header = String.fromCharCode(...(first.bytes ?? []));
  } else if (first?.text === "<") {
    const close = rest.findIndex((t) => t.text === ">");
    if (close > 0 && close === rest.length - 1)
      header = rest
        .slice(1, close)
        .map((t) => t.text)
        .join("");
  }
  if (header === undefined) {
    diags.error(first?.pos ?? keyword.pos, "expected <ringlab.h> after #include");
    return;
  }
  if (!INCLUDABLE.has(header)) {
    diags.error(
      { ...first!.pos, len: rest.at(-1)!.pos.col + rest.at(-1)!.pos.len - first!.pos.col },
      `cannot include '${header}': driver C has one header, <ringlab.h>`,
      "the kernel API and the C library (printf, malloc, strlen, memcpy, ...) are always declared",
    );
  }
}

function sameTokens(a: readonly Token[], b: readonly Token[]): boolean {
  return a.length === b.length && a.every((t, i) => t.text === b[i]!.text && t.kind === b[i]!.kind);
}
