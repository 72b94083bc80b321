/**
 * Initializers, with C's rules: nested braces or brace elision, string literals for char arrays, the
 * length of `int a[] = {...}` from its initializer, and zero for everything not mentioned. Globals
 * and statics become data (constants and addresses only); locals become stores at run time.
 */
import type { Designator, Expr, Initializer } from "./ast";
import { checkExpr, constantValue, value } from "./checkExpr";
import type { Checker } from "./checker";
import { convertAs } from "./convert";
import type { Pos } from "./diagnostics";
import { constant } from "./fold";
import type { DataInit, DataItem, TExpr, TStmt, VarSymbol } from "./typed";
import { arrayOf, CHAR, type CType, findMember, INT, isScalar, sizeOf, typeToString } from "./types";

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
      this.aggregate(type, cursor, offset, true);
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

  /**
   * Fills an array, struct or union from the cursor's items (brace elision: it takes only what it
   * needs). `braced` when the items are this aggregate's own braced list: only then may a designated
   * item set where the next element goes (C: a designator belongs to its nearest braces). Returns how
   * many elements of an array it reached, for `int a[] = {...}`.
   */
  aggregate(type: CType, cursor: Cursor, offset: number, braced = false): number {
    const elements = elementsOf(type);
    const unknownLength = type.kind === "array" && type.length === undefined;
    let next = 0;
    let reached = 0;
    while (cursor.i < cursor.items.length) {
      const item = cursor.items[cursor.i]!;
      if (item.designators) {
        if (!braced) break;
        cursor.i++;
        const path = this.designate(type, item.designators[0]!);
        if (path === undefined) continue;
        const at = path[0]!;
        const element = follow(elements.at(at, offset), path.slice(1));
        this.designated(element.type, item.designators.slice(1), item, element.offset);
        next = at + 1;
        reached = Math.max(reached, next);
        // After `.a.b = x`, C would go on inside a; driver C asks for a designator there instead.
        const following = cursor.items[cursor.i];
        const inside = item.designators.length > 1 || endsInsideAnonymousStruct(type, path);
        if (inside && following && !following.designators)
          this.report(following.pos, "give this initializer a designator too: it follows a nested one");
        continue;
      }
      if (!unknownLength && next >= elements.count) break;
      const element = elements.at(next, offset);
      if (!this.positional(element, item, cursor)) break;
      next++;
      reached = Math.max(reached, next);
    }
    return reached;
  }

  /** One element from the items at the cursor; false if it took none (end of an elided aggregate). */
  private positional(element: { offset: number; type: CType }, item: Initializer, cursor: Cursor): boolean {
    if (item.kind === "list" || isScalar(element.type)) {
      cursor.i++;
      this.object(element.type, item, element.offset);
    } else if (
      element.type.kind === "array" &&
      item.kind === "expr" &&
      item.expr.kind === "str" &&
      isCharArray(element.type)
    ) {
      cursor.i++;
      this.stringInto(element.type, item.expr, element.offset);
    } else if (element.type.kind === "struct" && item.kind === "expr" && !isBraceElided(this.c, item)) {
      cursor.i++;
      this.object(element.type, item, element.offset);
    } else {
      const before = cursor.i;
      this.aggregate(element.type, cursor, element.offset);
      if (cursor.i === before) return false;
    }
    return true;
  }

  /**
   * Which element of `type` a designator names, as a path of indexes (more than one for a member
   * inside an anonymous struct or union member); undefined (reported) if none.
   */
  private designate(type: CType, d: Designator): number[] | undefined {
    if (type.kind === "array") {
      if (d.kind !== "index") {
        this.report(d.pos, `member designator '.${d.name}' in an array initializer`);
        return undefined;
      }
      const i = this.dry
        ? constantValue(checkExpr(this.c, d.index))
        : this.c.constInt(d.index, "an array designator");
      if (i === undefined) return undefined;
      if (i < 0 || (type.length !== undefined && i >= type.length)) {
        this.report(
          d.pos,
          `array designator index ${i} is outside the array (which has ${type.length ?? "?"} elements)`,
        );
        return undefined;
      }
      if (i > 0xffffff) {
        this.report(d.pos, "array designator index is too large");
        return undefined;
      }
      return [i];
    }
    if (type.kind === "struct") {
      if (d.kind !== "member") {
        this.report(d.pos, `array designator in a ${type.info.union ? "union" : "struct"} initializer`);
        return undefined;
      }
      const found = findMember(type.info, d.name);
      if (!found) this.report(d.pos, `no member named '${d.name}' in '${typeToString(type)}'`);
      return found?.path;
    }
    this.report(d.pos, `designator in the initializer of a scalar of type '${typeToString(type)}'`);
    return undefined;
  }

  /** Follows the rest of a designator chain, then initializes what it names. */
  private designated(type: CType, rest: Designator[], item: Initializer, offset: number): void {
    let t = type;
    let at = offset;
    for (const d of rest) {
      const path = this.designate(t, d);
      if (path === undefined) return;
      const element = follow({ type: t, offset: at }, path);
      t = element.type;
      at = element.offset;
    }
    const { designators: _, ...plain } = item;
    if (plain.kind === "list" || isScalar(t)) this.object(t, plain, at);
    else if (t.kind === "array" && plain.kind === "expr" && plain.expr.kind === "str" && isCharArray(t))
      this.stringInto(t, plain.expr, at);
    else if (t.kind === "struct" && plain.kind === "expr") this.object(t, plain, at);
    else this.aggregate(t, { items: [plain], i: 0 }, at);
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
  // A compound literal and a call to a function returning a struct are struct values, too.
  if (probe.kind === "compoundLiteral") return false;
  if (probe.kind === "call" && probe.callee.kind === "ident") {
    const callee = c.scopes.lookup(probe.callee.name);
    return !(callee?.kind === "func" && callee.type.ret.kind === "struct");
  }
  if (probe.kind !== "ident") return true;
  const sym = c.scopes.lookup(probe.name);
  return !(sym?.kind === "var" && sym.type.kind === "struct");
}

