/**
 * Statements and blocks. Each statement is a recovery point: after a syntax error inside it, parsing
 * skips to the next ';' (or the block's '}') and goes on with the next statement.
 */
import type { Block, Declaration, Expr, Stmt } from "./ast";
import { parseExpression } from "./parseExpr";
import { type Parser, SyntaxStop } from "./parser";

const MAX_NESTING = 200;

/** `{ ... }`. With `newScope`, the block opens a scope for typedef names (function bodies open their own). */
export function parseBlock(p: Parser, newScope = true): Block {
  const open = p.expect("{");
  if (newScope) p.pushScope();
  const items: Stmt[] = [];
  try {
    while (!p.is("}") && p.tok.kind !== "eof") {
      const start = p.tok;
      const from = p.position;
      try {
        items.push(parseStatement(p));
      } catch (e) {
        if (!(e instanceof SyntaxStop)) throw e;
        p.recover(from, true);
      }
      if (p.tok === start) p.next();
    }
    p.expect("}", "'}' to close the block");
  } finally {
    if (newScope) p.popScope();
  }
  return { kind: "block", items, pos: open.pos };
}

export function parseStatement(p: Parser): Stmt {
  p.statementNesting++;
  try {
    if (p.statementNesting > MAX_NESTING) p.fail(p.tok, "statements are nested too deeply");
    return statement(p);
  } finally {
    p.statementNesting--;
  }
}

function statement(p: Parser): Stmt {
  const t = p.tok;
  if (t.kind === "punct" && t.text === "{") return parseBlock(p);
  if (t.kind === "punct" && t.text === ";") {
    p.next();
    return { kind: "empty", pos: t.pos };
  }
  if (t.kind === "ident" && p.peek().kind === "punct" && p.peek().text === ":") {
    p.next();
    p.next();
    // C23 lets a label end a block; the statement it labels is then an empty one.
    return { kind: "label", name: t.text, body: caseBody(p), pos: t.pos };
  }
  if (p.startsType()) return p.parseLocalDeclaration();
  if (t.kind === "keyword") {
    switch (t.text) {
      case "if": {
        p.next();
        const cond = parenthesized(p, "if");
        const then = parseStatement(p);
        const otherwise = p.accept("else") ? parseStatement(p) : undefined;
        return { kind: "if", cond, then, else: otherwise, pos: t.pos };
      }
      case "while": {
        p.next();
        const cond = parenthesized(p, "while");
        return { kind: "while", cond, body: parseStatement(p), pos: t.pos };
      }
      case "do": {
        p.next();
        const body = parseStatement(p);
        p.expect("while", "'while' after the body of 'do'");
        const cond = parenthesized(p, "do ... while");
        p.expectSemicolon();
        return { kind: "do", body, cond, pos: t.pos };
      }
      case "for":
        return forStatement(p);
      case "break":
      case "continue":
        p.next();
        p.expectSemicolon();
        return { kind: t.text, pos: t.pos };
      case "return": {
        p.next();
        const value = p.is(";") ? undefined : parseExpression(p);
        p.expectSemicolon();
        return { kind: "return", value, pos: t.pos };
      }
      case "switch": {
        p.next();
        const cond = parenthesized(p, "switch");
        return { kind: "switch", cond, body: parseStatement(p), pos: t.pos };
      }
      case "case": {
        p.next();
        const value = parseExpression(p);
        if (p.is("...")) p.fail(p.tok, "case ranges ('...') are not supported in driver C");
        p.expect(":", "':' after the case value");
        return { kind: "case", value, body: caseBody(p), pos: t.pos };
      }
      case "default":
        p.next();
        p.expect(":", "':' after 'default'");
        return { kind: "default", body: caseBody(p), pos: t.pos };
      case "goto": {
        p.next();
        const target = p.tok;
        if (target.kind === "punct" && target.text === "*")
          p.fail(target, "computed goto ('goto *') is not supported in driver C");
        if (target.kind !== "ident") p.fail(target, `expected a label name after 'goto' ${p.describeHere()}`);
        p.next();
        p.expectSemicolon();
        return { kind: "goto", label: target.text, pos: t.pos };
      }
      case "else":
        p.fail(t, "'else' without a matching 'if'");
        break;
    }
  }
  const expr = parseExpression(p);
  p.expectSemicolon();
  return { kind: "expr", expr, pos: expr.pos };
}

/** A case label labels the statement after it; `case 1: }` is allowed as an empty statement for leniency. */
function caseBody(p: Parser): Stmt {
  if (p.is("}")) return { kind: "empty", pos: p.tok.pos };
  return parseStatement(p);
}

function parenthesized(p: Parser, what: string): Expr {
  p.expect("(", `'(' after '${what}'`);
  const e = parseExpression(p);
  p.expect(")", `')' to close the condition of '${what}'`);
  return e;
}

function forStatement(p: Parser): Stmt {
  const t = p.next();
  p.expect("(", "'(' after 'for'");
  p.pushScope();
  try {
    let init: Declaration | Expr | undefined;
    if (p.startsType()) init = p.parseLocalDeclaration();
    else if (!p.accept(";")) {
      init = parseExpression(p);
      p.expectSemicolon();
    }
    const cond = p.is(";") ? undefined : parseExpression(p);
    p.expectSemicolon();
    const step = p.is(")") ? undefined : parseExpression(p);
    p.expect(")", "')' to close the 'for' header");
    const body = parseStatement(p);
    return { kind: "for", init, cond, step, body, pos: t.pos };
  } finally {
    p.popScope();
  }
}
