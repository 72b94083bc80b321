/**
 * Expressions, by precedence climbing over C's table of binary operators; unary, postfix and primary
 * expressions by recursive descent.
 */
import { appendAll } from "../../shared/append";
import type { AssignOp, BinaryOp, Expr, TypeName } from "./ast";
import type { Pos } from "./diagnostics";
import { parseTypeName } from "./parseDecl";
import type { Parser } from "./parser";

/** Binary operators by precedence: a higher number binds tighter. All are left-associative. */
export const BINARY_PRECEDENCE: Record<string, number> = {
  "||": 1,
  "&&": 2,
  "|": 3,
  "^": 4,
  "&": 5,
  "==": 6,
  "!=": 6,
  "<": 7,
  ">": 7,
  "<=": 7,
  ">=": 7,
  "<<": 8,
  ">>": 8,
  "+": 9,
  "-": 9,
  "*": 10,
  "/": 10,
  "%": 10,
};

const ASSIGN_OPS = new Set(["=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^="]);

/** Deep nesting is refused before it can exhaust the host's stack. */
const MAX_DEPTH = 200;

function span(from: Pos, to: Pos): Pos {
  if (from.line !== to.line || from.file !== to.file) return from;
  return { ...from, len: Math.max(1, to.col + to.len - from.col) };
}

function guardDepth(p: Parser): void {
  if (p.expressionDepth > MAX_DEPTH) {
    p.fail(p.tok, "expression is nested too deeply");
  }
}

export function parseExpression(p: Parser): Expr {
  let left = parseAssignment(p);
  for (let length = 0; p.is(","); length++) {
    if (length > MAX_DEPTH) p.fail(p.tok, "expression is too long");
    const comma = p.next();
    const right = parseAssignment(p);
    left = { kind: "comma", left, right, pos: comma.pos };
  }
  return left;
}

export function parseAssignment(p: Parser): Expr {
  p.expressionDepth++;
  guardDepth(p);
  try {
    const left = parseConditional(p);
    const t = p.tok;
    if (t.kind === "punct" && ASSIGN_OPS.has(t.text)) {
      p.next();
      const right = parseAssignment(p);
      return { kind: "assign", op: t.text as AssignOp, left, right, pos: t.pos };
    }
    return left;
  } finally {
    p.expressionDepth--;
  }
}

export function parseConditional(p: Parser): Expr {
  const cond = parseBinary(p, 1);
  if (!p.is("?")) return cond;
  const question = p.next();
  const then = withDepth(p, () => parseExpression(p));
  p.expect(":", "':' in the conditional expression");
  const otherwise = withDepth(p, () => parseConditional(p));
  return { kind: "cond", cond, then, else: otherwise, pos: question.pos };
}

function parseBinary(p: Parser, minPrecedence: number): Expr {
  let left = parseCast(p);
  for (let length = 0; ; length++) {
    const t = p.tok;
    const precedence = t.kind === "punct" ? BINARY_PRECEDENCE[t.text] : undefined;
    if (precedence === undefined || precedence < minPrecedence) return left;
    if (length > MAX_DEPTH) p.fail(t, "expression is too long");
    p.next();
    const right = parseBinary(p, precedence + 1);
    left = { kind: "binary", op: t.text as BinaryOp, left, right, pos: t.pos };
  }
}

function parseCast(p: Parser): Expr {
  if (p.is("(") && p.startsType(p.peek())) {
    const open = p.next();
    const typeName = parseTypeName(p);
    p.expect(")", "')' after the type name");
    if (p.is("{")) return compoundLiteral(p, typeName, open.pos);
    p.expressionDepth++;
    guardDepth(p);
    try {
      const operand = parseCast(p);
      return { kind: "cast", typeName, operand, pos: open.pos };
    } finally {
      p.expressionDepth--;
    }
  }
  return parseUnary(p);
}

