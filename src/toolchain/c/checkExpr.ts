/**
 * Expressions: C's operators with the integer promotions, the usual arithmetic conversions, pointer
 * arithmetic, lvalues and const. checkExpr keeps lvalues as lvalues (arrays stay arrays); value()
 * is what an operand sees: arrays decay to pointers, and functions are refused (driver C has no
 * function pointers). Binary operators are in checkOperators.ts, assignments in checkAssign.ts,
 * calls in checkCall.ts.
 */
import type { BinaryOp, Expr } from "./ast";
import { assignment, incdec, isLvalue } from "./checkAssign";
import { checkCall } from "./checkCall";
import type { Checker } from "./checker";
import { combine, pointerSumParts, requireScalar, show } from "./checkOperators";
import { compoundLiteral } from "./compoundLiteral";
import type { Pos } from "./diagnostics";
import { binary, cast, constant, isNullConstant } from "./fold";
import { isFormatter } from "./formatLibrary";
import { resolveTypeName } from "./resolveTypes";
import type { BoundsCheck, FuncSymbol, TExpr, VarSymbol } from "./typed";
import {
  arrayOf,
  CHAR,
  type CType,
  commonType,
  findMember,
  INT,
  type IntType,
  isComplete,
  isScalar,
  LLONG,
  memberNames,
  pointerTo,
  promote,
  sameType,
  sizeOf,
  typeToString,
  UINT,
  ULLONG,
  unqualified,
  withConst,
  wordType,
} from "./types";

export { constantValue } from "./fold";

/** Checks an expression, keeping lvalues (and arrays) as they are. */
export function checkExpr(c: Checker, e: Expr, addressOf = false): TExpr {
  switch (e.kind) {
    case "num":
      if (e.wide !== undefined) return constant(e.wide, e.unsigned ? ULLONG : LLONG, e.pos);
      return constant(e.value, e.unsigned ? UINT : INT, e.pos);
    case "char":
      return constant(e.value, INT, e.pos);
    case "str": {
      const literal = c.stringLiteral(e.bytes);
      return { k: "str", literal, type: arrayOf(CHAR, e.bytes.length + 1), pos: e.pos };
    }
    case "ident":
      return identifier(c, e.name, e.pos);
    case "binary":
      return binaryExpr(c, e.op, e.left, e.right, e.pos);
    case "assign":
      return assignment(c, e.op, e.left, e.right, e.pos);
    case "unary":
      return unary(c, e.op, e.operand, e.pos);
    case "incdec":
      return incdec(c, e);
    case "cond":
      return conditional(c, e);
    case "comma": {
      const left = value(c, e.left);
      const right = value(c, e.right);
      return { k: "comma", left, right, type: right.type, pos: e.pos };
    }
    case "call":
      return checkCall(c, e);
    case "index":
      return index(c, checkExpr(c, e.base), value(c, e.index), e.pos, addressOf);
    case "member":
      return member(c, e);
    case "cast":
      return castExpr(c, e);
    case "sizeofType": {
      const t = resolveTypeName(c, e.typeName);
      return t ? sizeofType(c, t, e.pos) : c.poison(e.pos);
    }
    case "sizeofExpr": {
      const operand = checkExpr(c, e.operand);
      if (c.isPoisoned(operand)) return operand;
      if (
        operand.k === "var" &&
        operand.sym.storage === "param" &&
        e.operand.kind === "ident" &&
        arrayParam(c, operand.sym)
      ) {
        c.warning(
          e.pos,
          `sizeof on array parameter '${operand.sym.name}' gives the size of '${typeToString(operand.type)}'`,
          "array parameters are pointers in C; pass the length separately",
        );
      }
      return sizeofType(c, operand.type, e.pos);
    }
    case "compoundLiteral":
      return compoundLiteral(c, e);
    case "error":
      return c.poison(e.pos);
  }
}

/** The parameter was written as an array (`int a[]`): its type is a pointer all the same. */
function arrayParam(c: Checker, sym: VarSymbol): boolean {
  return c.arrayParams.has(sym);
}

/** An operand's value: arrays decay to a pointer to their first element. */
export function rvalue(t: TExpr): TExpr {
  if (t.type.kind === "array") {
    markAddressTaken(t);
    return { k: "addr", lvalue: t, type: pointerTo(t.type.of), pos: t.pos };
  }
  return t;
}

