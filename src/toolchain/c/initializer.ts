/**
 * Initializers, with C's rules: nested braces or brace elision, string literals for char arrays, the
 * length of `int a[] = {...}` from its initializer, and zero for everything not mentioned. Globals
 * and statics become data (constants and addresses only); locals become stores at run time.
 */
import type { Expr, Initializer } from "./ast";
import { value } from "./checkExpr";
import type { Checker } from "./checker";
import { convertAs } from "./convert";
import type { Pos } from "./diagnostics";
import { constant } from "./fold";
import type { DataInit, DataItem, TExpr, TStmt, VarSymbol } from "./typed";
import { arrayOf, CHAR, type CType, INT, isScalar, sizeOf, typeToString } from "./types";

interface Slot {
  offset: number;
  type: CType;
  value: TExpr;
}

interface Cursor {
  items: Initializer[];
  i: number;
}

class InitBuilder {
  readonly slots: Slot[] = [];

  /** A dry run only counts elements (for `T a[] = {...}`): it checks nothing and reports nothing. */
  constructor(
    private readonly c: Checker,
    private readonly dry = false,
  ) {}

  private report(pos: Pos, message: string): void {
    if (!this.dry) this.c.error(pos, message);
  }

  /** Initializes one object of `type` at `offset` from one initializer. */
  object(type: CType, init: Initializer, offset: number): void {
    const c = this.c;
    // The parser already reported what is wrong with this initializer.
    if (init.kind === "expr" && init.expr.kind === "error") return;
    if (init.kind === "list") {
      if (isScalar(type)) {
        const first = init.items[0];
        if (!first) {
          this.slots.push({ offset, type, value: constant(0, INT, init.pos) });
          return;
        }
        if (init.items.length > 1) this.report(init.items[1]!.pos, "excess elements in scalar initializer");
        this.object(type, first, offset);
        return;
      }
      const cursor: Cursor = { items: init.items, i: 0 };
      this.aggregate(type, cursor, offset);
      if (cursor.i < init.items.length) {
        this.report(
          init.items[cursor.i]!.pos,
          `excess elements in ${type.kind === "struct" ? (type.info.union ? "union" : "struct") : "array"} initializer`,
        );
      }
      return;
    }
    if (type.kind === "array") {
      if (this.stringInto(type, init.expr, offset)) return;
      this.report(
        init.pos,
        `array '${typeToString(type)}' must be initialized with a braced list${isCharArray(type) ? " or a string literal" : ""}`,
      );
      return;
    }
    if (this.dry) return;
    const v = value(c, init.expr);
    if (type.kind === "struct" && v.type.kind === "struct" && v.type.info === type.info) {
      this.slots.push({ offset, type, value: v });
      return;
    }
    this.slots.push({ offset, type, value: convertAs(c, v, type, { kind: "init" }, init.pos) });
  }

  /** Fills an array or struct from the cursor's items (brace elision: it takes only what it needs). */
  aggregate(type: CType, cursor: Cursor, offset: number): number {
    const elements = subobjects(type);
    let count = 0;
    for (const element of elements(cursor)) {
      if (cursor.i >= cursor.items.length) break;
      const item = cursor.items[cursor.i]!;
      const at = offset + element.offset;
      count++;
      if (item.kind === "list" || isScalar(element.type)) {
        cursor.i++;
        this.object(element.type, item, at);
      } else if (
        element.type.kind === "array" &&
        item.kind === "expr" &&
        item.expr.kind === "str" &&
        isCharArray(element.type)
      ) {
        cursor.i++;
        this.stringInto(element.type, item.expr, at);
      } else if (element.type.kind === "struct" && item.kind === "expr" && !isBraceElided(this.c, item)) {
        cursor.i++;
        this.object(element.type, item, at);
      } else {
        const before = cursor.i;
        this.aggregate(element.type, cursor, at);
        if (cursor.i === before) break;
      }
    }
    return count;
  }

  stringInto(type: Extract<CType, { kind: "array" }>, e: Expr, offset: number): boolean {
    if (e.kind !== "str" || !isCharArray(type)) return false;
    const length = type.length ?? e.bytes.length + 1;
    if (e.bytes.length > length) {
      this.report(
        e.pos,
        `initializer-string for char array is too long (${e.bytes.length + 1} bytes for ${length})`,
      );
      return true;
    }
    const bytes = [...e.bytes, 0].slice(0, length);
    bytes.forEach((b, i) => {
      this.slots.push({ offset: offset + i, type: type.of, value: constant(b, CHAR, e.pos) });
    });
    return true;
  }
}

/** A struct-typed element initialized from a scalar-looking expression is brace elision, unless the expression is a struct. */
function isBraceElided(c: Checker, item: Extract<Initializer, { kind: "expr" }>): boolean {
  const probe = item.expr;
  if (probe.kind !== "ident") return true;
  const sym = c.scopes.lookup(probe.name);
  return !(sym?.kind === "var" && sym.type.kind === "struct");
}

function isCharArray(t: CType): boolean {
  return t.kind === "array" && t.of.kind === "int" && t.of.size === 1;
}