function isCharArray(t: CType): boolean {
  return t.kind === "array" && t.of.kind === "int" && t.of.size === 1;
}

/** An aggregate's elements by position: how many (Infinity for `T a[]`) and each one's place and type. */
/**
 * A designator path that stops inside an anonymous struct member, before its last member: C would go
 * on with the next member inside it, which driver C, as after `.a.b = x`, asks to be designated.
 */
function endsInsideAnonymousStruct(type: CType, path: readonly number[]): boolean {
  let t = type;
  for (let k = 0; k < path.length; k++) {
    if (t.kind !== "struct") return false;
    if (k > 0 && !t.info.union && path[k]! < t.info.members.length - 1) return true;
    t = t.info.members[path[k]!]!.type;
  }
  return false;
}

/** The element a path of indexes leads to from `from`, one level of elements per index. */
function follow(
  from: { type: CType; offset: number },
  path: readonly number[],
): { type: CType; offset: number } {
  let at = from;
  for (const i of path) at = elementsOf(at.type).at(i, at.offset);
  return at;
}

function elementsOf(type: CType): {
  count: number;
  at(i: number, base: number): { offset: number; type: CType };
} {
  if (type.kind === "array") {
    const size = sizeOf(type.of);
    return {
      count: type.length ?? Number.POSITIVE_INFINITY,
      at: (i, base) => ({ offset: base + i * size, type: type.of }),
    };
  }
  if (type.kind === "struct") {
    // A braced list initializes a union's first member, unless a designator names another.
    const members = type.info.members;
    const count = type.info.union ? Math.min(1, members.length) : members.length;
    return { count, at: (i, base) => ({ offset: base + members[i]!.offset, type: members[i]!.type }) };
  }
  return { count: 0, at: (_i, base) => ({ offset: base, type }) };
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
      const count = new InitBuilder(c, true).aggregate(type, { items: init.items, i: 0 }, 0, true);
      finalType = arrayOf(type.of, Math.max(count, 1));
      if (count === 0) c.error(init.pos, "an array with no size needs at least one initializer");
    } else {
      c.error(init.pos, "array with no size must be initialized with a braced list or a string literal");
      return { type: arrayOf(type.of, 1), slots: [] };
    }
  }
  builder.object(finalType, init, 0);
  return { type: finalType, slots: lastWins(builder.slots) };
}

/** With designators a place can be initialized twice: the later initializer wins, as in C. */
function lastWins(slots: Slot[]): Slot[] {
  const order = slots
    .map((slot, seq) => ({ slot, seq }))
    .sort((a, b) => a.slot.offset - b.slot.offset || a.seq - b.seq);
  const kept: { slot: Slot; seq: number }[] = [];
  for (const x of order) {
    // Drop every kept slot this one overlaps and came before it; keep this one unless a later one covers it.
    let shadowed = false;
    while (kept.length > 0) {
      const last = kept.at(-1)!;
      const overlaps = last.slot.offset + Math.max(1, sizeOf(last.slot.type)) > x.slot.offset;
      if (!overlaps) break;
      if (last.seq < x.seq) kept.pop();
      else {
        shadowed = true;
        break;
      }
    }
    if (!shadowed) kept.push(x);
  }
  if (kept.length === slots.length) return slots;
  return kept.sort((a, b) => a.seq - b.seq).map((x) => x.slot);
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
    if (v.k === "const" && size === 8) {
      // A 64-bit constant is two words, the low one first (little-endian).
      const bits = BigInt.asUintN(64, v.wide ?? BigInt(v.value));
      items.push({ offset: slot.offset, size: 4, value: Number(BigInt.asIntN(32, bits)) });
      items.push({ offset: slot.offset + 4, size: 4, value: Number(BigInt.asIntN(32, bits >> 32n)) });
      continue;
    }
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
