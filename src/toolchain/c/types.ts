/**
 * Driver C's types, as C defines them for a 32-bit machine: char 1 byte (signed), short 2, int 4,
 * long 4, long long 8 (held in a pair of registers), pointers 4. Integer promotions and the usual arithmetic conversions live here, so the checker, the
 * constant folder and the property tests' reference evaluator agree on them.
 */

export interface IntType {
  kind: "int";
  /** Bytes: 1 (char), 2 (short), 4 (int, long), 8 (long long). */
  size: 1 | 2 | 4 | 8;
  signed: boolean;
  /** Plain `char` is its own type in C, distinct from `signed char` (for pointer compatibility). */
  plainChar?: boolean;
  /** `_Bool` (`bool`): one byte holding 0 or 1; converting to it compares with 0. */
  bool?: boolean;
  isConst?: boolean;
}

export interface VoidType {
  kind: "void";
  isConst?: boolean;
}

export interface PointerType {
  kind: "ptr";
  to: CType;
  isConst?: boolean;
}

export interface ArrayType {
  kind: "array";
  of: CType;
  /** Undefined for `int a[]` before an initializer gives the length (and for parameters). */
  length: number | undefined;
  isConst?: boolean;
}

export interface StructMember {
  /** "" for an anonymous struct or union member (C11): its members are found through it. */
  name: string;
  type: CType;
  offset: number;
}

/**
 * A member by name, also one inside an anonymous struct or union member (C11 `union { int a; char
 * b[4]; };` inside a struct): its type, its offset from the start of `info`, and the indexes of the
 * members on the way (for designated initializers).
 */
export function findMember(
  info: StructInfo,
  name: string,
): { type: CType; offset: number; path: number[] } | undefined {
  const direct = info.members.findIndex((m) => m.name === name);
  if (direct >= 0) {
    const m = info.members[direct]!;
    return { type: m.type, offset: m.offset, path: [direct] };
  }
  for (let i = 0; i < info.members.length; i++) {
    const m = info.members[i]!;
    if (m.name !== "" || m.type.kind !== "struct") continue;
    const inner = findMember(m.type.info, name);
    if (inner) return { type: inner.type, offset: m.offset + inner.offset, path: [i, ...inner.path] };
  }
  return undefined;
}

/** Every member name `info` answers to, those of anonymous members included. */
export function memberNames(info: StructInfo): string[] {
  return info.members.flatMap((m) =>
    m.name === "" && m.type.kind === "struct" ? memberNames(m.type.info) : [m.name],
  );
}

/** One struct definition; every `struct tag` that names it shares this object. */
export interface StructInfo {
  tag: string | undefined;
  members: StructMember[];
  size: number;
  align: number;
  complete: boolean;
  /** A union: every member at offset 0, the size of the largest. */
  union?: boolean;
  /** A member was left out after an error: a missing member is then no news. */
  broken?: boolean;
  /** A unique number, so two anonymous structs are different types. */
  id: number;
}

export interface StructType {
  kind: "struct";
  info: StructInfo;
  isConst?: boolean;
}

export interface FuncType {
  kind: "func";
  ret: CType;
  params: CType[];
  variadic: boolean;
  isConst?: boolean;
}

export type CType = IntType | VoidType | PointerType | ArrayType | StructType | FuncType;

export const VOID: VoidType = { kind: "void" };
export const CHAR: IntType = { kind: "int", size: 1, signed: true, plainChar: true };
export const SCHAR: IntType = { kind: "int", size: 1, signed: true };
export const UCHAR: IntType = { kind: "int", size: 1, signed: false };
export const SHORT: IntType = { kind: "int", size: 2, signed: true };
export const USHORT: IntType = { kind: "int", size: 2, signed: false };
export const INT: IntType = { kind: "int", size: 4, signed: true };
export const UINT: IntType = { kind: "int", size: 4, signed: false };
export const BOOL: IntType = { kind: "int", size: 1, signed: false, bool: true };
export const LLONG: IntType = { kind: "int", size: 8, signed: true };
export const ULLONG: IntType = { kind: "int", size: 8, signed: false };

/** A 64-bit integer (`long long`): two words in memory, a pair of registers in code. */
export const isWide = (t: CType): boolean => t.kind === "int" && t.size === 8;

export const pointerTo = (to: CType): PointerType => ({ kind: "ptr", to });
export const arrayOf = (of: CType, length: number | undefined): ArrayType => ({ kind: "array", of, length });

export const isInteger = (t: CType): t is IntType => t.kind === "int";
export const isScalar = (t: CType): boolean => t.kind === "int" || t.kind === "ptr";

export function withConst<T extends CType>(t: T, isConst: boolean): T {
  if (!isConst || t.isConst) return t;
  return { ...t, isConst: true };
}

export function unqualified<T extends CType>(t: T): T {
  if (!t.isConst) return t;
  const copy = { ...t };
  delete copy.isConst;
  return copy;
}

/** How many pointer, array and function steps lead to the type's base (structs count as a base). */
export function typeDepth(t: CType): number {
  let depth = 0;
  for (let x: CType | undefined = t; x; depth++) {
    x = x.kind === "ptr" ? x.to : x.kind === "array" ? x.of : x.kind === "func" ? x.ret : undefined;
  }
  return depth;
}

/** sizeof; 0 for void and functions (the checker refuses those before asking), and for incomplete types. */
export function sizeOf(t: CType): number {
  switch (t.kind) {
    case "int":
      return t.size;
    case "ptr":
      return 4;
    case "array":
      return (t.length ?? 0) * sizeOf(t.of);
    case "struct":
      return t.info.size;
    default:
      return 0;
  }
}