/** The element (offset, type) pairs of an aggregate; an array of unknown length runs while items remain. */
function subobjects(type: CType): (cursor: Cursor) => Iterable<{ offset: number; type: CType }> {
  return function* (cursor: Cursor) {
    if (type.kind === "struct") {
      // A braced list initializes a union's first member.
      const members = type.info.union ? type.info.members.slice(0, 1) : type.info.members;
      for (const m of members) yield { offset: m.offset, type: m.type };
    } else if (type.kind === "array") {
      const size = sizeOf(type.of);
      const length = type.length ?? Number.POSITIVE_INFINITY;
      for (let i = 0; i < length && (type.length !== undefined || cursor.i < cursor.items.length); i++) {
        yield { offset: i * size, type: type.of };
      }
    }
  };
}

/** Works out the slots and, for `T a[] = ...`, the length. */
function build(c: Checker, type: CType, init: Initializer): { type: CType; slots: Slot[] } {
  const builder = new InitBuilder(c);
  let finalType = type;
  if (
    type.kind === "array" &&
    type.length === undefined &&
    !(init.kind === "expr" && init.expr.kind === "error")
  ) {
    if (init.kind === "expr" && init.expr.kind === "str" && isCharArray(type)) {
      finalType = arrayOf(type.of, init.expr.bytes.length + 1);
    } else if (init.kind === "list") {
      const count = new InitBuilder(c, true).aggregate(type, { items: init.items, i: 0 }, 0);
      finalType = arrayOf(type.of, Math.max(count, 1));
      if (count === 0) c.error(init.pos, "an array with no size needs at least one initializer");
    } else {
      c.error(init.pos, "array with no size must be initialized with a braced list or a string literal");
      return { type: arrayOf(type.of, 1), slots: [] };
    }
  }
  builder.object(finalType, init, 0);
  return { type: finalType, slots: builder.slots };
}

/** The number a constant (or a constant cast to a pointer, like `(char *)0`) stands for. */
function numberConstant(t: TExpr): number | undefined {
  if (t.k === "const") return t.value;
  if (t.k === "cast" && t.type.kind === "ptr") return numberConstant(t.operand);
  return undefined;
}

export function globalInit(c: Checker, type: CType, init: Initializer): { type: CType; init: DataInit } {
  const { type: finalType, slots } = build(c, type, init);
  const items: DataItem[] = [];
  for (const slot of slots) {
    if (c.isPoisoned(slot.value)) continue;
    const size = sizeOf(slot.type);
    const v = slot.value;
    const n = numberConstant(v);
    if (n !== undefined && (size === 1 || size === 2 || size === 4)) {
      items.push({ offset: slot.offset, size, value: n });
      continue;
    }
    const address = size === 4 ? addressConstant(v) : undefined;
    if (address) {
      items.push({ offset: slot.offset, size: 4, label: address.label, addend: address.addend });
      continue;
    }
    c.error(
      v.pos,
      "initializer element is not a compile-time constant",
      "globals and statics take constants and addresses of globals",
    );
  }
  return { type: finalType, init: { size: sizeOf(finalType), items } };
}

export function localInit(
  c: Checker,
  sym: VarSymbol,
  init: Initializer,
  pos: Pos,
): { type: CType; stmt: TStmt } {
  const { type, slots } = build(c, sym.type, init);
  const items = slots
    .filter((s) => !c.isPoisoned(s.value))
    .map((s) => ({ offset: s.offset, type: s.type, value: s.value }));
  // An aggregate is zeroed first unless its initializer gives every byte (no padding, no missing
  // elements); after a zero fill, zero elements need no store of their own.
  const covered = items.reduce((n, s) => n + sizeOf(s.type), 0);
  const zeroFill = (type.kind === "array" || type.kind === "struct") && covered < sizeOf(type);
  const stores = zeroFill ? items.filter((s) => !(s.value.k === "const" && s.value.value === 0)) : items;
  return { type, stmt: { k: "init", sym, zeroFill, items: stores, pos } };
}

/** An address known at link time: a global, a string literal, plus a constant offset. */
export function addressConstant(t: TExpr): { label: string; addend: number } | undefined {
  switch (t.k) {
    case "funcref":
      return { label: t.func.label, addend: 0 };
    case "addr":
      return lvalueAddress(t.lvalue);
    case "cast":
      return t.type.kind === "ptr" ? addressConstant(t.operand) : undefined;
    case "binary": {
      if ((t.op !== "add" && t.op !== "sub") || t.right.k !== "const") return undefined;
      const base = addressConstant(t.left);
      if (!base) return undefined;
      return { label: base.label, addend: base.addend + (t.op === "add" ? t.right.value : -t.right.value) };
    }
    default:
      return undefined;
  }
}

function lvalueAddress(t: TExpr): { label: string; addend: number } | undefined {
  switch (t.k) {
    case "var":
      return t.sym.storage === "global" || t.sym.storage === "static"
        ? { label: t.sym.label, addend: 0 }
        : undefined;
    case "str":
      return { label: t.literal.label, addend: 0 };
    case "member": {
      const base = lvalueAddress(t.object);
      return base && { label: base.label, addend: base.addend + t.offset };
    }
    case "index": {
      const base = addressConstant(t.base);
      if (!base || t.index.k !== "const") return undefined;
      return { label: base.label, addend: base.addend + t.index.value * sizeOf(t.type) };
    }
    case "deref":
      return addressConstant(t.ptr);
    default:
      return undefined;
  }
}