function parseUnary(p: Parser): Expr {
  const t = p.tok;
  if (t.kind === "punct") {
    if (t.text === "++" || t.text === "--") {
      p.next();
      const operand = withDepth(p, () => parseUnary(p));
      return { kind: "incdec", op: t.text, prefix: true, operand, pos: t.pos };
    }
    if (
      t.text === "-" ||
      t.text === "+" ||
      t.text === "!" ||
      t.text === "~" ||
      t.text === "&" ||
      t.text === "*"
    ) {
      p.next();
      const operand = withDepth(p, () => parseCast(p));
      return { kind: "unary", op: t.text, operand, pos: t.pos };
    }
    if (t.text === "&&") p.fail(t, "labels as values ('&&label') are not supported in driver C");
  }
  if (t.kind === "keyword" && t.text === "sizeof") {
    p.next();
    if (p.is("(") && p.startsType(p.peek())) {
      p.next();
      const typeName = parseTypeName(p);
      const close = p.expect(")", "')' after the type name");
      // `sizeof (int[]){1, 2}` is the size of a compound literal, not of a type.
      if (p.is("{")) {
        const operand = compoundLiteral(p, typeName, t.pos);
        return { kind: "sizeofExpr", operand, pos: t.pos };
      }
      return { kind: "sizeofType", typeName, pos: span(t.pos, close.pos) };
    }
    const operand = withDepth(p, () => parseUnary(p));
    return { kind: "sizeofExpr", operand, pos: t.pos };
  }
  if (t.kind === "keyword" && t.text === "_Alignof") p.fail(t, "'_Alignof' is not supported in driver C");
  return parsePostfix(p);
}

function withDepth(p: Parser, f: () => Expr): Expr {
  p.expressionDepth++;
  guardDepth(p);
  try {
    return f();
  } finally {
    p.expressionDepth--;
  }
}

/** `(type){ ... }` once `(type)` is read: a postfix expression, so `[i]`, `.x` and calls may follow. */
function compoundLiteral(p: Parser, typeName: TypeName, pos: Pos): Expr {
  const init = p.parseInitializer();
  return parsePostfix(p, { kind: "compoundLiteral", typeName, init, pos });
}

function parsePostfix(p: Parser, primary?: Expr): Expr {
  let e = primary ?? parsePrimary(p);
  for (let length = 0; ; length++) {
    const t = p.tok;
    if (t.kind !== "punct") return e;
    if (length > MAX_DEPTH) p.fail(t, "expression is too long");
    if (t.text === "[") {
      p.next();
      const index = parseExpression(p);
      p.expect("]", "']' to close the index");
      e = { kind: "index", base: e, index, pos: t.pos };
    } else if (t.text === "(") {
      p.next();
      const args: Expr[] = [];
      if (!p.is(")")) {
        for (;;) {
          args.push(parseAssignment(p));
          if (!p.accept(",")) break;
        }
      }
      p.expect(")", "')' to close the argument list");
      e = { kind: "call", callee: e, args, pos: e.pos };
    } else if (t.text === "." || t.text === "->") {
      p.next();
      const name = p.tok;
      if (name.kind !== "ident") p.fail(name, `expected a member name after '${t.text}'`);
      p.next();
      e = {
        kind: "member",
        object: e,
        name: name.text,
        arrow: t.text === "->",
        pos: t.pos,
        namePos: name.pos,
      };
    } else if (t.text === "++" || t.text === "--") {
      p.next();
      e = { kind: "incdec", op: t.text, prefix: false, operand: e, pos: t.pos };
    } else {
      return e;
    }
  }
}

function parsePrimary(p: Parser): Expr {
  const t = p.tok;
  switch (t.kind) {
    case "num":
      p.next();
      if (t.wide !== undefined)
        return { kind: "num", value: t.value ?? 0, unsigned: t.unsigned ?? false, wide: t.wide, pos: t.pos };
      return { kind: "num", value: t.value ?? 0, unsigned: t.unsigned ?? false, pos: t.pos };
    case "char":
      p.next();
      return { kind: "char", value: t.value ?? 0, pos: t.pos };
    case "str": {
      p.next();
      const bytes = [...(t.bytes ?? [])];
      let pos = t.pos;
      // Adjacent string literals are one literal, as in C.
      while (p.tok.kind === "str") {
        const more = p.next();
        appendAll(bytes, more.bytes ?? []);
        pos = span(pos, more.pos);
      }
      return { kind: "str", bytes, pos };
    }
    case "ident":
      p.next();
      return { kind: "ident", name: t.text, pos: t.pos };
    case "punct":
      if (t.text === "(") {
        p.next();
        const inner = withDepth(p, () => parseExpression(p));
        p.expect(")", "')'");
        // `if ((x = f()))` says the assignment is meant: no warning for it.
        if (inner.kind === "assign") return { ...inner, parenthesized: true };
        return inner;
      }
      break;
    case "keyword":
      if (p.startsType(t))
        p.fail(t, `expected an expression ${p.describeHere()}`, "a declaration is not allowed here");
      break;
  }
  if (t.kind === "eof") p.fail(t, "expected an expression at end of file");
  return p.fail(t, `expected an expression ${p.describeHere()}`);
}
