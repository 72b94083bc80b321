/**
 * C's binary operators on checked operands: the integer promotions and the usual arithmetic
 * conversions, signed or unsigned machine operations, pointer arithmetic (scaled) and pointer
 * comparison. Compound assignment reuses combine() for its arithmetic.
 */
import type { BinaryOp } from "./ast";
import type { Checker } from "./checker";
import type { Pos } from "./diagnostics";
import { binary, cast, constant, exactValue, isNullConstant } from "./fold";
import type { MachineOp, TExpr } from "./typed";
import {
  type CType,
  commonType,
  INT,
  type IntType,
  isComplete,
  isScalar,
  isWide,
  promote,
  sameType,
  sizeOf,
  typeToString,
  unqualified,
  wordType,
} from "./types";
import { WIDE_HELPERS } from "./wideRuntime";

const ARITH_OPS: Record<string, { signed: MachineOp; unsigned: MachineOp }> = {
  "*": { signed: "mul", unsigned: "mul" },
  "/": { signed: "div", unsigned: "divu" },
  "%": { signed: "rem", unsigned: "remu" },
  "&": { signed: "and", unsigned: "and" },
  "|": { signed: "or", unsigned: "or" },
  "^": { signed: "xor", unsigned: "xor" },
  "+": { signed: "add", unsigned: "add" },
  "-": { signed: "sub", unsigned: "sub" },
};

const COMPARE_OPS: Record<string, { signed: MachineOp; unsigned: MachineOp }> = {
  "<": { signed: "lt", unsigned: "ltu" },
  ">": { signed: "gt", unsigned: "gtu" },
  "<=": { signed: "le", unsigned: "leu" },
  ">=": { signed: "ge", unsigned: "geu" },
  "==": { signed: "eq", unsigned: "eq" },
  "!=": { signed: "ne", unsigned: "ne" },
};

export const show = (t: TExpr): string => `'${typeToString(t.type)}'`;

export function requireScalar(c: Checker, t: TExpr, what: string): TExpr {
  if (c.isPoisoned(t) || isScalar(t.type)) return t;
  c.error(t.pos, `${what} must be a number or a pointer, not ${show(t)}`);
  return c.poison(t.pos);
}

/** Applies a binary operator to checked operands (compound assignment reuses it). */
export function combine(c: Checker, op: BinaryOp, left: TExpr, right: TExpr, pos: Pos): TExpr {
  if (c.isPoisoned(left, right)) return c.poison(pos);
  if (op === "&&" || op === "||") {
    const l = requireScalar(c, left, `the left operand of '${op}'`);
    const r = requireScalar(c, right, `the right operand of '${op}'`);
    if (l.k === "const" && r.k === "const") {
      const v = op === "&&" ? l.value !== 0 && r.value !== 0 : l.value !== 0 || r.value !== 0;
      return constant(v ? 1 : 0, INT, pos);
    }
    return { k: "logic", op, left: l, right: r, type: INT, pos };
  }
  const lt = left.type;
  const rt = right.type;
  if (op === "+" || op === "-") {
    if (lt.kind === "ptr" && rt.kind === "int") return pointerOffset(c, op, left, right, pos);
    if (op === "+" && lt.kind === "int" && rt.kind === "ptr") return pointerOffset(c, op, right, left, pos);
    if (op === "-" && lt.kind === "ptr" && rt.kind === "ptr") return pointerDifference(c, left, right, pos);
  }
  if (COMPARE_OPS[op]) return comparison(c, op, left, right, pos);
  if (lt.kind !== "int" || rt.kind !== "int") {
    c.error(pos, `invalid operands to binary '${op}' (${show(left)} and ${show(right)})`);
    return c.poison(pos);
  }
  if (op === "<<" || op === ">>") {
    const type = promote(lt);
    const width = type.size * 8;
    const full = cast(right, promote(rt));
    if (full.k === "const") {
      const n = exactValue(full);
      if (n < 0n || n >= BigInt(width))
        c.warning(
          right.pos,
          `shift count ${n} is ${n < 0n ? "negative" : `not less than the width of the type (${width})`}`,
        );
    }
    // The count is one word whatever its type; a 64-bit shift by a variable count calls a helper.
    const count = cast(right, wordType(rt));
    const machine: MachineOp = op === "<<" ? "shl" : type.signed ? "sar" : "shr";
    const node = binary(machine, cast(left, type), count, type, pos);
    if (count.k !== "const") useWideHelper(c, node);
    return node;
  }
  const type = commonType(lt, rt);
  const machine = ARITH_OPS[op]!;
  const l = cast(left, type);
  const r = cast(right, type);
  if ((op === "/" || op === "%") && r.k === "const" && r.value === 0)
    c.warning(pos, `${op === "/" ? "division" : "remainder"} by zero is undefined`);
  const node = binary(type.signed ? machine.signed : machine.unsigned, l, r, type, pos);
  useWideHelper(c, node);
  return node;
}