/** The array a pointer value came from by decay (`a` as an operand), if it did. */
export function decayedArray(t: TExpr): TExpr | undefined {
  if (t.k !== "addr" || t.lvalue.type.kind !== "array" || t.type.kind !== "ptr") return undefined;
  return t.type.to === t.lvalue.type.of ? t.lvalue : undefined;
}

export function value(c: Checker, e: Expr): TExpr {
  return rvalue(checkExpr(c, e));
}

/** A condition: any scalar. `if (x = 5)` gets the classic warning. */
export function condition(c: Checker, e: Expr): TExpr {
  const t = value(c, e);
  if (e.kind === "assign" && e.op === "=" && !e.parenthesized) {
    c.warning(
      e.pos,
      "using the result of an assignment as a condition",
      "write '==' to compare, or add parentheses around the assignment",
    );
  }
  return requireScalar(c, t, "a condition");
}

function requireInteger(c: Checker, t: TExpr, op: string): IntType | undefined {
  if (t.type.kind === "int") return t.type;
  if (!c.isPoisoned(t)) c.error(t.pos, `invalid operand to '${op}': ${show(t)} is not an integer`);
  return undefined;
}

export function markAddressTaken(t: TExpr): void {
  let node: TExpr = t;
  for (;;) {
    if (node.k === "var" || node.k === "literal") {
      node.sym.addressTaken = true;
      return;
    }
    if (node.k === "member") node = node.object;
    else if (node.k === "index" && node.base.k === "addr") node = node.base.lvalue;
    else return;
  }
}

function identifier(c: Checker, name: string, pos: Pos): TExpr {
  const sym = c.scopes.lookup(name);
  if (!sym) {
    // Each undeclared name is reported once per function, as gcc does: the rest are echoes.
    if (!c.reportedUndeclared.has(name))
      c.error(pos, `use of undeclared identifier '${name}'`, c.suggestName(name));
    c.reportedUndeclared.add(name);
    return c.poison(pos);
  }
  switch (sym.kind) {
    case "var":
      if (sym.storage === "global" && !c.firstUse.has(sym)) c.firstUse.set(sym, pos);
      return { k: "var", sym, type: sym.type, pos };
    case "enumconst":
      return constant(sym.value, INT, pos);
    case "typedef":
      c.error(pos, `unexpected type name '${name}': expected an expression`);
      return c.poison(pos);
    case "func":
      return functionReference(c, sym, pos);
  }
}

/** A function's name as a value: a pointer to it (C's function-to-pointer decay). */
export function functionReference(c: Checker, sym: FuncSymbol, pos: Pos): TExpr {
  if (isFormatter(sym)) {
    // Only a call to them exists: the compiler lowers each one (checkCall.ts), as there is no va_list.
    c.error(
      pos,
      `'${sym.name}' can only be called, not used as a pointer: driver C compiles each call to it specially, having no va_list`,
      "call it directly, or wrap the call in a function of your own with fixed parameters",
    );
    return c.poison(pos);
  }
  c.addressTaken.add(sym);
  c.fn?.sym.calls.add(sym);
  if (!c.firstCall.has(sym)) c.firstCall.set(sym, pos);
  return { k: "funcref", func: sym, type: pointerTo(sym.type), pos };
}

function sizeofType(c: Checker, t: CType, pos: Pos): TExpr {
  if (t.kind === "func" || t.kind === "void" || !isComplete(t)) {
    c.error(
      pos,
      `invalid application of 'sizeof' to ${t.kind === "func" ? "a function" : `incomplete type '${typeToString(t)}'`}`,
    );
    return c.poison(pos);
  }
  return constant(sizeOf(t), UINT, pos);
}

// ---- Binary operators ---------------------------------------------------------------------------------

function binaryExpr(c: Checker, op: BinaryOp, le: Expr, re: Expr, pos: Pos): TExpr {
  const left = value(c, le);
  const right = value(c, re);
  return combine(c, op, left, right, pos);
}

// ---- Unary operators --------------------------------------------------------------------------------

function unary(c: Checker, op: "-" | "+" | "!" | "~" | "&" | "*", operandExpr: Expr, pos: Pos): TExpr {
  if (op === "&") return addressOf(c, operandExpr, pos);
  const operand = value(c, operandExpr);
  if (c.isPoisoned(operand)) return operand;
  if (op === "*") return dereference(c, operand, pos);
  if (op === "!") {
    const t = requireScalar(c, operand, "the operand of '!'");
    if (t.k === "const") return constant(t.value === 0 ? 1 : 0, INT, pos);
    return { k: "not", operand: t, type: INT, pos };
  }
  const it = requireInteger(c, operand, op);
  if (!it) return c.poison(pos);
  const type = promote(it);
  const v = cast(operand, type);
  if (op === "+") return v;
  if (op === "-") return binary("sub", constant(0, type, pos), v, type, pos);
  return binary("xor", v, constant(-1, type, pos), type, pos);
}

