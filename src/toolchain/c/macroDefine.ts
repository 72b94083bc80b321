/**
 * `#define`: object-like and function-like macros (`(a, b)` right after the name, `...` for
 * `__VA_ARGS__`), with the checks C makes when a macro is defined: `#` must name a parameter, `##`
 * needs both operands, and a redefinition must be identical.
 */
import type { Diagnostics } from "./diagnostics";
import type { Token } from "./lexer";
import type { Macro, MacroTable } from "./macroExpand";

export function define(keyword: Token, rest: Token[], macros: MacroTable, diags: Diagnostics): void {
  const name = rest[0];
  if (name?.kind !== "ident" && name?.kind !== "keyword") {
    diags.error(name?.pos ?? keyword.pos, "expected a macro name after #define");
    return;
  }
  if (name.text === "defined") {
    diags.error(name.pos, "'defined' cannot be a macro name");
    return;
  }
  const next = rest[1];
  const adjacentParen =
    next?.text === "(" && next.pos.line === name.pos.line && next.pos.col === name.pos.col + name.pos.len;
  let macro: Macro;
  if (adjacentParen) {
    const parsed = parseParams(rest, diags);
    if (!parsed) return;
    const body = rest.slice(parsed.bodyStart);
    if (!checkOperators(body, parsed.params, diags)) return;
    macro = { name: name.text, params: parsed.params, variadic: parsed.variadic, body, definedAt: name };
  } else {
    const body = rest.slice(1);
    if (!checkOperators(body, undefined, diags)) return;
    macro = { name: name.text, body, definedAt: name };
  }
  const existing = macros.get(name.text);
  if (existing && !sameMacro(existing, macro)) {
    diags.error(name.pos, `macro '${name.text}' redefined with a different value`);
    return;
  }
  macros.set(name.text, macro);
}

/** `(a, b, ...)` after a macro's name; the body starts after the ')'. */
function parseParams(
  rest: Token[],
  diags: Diagnostics,
): { params: string[]; variadic: boolean; bodyStart: number } | undefined {
  const params: string[] = [];
  let variadic = false;
  let k = 2;
  if (rest[k]?.text === ")") return { params, variadic, bodyStart: k + 1 };
  for (;;) {
    const t = rest[k];
    if (t?.text === "...") {
      variadic = true;
      params.push("__VA_ARGS__");
      k++;
    } else if (t?.kind === "ident" || t?.kind === "keyword") {
      if (params.includes(t.text)) {
        diags.error(t.pos, `duplicate macro parameter '${t.text}'`);
        return undefined;
      }
      params.push(t.text);
      k++;
    } else {
      diags.error((t ?? rest.at(-1)!).pos, "expected a parameter name in the macro's parameter list");
      return undefined;
    }
    const sep = rest[k];
    if (sep?.text === ")") return { params, variadic, bodyStart: k + 1 };
    if (sep?.text !== "," || variadic) {
      diags.error((sep ?? rest.at(-1)!).pos, "expected ',' or ')' in the macro's parameter list");
      return undefined;
    }
    k++;
  }
}

/** `#` must name a parameter; `##` needs an operand on both sides. */
function checkOperators(body: Token[], params: string[] | undefined, diags: Diagnostics): boolean {
  for (let k = 0; k < body.length; k++) {
    const t = body[k]!;
    if (t.kind !== "punct") continue;
    if (t.text === "##" && (k === 0 || k === body.length - 1)) {
      diags.error(t.pos, "'##' cannot be at either end of a macro's replacement");
      return false;
    }
    if (t.text === "#" && params) {
      const next = body[k + 1];
      if (!next || !params.includes(next.text)) {
        diags.error(t.pos, "'#' is not followed by a macro parameter");
        return false;
      }
    }
  }
  return true;
}

function sameMacro(a: Macro, b: Macro): boolean {
  const sameParams =
    (a.params === undefined) === (b.params === undefined) &&
    (a.params ?? []).join(",") === (b.params ?? []).join(",");
  return (
    sameParams &&
    a.body.length === b.body.length &&
    a.body.every((t, i) => t.text === b.body[i]!.text && t.kind === b.body[i]!.kind)
  );
}