/** A 64-bit operation the machine has no instructions for calls a library helper: the program needs it. */
function useWideHelper(c: Checker, node: TExpr): void {
  if (node.k !== "binary" || !isWide(node.type)) return;
  const name = WIDE_HELPERS[node.op];
  const helper = name ? c.funcs.get(name) : undefined;
  if (helper) c.fn?.sym.calls.add(helper);
}

function pointerOffset(c: Checker, op: "+" | "-", ptr: TExpr, offset: TExpr, pos: Pos): TExpr {
  const pointee = (ptr.type as Extract<CType, { kind: "ptr" }>).to;
  if (pointee.kind === "void" || pointee.kind === "func" || !isComplete(pointee)) {
    c.error(
      pos,
      `arithmetic on a pointer to ${pointee.kind === "void" ? "void" : pointee.kind === "func" ? "a function" : `incomplete type '${typeToString(pointee)}'`}`,
      pointee.kind === "void" ? "cast it to 'char *' first" : undefined,
    );
    return c.poison(pos);
  }
  const count = cast(offset, wordType(offset.type as IntType));
  const size = sizeOf(pointee);
  const scaled = size === 1 ? count : binary("mul", count, constant(size, INT, pos), INT, pos);
  const node = binary(op === "+" ? "add" : "sub", ptr, scaled, unqualified(ptr.type), pos);
  // Remember the unscaled parts, so that *(p + i) can be checked as p[i].
  if (op === "+" && node.k === "binary") pointerParts.set(node, { base: ptr, index: count });
  return node;
}

/** p + i nodes and their parts: `*(p + i)` is checked exactly like `p[i]`. */
const pointerParts = new WeakMap<TExpr, { base: TExpr; index: TExpr }>();

function pointerDifference(c: Checker, left: TExpr, right: TExpr, pos: Pos): TExpr {
  const a = (left.type as Extract<CType, { kind: "ptr" }>).to;
  const b = (right.type as Extract<CType, { kind: "ptr" }>).to;
  if (!sameType(unqualified(a), unqualified(b))) {
    c.error(pos, `'-' between pointers to different types (${show(left)} and ${show(right)})`);
    return c.poison(pos);
  }
  if (a.kind === "void" || !isComplete(a)) {
    c.error(pos, `arithmetic on a pointer to ${a.kind === "void" ? "void" : "an incomplete type"}`);
    return c.poison(pos);
  }
  const bytes = binary("sub", cast(left, INT), cast(right, INT), INT, pos);
  const size = sizeOf(a);
  return size === 1 ? bytes : binary("div", bytes, constant(size, INT, pos), INT, pos);
}

function comparison(c: Checker, op: BinaryOp, left: TExpr, right: TExpr, pos: Pos): TExpr {
  const ops = COMPARE_OPS[op]!;
  const lt = left.type;
  const rt = right.type;
  if (lt.kind === "int" && rt.kind === "int") {
    const type = commonType(lt, rt);
    return binary(type.signed ? ops.signed : ops.unsigned, cast(left, type), cast(right, type), INT, pos);
  }
  if (lt.kind === "ptr" && rt.kind === "ptr") {
    const compatible =
      lt.to.kind === "void" || rt.to.kind === "void" || sameType(unqualified(lt.to), unqualified(rt.to));
    if (!compatible)
      c.warning(pos, `comparison of distinct pointer types (${show(left)} and ${show(right)})`);
    return binary(ops.unsigned, left, right, INT, pos);
  }
  const equality = op === "==" || op === "!=";
  if (equality && lt.kind === "ptr" && isNullConstant(right))
    return binary(ops.unsigned, left, cast(right, lt), INT, pos);
  if (equality && rt.kind === "ptr" && isNullConstant(left))
    return binary(ops.unsigned, cast(left, rt), right, INT, pos);
  if ((lt.kind === "ptr" && rt.kind === "int") || (lt.kind === "int" && rt.kind === "ptr")) {
    c.error(
      pos,
      `comparison between pointer and integer (${show(left)} and ${show(right)})`,
      "compare with NULL, or cast one side",
    );
    return c.poison(pos);
  }
  c.error(pos, `invalid operands to binary '${op}' (${show(left)} and ${show(right)})`);
  return c.poison(pos);
}

/** The unscaled parts of a pointer sum p + i, so that *(p + i) can be checked as p[i]. */
export function pointerSumParts(t: TExpr): { base: TExpr; index: TExpr } | undefined {
  return pointerParts.get(t);
}