function addressOf(c: Checker, operandExpr: Expr, pos: Pos): TExpr {
  if (operandExpr.kind === "ident") {
    const sym = c.scopes.lookup(operandExpr.name);
    if (sym?.kind === "func") return functionReference(c, sym, pos);
  }
  const operand = checkExpr(c, operandExpr, true);
  if (c.isPoisoned(operand)) return operand;
  if (!isLvalue(operand)) {
    c.error(pos, "cannot take the address of a value that is not an lvalue");
    return c.poison(pos);
  }
  markAddressTaken(operand);
  return { k: "addr", lvalue: operand, type: pointerTo(operand.type), pos };
}

function dereference(c: Checker, ptr: TExpr, pos: Pos): TExpr {
  if (ptr.type.kind !== "ptr") {
    c.error(pos, `indirection requires a pointer operand (${show(ptr)} invalid)`);
    return c.poison(pos);
  }
  const pointee = ptr.type.to;
  // *fp is the function, which decays straight back to the pointer: (*fp)(x) is fp(x).
  if (pointee.kind === "func") return ptr;
  if (pointee.kind === "void") {
    c.error(pos, "dereferencing a 'void *' pointer", "cast it to a pointer to a real type first");
    return c.poison(pos);
  }
  // *(p + i) and *array are p[i] and array[0]: the same checks apply.
  const parts = pointerSumParts(ptr);
  if (parts) return index(c, parts.base, parts.index, pos, false, true);
  if (decayedArray(ptr)) return index(c, ptr, constant(0, INT, pos), pos, false, true);
  return { k: "deref", ptr, type: pointee, pos, check: trackedCheck(c, ptr) };
}

/** Checked mode: a dereference through a local pointer may be checked against the array it came from. */
export function trackedCheck(c: Checker, ptr: TExpr): BoundsCheck | undefined {
  if (!c.checked || ptr.k !== "var" || ptr.sym.storage !== "local" || ptr.type.kind !== "ptr")
    return undefined;
  return { kind: "tracked", sym: ptr.sym };
}

// ---- Postfix operators ------------------------------------------------------------------------------

/** base[index] (either may be the pointer, as in C); `viaDeref` when it came from *(p + i). */
function index(
  c: Checker,
  baseLv: TExpr,
  indexValue: TExpr,
  pos: Pos,
  addressOf: boolean,
  viaDeref = false,
): TExpr {
  let base = rvalue(baseLv);
  let idx = indexValue;
  if (c.isPoisoned(base, idx)) return c.poison(pos);
  if (base.type.kind === "int" && idx.type.kind === "ptr") [base, idx] = [idx, base];
  if (base.type.kind !== "ptr") {
    c.error(pos, `subscripted value is not an array or pointer (${show(base)})`);
    return c.poison(pos);
  }
  if (idx.type.kind !== "int") {
    c.error(idx.pos, `array subscript is not an integer (${show(idx)})`);
    return c.poison(pos);
  }
  const elem = base.type.to;
  if (elem.kind === "void" || elem.kind === "func" || !isComplete(elem)) {
    c.error(pos, `subscript of a pointer to ${elem.kind === "void" ? "void" : "an incomplete type"}`);
    return c.poison(pos);
  }
  const i = cast(idx, wordType(idx.type));
  const array = decayedArray(base);
  const length = array?.type.kind === "array" ? array.type.length : undefined;
  if (length !== undefined && i.k === "const" && !viaDeref) {
    const n = i.type.kind === "int" && !i.type.signed ? i.value >>> 0 : i.value;
    if (n < 0) c.warning(idx.pos, `array index ${n} is before the beginning of the array`);
    else if (n > length || (n === length && !addressOf))
      c.warning(idx.pos, `array index ${n} is past the end of the array (which contains ${length} elements)`);
  }
  let check: BoundsCheck | undefined;
  if (c.checked && length !== undefined) check = { kind: "array", length };
  else check = trackedCheck(c, base);
  return { k: "index", base, index: i, type: elem, pos, check };
}