export function alignOf(t: CType): number {
  switch (t.kind) {
    case "int":
      return t.size;
    case "ptr":
      return 4;
    case "array":
      return alignOf(t.of);
    case "struct":
      return t.info.align;
    default:
      return 1;
  }
}

export function isComplete(t: CType): boolean {
  if (t.kind === "void" || t.kind === "func") return false;
  if (t.kind === "array") return t.length !== undefined && isComplete(t.of);
  if (t.kind === "struct") return t.info.complete;
  return true;
}

/** C's integer promotions: anything smaller than int becomes int. */
export function promote(t: IntType): IntType {
  return t.size < 4 ? INT : unqualified(t);
}

/**
 * Where the machine wants one word (a shift count, a pointer offset, an index): the promoted type, a
 * 64-bit one cut to its low 32 bits (addresses are 32 bits; a shift count past 63 is undefined anyway).
 */
export function wordType(t: IntType): IntType {
  const p = promote(t);
  return p.size === 8 ? (p.signed ? INT : UINT) : p;
}

/** Where each argument starts among the argument words (a0..a3, then the stack): a 64-bit one takes two. */
export function argumentWords(types: readonly CType[]): number[] {
  let word = 0;
  return types.map((t) => {
    const at = word;
    word += isWide(t) ? 2 : 1;
    return at;
  });
}

/**
 * The usual arithmetic conversions: the wider type wins, and at equal width unsigned wins. A 32-bit
 * unsigned meets a signed long long as long long, which holds every value it can have (C 6.3.1.8).
 */
export function commonType(a: IntType, b: IntType): IntType {
  const pa = promote(a);
  const pb = promote(b);
  if (pa.size === 8 || pb.size === 8) {
    const unsigned = (pa.size === 8 && !pa.signed) || (pb.size === 8 && !pb.signed);
    return unsigned ? ULLONG : LLONG;
  }
  return !pa.signed || !pb.signed ? UINT : INT;
}

/** Same type, ignoring top-level const (as for assignment compatibility of pointees' qualifiers, see below). */
export function sameType(a: CType, b: CType, ignoreConst = true): boolean {
  if (!ignoreConst && Boolean(a.isConst) !== Boolean(b.isConst)) return false;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "int": {
      const bi = b as IntType;
      return (
        a.size === bi.size &&
        a.signed === bi.signed &&
        Boolean(a.plainChar) === Boolean(bi.plainChar) &&
        Boolean(a.bool) === Boolean(bi.bool)
      );
    }
    case "void":
      return true;
    case "ptr":
      return sameType(a.to, (b as PointerType).to, false);
    case "array": {
      const ba = b as ArrayType;
      return (
        (a.length === undefined || ba.length === undefined || a.length === ba.length) &&
        sameType(a.of, ba.of, false)
      );
    }
    case "struct":
      return a.info === (b as StructType).info;
    case "func": {
      const bf = b as FuncType;
      return (
        sameType(a.ret, bf.ret) &&
        a.variadic === bf.variadic &&
        a.params.length === bf.params.length &&
        a.params.every((p, i) => sameType(p, bf.params[i]!))
      );
    }
  }
}

/** The type spelled as C spells it: `int *`, `char [20]`, `struct event *`, `const char *`. */
export function typeToString(t: CType): string {
  return declare(t, "").trim();
}

/** Spells a declaration of `name` with type t: `int (*p)[3]`, `char name[32]`. */
export function declare(t: CType, name: string): string {
  const c = t.isConst ? "const " : "";
  switch (t.kind) {
    case "int":
      return `${c}${intName(t)}${name ? ` ${name}` : ""}`;
    case "void":
      return `${c}void${name ? ` ${name}` : ""}`;
    case "struct":
      return `${c}${t.info.union ? "union" : "struct"} ${t.info.tag ?? "<anonymous>"}${name ? ` ${name}` : ""}`;
    case "ptr": {
      const inner = `*${t.isConst ? "const " : ""}${name}`;
      const wrapped = t.to.kind === "array" || t.to.kind === "func" ? `(${inner})` : inner;
      return declare(t.to, wrapped);
    }
    case "array":
      return declare(t.of, `${name}[${t.length ?? ""}]`);
    case "func": {
      const params = t.params.length === 0 ? "void" : t.params.map((p) => typeToString(p)).join(", ");
      return declare(t.ret, `${name}(${params}${t.variadic ? ", ..." : ""})`);
    }
  }
}

function intName(t: IntType): string {
  if (t.bool) return "_Bool";
  if (t.size === 1) return t.plainChar ? "char" : t.signed ? "signed char" : "unsigned char";
  if (t.size === 2) return t.signed ? "short" : "unsigned short";
  if (t.size === 8) return t.signed ? "long long" : "unsigned long long";
  return t.signed ? "int" : "unsigned int";
}

/** Converts a 32-bit value (any JS number holding one) to what type t holds: truncate, then extend. */
export function convertValue(value: number, t: IntType): number {
  if (t.bool) return value !== 0 ? 1 : 0;
  if (t.size === 8) return Number(convertWide(BigInt(Math.trunc(value)), t));
  if (t.size === 1) return t.signed ? (value << 24) >> 24 : value & 0xff;
  if (t.size === 2) return t.signed ? (value << 16) >> 16 : value & 0xffff;
  return t.signed ? value | 0 : value >>> 0;
}

/** Converts any integer to what type t holds, exactly: the constant folder's arithmetic for 64 bits. */
export function convertWide(value: bigint, t: IntType): bigint {
  if (t.bool) return value !== 0n ? 1n : 0n;
  const bits = t.size * 8;
  return t.signed ? BigInt.asIntN(bits, value) : BigInt.asUintN(bits, value);
}