function member(c: Checker, e: Extract<Expr, { kind: "member" }>): TExpr {
  const objectRaw = checkExpr(c, e.object);
  if (c.isPoisoned(objectRaw)) return objectRaw;
  let object = objectRaw;
  if (e.arrow) {
    const ptr = rvalue(objectRaw);
    if (ptr.type.kind !== "ptr" || ptr.type.to.kind !== "struct") {
      c.error(
        e.pos,
        `'->' needs a pointer to a struct, not ${show(ptr)}`,
        ptr.type.kind === "struct" ? "use '.'" : undefined,
      );
      return c.poison(e.pos);
    }
    object = { k: "deref", ptr, type: ptr.type.to, pos: e.pos, check: trackedCheck(c, ptr) };
  } else if (object.type.kind !== "struct") {
    const hint = object.type.kind === "ptr" && object.type.to.kind === "struct" ? "use '->'" : undefined;
    c.error(e.pos, `'.' needs a struct, not ${show(object)}`, hint);
    return c.poison(e.pos);
  }
  const st = object.type as Extract<CType, { kind: "struct" }>;
  if (!st.info.complete) {
    c.error(e.pos, `'struct ${st.info.tag ?? ""}' is incomplete: its members are not known here`);
    return c.poison(e.pos);
  }
  const m = findMember(st.info, e.name);
  if (!m && st.info.broken) return c.poison(e.pos);
  if (!m) {
    const near = memberNames(st.info).find((n) => n.toLowerCase() === e.name.toLowerCase());
    c.error(
      e.namePos,
      `no member named '${e.name}' in 'struct ${st.info.tag ?? "<anonymous>"}'`,
      near ? `did you mean '${near}'?` : undefined,
    );
    return c.poison(e.pos);
  }
  return {
    k: "member",
    object,
    offset: m.offset,
    type: withConst(m.type, Boolean(st.isConst)),
    pos: e.namePos,
  };
}

function castExpr(c: Checker, e: Extract<Expr, { kind: "cast" }>): TExpr {
  const to = resolveTypeName(c, e.typeName);
  const operand = value(c, e.operand);
  if (!to || c.isPoisoned(operand)) return c.poison(e.pos);
  if (to.kind === "void") return { k: "cast", operand, type: to, pos: e.pos };
  if (!isScalar(to)) {
    c.error(
      e.pos,
      `cannot cast to ${to.kind === "struct" ? "a struct" : to.kind === "array" ? "an array" : "a function"} type '${typeToString(to)}'`,
    );
    return c.poison(e.pos);
  }
  if (!isScalar(operand.type)) {
    c.error(e.pos, `cannot cast ${show(operand)} to '${typeToString(to)}'`);
    return c.poison(e.pos);
  }
  return cast(operand, unqualified(to), e.pos);
}

function conditional(c: Checker, e: Extract<Expr, { kind: "cond" }>): TExpr {
  const cond = condition(c, e.cond);
  const a = value(c, e.then);
  const b = value(c, e.else);
  if (c.isPoisoned(cond, a, b)) return c.poison(e.pos);
  const at = a.type;
  const bt = b.type;
  let type: CType | undefined;
  if (at.kind === "int" && bt.kind === "int") type = commonType(at, bt);
  else if (at.kind === "void" && bt.kind === "void") type = at;
  // Two values of one struct type: the result is the chosen one's (an address, in the code generator).
  else if (at.kind === "struct" && bt.kind === "struct" && at.info === bt.info) type = unqualified(at);
  else if (at.kind === "ptr" && isNullConstant(b)) type = at;
  else if (bt.kind === "ptr" && isNullConstant(a)) type = bt;
  else if (at.kind === "ptr" && bt.kind === "ptr") {
    if (sameType(unqualified(at.to), unqualified(bt.to))) type = withConst(at, false);
    else if (at.to.kind === "void" || bt.to.kind === "void")
      type = pointerTo(withConst({ kind: "void" }, Boolean(at.to.isConst || bt.to.isConst)));
    else c.warning(e.pos, `pointer type mismatch in conditional expression (${show(a)} and ${show(b)})`);
    type ??= at;
  }
  if (!type) {
    c.error(e.pos, `incompatible operand types in conditional expression (${show(a)} and ${show(b)})`);
    return c.poison(e.pos);
  }
  const asIs = type.kind === "void" || type.kind === "struct";
  const then = asIs ? a : cast(a, type);
  const otherwise = asIs ? b : cast(b, type);
  if (cond.k === "const" && then.k === "const" && otherwise.k === "const")
    return cond.value ? then : otherwise;
  return { k: "cond", cond, then, else: otherwise, type, pos: e.pos };
}
