/**
 * Types as written -> types: declaration specifiers (builtin names, typedef names, struct and enum
 * definitions and references), and declarators applied to them, with C's rules for where arrays,
 * functions and pointers may appear and what driver C leaves out (function pointers, structs by value).
 */
import type { Declarator, DeclSpec, TypeName } from "./ast";
import type { Checker } from "./checker";
import { layoutStruct } from "./layout";
import {
  arrayOf,
  BOOL,
  CHAR,
  type CType,
  INT,
  isComplete,
  LLONG,
  memberNames,
  pointerTo,
  SCHAR,
  SHORT,
  type StructInfo,
  sizeOf,
  typeDepth,
  typeToString,
  UCHAR,
  UINT,
  ULLONG,
  USHORT,
  VOID,
  withConst,
} from "./types";

/** More levels of pointer, array and function than any real type has; keeps every walk over types shallow. */
const MAX_TYPE_DEPTH = 32;

const BUILTINS: Record<string, CType> = {
  void: VOID,
  char: CHAR,
  "signed char": SCHAR,
  "unsigned char": UCHAR,
  short: SHORT,
  "unsigned short": USHORT,
  int: INT,
  "unsigned int": UINT,
  "long long": LLONG,
  "unsigned long long": ULLONG,
  _Bool: BOOL,
};

export function resolveSpec(c: Checker, spec: DeclSpec): CType {
  const base = spec.base;
  let t: CType;
  switch (base.kind) {
    case "builtin":
      t = BUILTINS[base.name];
      break;
    case "typedef": {
      const sym = c.scopes.lookup(base.name);
      t = sym?.kind === "typedef" ? sym.type : INT;
      break;
    }
    case "enum":
      t = resolveEnum(c, base);
      break;
    case "struct":
      t = { kind: "struct", info: resolveStruct(c, base) };
      break;
  }
  return withConst(t, spec.isConst);
}

function resolveStruct(c: Checker, base: Extract<DeclSpec["base"], { kind: "struct" }>): StructInfo {
  const word = base.union ? "union" : "struct";
  const fresh = (): StructInfo => ({
    tag: base.tag,
    members: [],
    size: 0,
    align: 1,
    complete: false,
    union: base.union ?? false,
    id: c.uniqueId(),
  });
  if (!base.members) {
    const found = base.tag ? c.scopes.lookupTag(base.tag) : undefined;
    if (found?.kind === "struct") {
      if (Boolean(found.info.union) !== Boolean(base.union))
        c.error(
          base.pos,
          `'${base.tag}' is a ${found.info.union ? "union" : "struct"} tag, not a ${word} tag`,
        );
      return found.info;
    }
    if (found?.kind === "enum") c.error(base.pos, `'${base.tag}' is an enum tag, not a ${word} tag`);
    const info = fresh();
    if (base.tag) c.scopes.defineTag(base.tag, { kind: "struct", info });
    return info;
  }
  let info: StructInfo;
  const existing = base.tag ? c.scopes.lookupTagLocal(base.tag) : undefined;
  if (
    existing?.kind === "struct" &&
    !existing.info.complete &&
    Boolean(existing.info.union) === Boolean(base.union)
  ) {
    info = existing.info;
  } else {
    if (existing) c.error(base.pos, `redefinition of '${word} ${base.tag}'`);
    info = fresh();
    if (base.tag) c.scopes.defineTag(base.tag, { kind: "struct", info });
  }
  const members: { name: string; type: CType }[] = [];
  /** Names so far, those inside anonymous members too: C11 wants them all distinct. */
  const names = new Set<string>();
  for (const m of base.members) {
    const memberBase = resolveSpec(c, m.spec);
    if (m.declarators.length === 0 && memberBase.kind === "struct" && !memberBase.info.tag) {
      // An anonymous struct or union member (C11): its members are the enclosing one's.
      const inner = memberNames(memberBase.info);
      const clash = inner.find((n) => names.has(n));
      if (clash !== undefined) c.error(m.spec.pos, `duplicate member '${clash}'`);
      else if (memberBase.info.complete) {
        for (const n of inner) names.add(n);
        members.push({ name: "", type: memberBase });
      }
      continue;
    }
    for (const d of m.declarators) {
      const type = resolveDeclarator(c, memberBase, d, "member");
      if (!type || !d.name) continue;
      if (names.has(d.name)) c.error(d.pos, `duplicate member '${d.name}'`);
      else if (type.kind === "struct" && type.info === info)
        c.error(d.pos, `member '${d.name}' has the type of the ${word} being defined`, "use a pointer");
      else if (!isComplete(type))
        c.error(d.pos, `member '${d.name}' has incomplete type '${typeToString(type)}'`);
      else {
        names.add(d.name);
        members.push({ name: d.name, type });
      }
    }
  }
  if (base.members.length === 0 && !base.broken) c.error(base.pos, `a ${word} must have at least one member`);
  layoutStruct(info, members);
  if (base.broken) info.broken = true;
  return info;
}

function resolveEnum(c: Checker, base: Extract<DeclSpec["base"], { kind: "enum" }>): CType {
  if (!base.enumerators) {
    const found = base.tag ? c.scopes.lookupTag(base.tag) : undefined;
    // `enum E;` or `enum E *p;` before E is defined: a forward reference, which ISO C leaves out but
    // GCC and Clang accept and real code has. An enum is an int here, so nothing waits for the list.
    if (!found && base.tag) {
      c.scopes.defineTag(base.tag, { kind: "enum", forward: true });
      if (!c.forwardEnums.has(base.tag)) c.forwardEnums.set(base.tag, base.pos);
    } else if (found?.kind !== "enum") c.error(base.pos, `'${base.tag}' is a struct or union, not an enum`);
    return INT;
  }
  if (base.tag) {
    const existing = c.scopes.lookupTagLocal(base.tag);
    if (existing && !(existing.kind === "enum" && existing.forward))
      c.error(base.pos, `redefinition of 'enum ${base.tag}'`);
    c.scopes.defineTag(base.tag, { kind: "enum" });
    c.definedEnums.add(base.tag);
  }
  let next = 0;
  for (const e of base.enumerators) {
    if (e.value) {
      const v = c.constInt(e.value, "an enumerator value");
      if (v !== undefined) next = v;
    }
    if (next > 0x7fffffff || next < -0x80000000)
      c.error(e.pos, `enumerator value for '${e.name}' is too large for int`);
    c.defineOrdinary({ kind: "enumconst", name: e.name, value: next | 0, pos: e.pos });
    next = (next | 0) + 1;
  }
  return INT;
}

/** Applies a declarator to a base type; undefined after an error. */
export function resolveDeclarator(
  c: Checker,
  base: CType,
  d: Declarator,
  where: "global" | "local" | "param" | "member" | "typename" | "literal",
): CType | undefined {
  if (typeDepth(base) + d.derived.length > MAX_TYPE_DEPTH) {
    c.error(d.pos, "type is nested too deeply", "typedef chains and declarators together may have 32 levels");
    return undefined;
  }
  let t: CType = base;
  for (let i = 0; i < d.derived.length; i++) {
    const step = d.derived[i]!;
    const outer = d.derived[i + 1];
    if (step.kind === "ptr") {
      t = withConst(pointerTo(t), step.isConst);
    } else if (step.kind === "array") {
      if (step.qualified && (where !== "param" || i !== d.derived.length - 1)) {
        c.error(step.pos, "'static' and qualifiers inside '[]' belong only to a parameter's outermost array");
        return undefined;
      }
      if (t.kind === "func") {
        c.error(step.pos, "arrays of functions are not allowed");
        return undefined;
      }
      if (t.kind === "void" || !isComplete(t)) {
        c.error(step.pos, `array has incomplete element type '${typeToString(t)}'`);
        return undefined;
      }
      let length: number | undefined;
      if (step.size) {
        length = c.constInt(step.size, "an array size");
        if (length === undefined) return undefined;
        if (length <= 0) {
          c.error(
            step.size.pos,
            length === 0 ? "zero-length arrays are not supported" : "array size is negative",
          );
          return undefined;
        }
        if (length * Math.max(1, sizeOf(t)) > 0x1000000) {
          c.error(step.size.pos, "array is too large");
          return undefined;
        }
      } else if (
        i !== d.derived.length - 1 ||
        !(where === "global" || where === "local" || where === "param" || where === "literal")
      ) {
        // Only the outermost array of a variable may leave its length to the initializer.
        c.error(step.pos, "array size missing", "give the length in the brackets");
        return undefined;
      }
      t = arrayOf(t, length);
    } else {
      if (t.kind === "array") {
        c.error(step.pos, "functions cannot return arrays");
        return undefined;
      }
      if (outer && outer.kind !== "ptr") {
        c.error(step.pos, "functions cannot be declared here");
        return undefined;
      }
      const params: CType[] = [];
      for (const p of step.params) {
        const pt = paramType(c, p.spec, p.declarator);
        if (!pt) return undefined;
        params.push(pt);
      }
      t = { kind: "func", ret: t, params, variadic: step.variadic };
    }
  }
  return t;
}

/** A parameter's type, adjusted as C does: arrays become pointers. */
export function paramType(c: Checker, spec: DeclSpec, d: Declarator): CType | undefined {
  const t = resolveDeclarator(c, resolveSpec(c, spec), d, "param");
  if (!t) return undefined;
  if (t.kind === "array") return withConst(pointerTo(t.of), false);
  // A parameter declared as a function is a pointer to one, as an array is a pointer to its element.
  if (t.kind === "func") return pointerTo(t);
  if (t.kind === "void") {
    c.error(d.pos, "a parameter cannot have type 'void'", "write '(void)' for a function without parameters");
    return undefined;
  }
  if (t.kind === "struct" && !isComplete(t)) {
    c.error(d.pos, `parameter has incomplete type '${typeToString(t)}'`);
    return undefined;
  }
  return t;
}

/** A type name; a compound literal's (`where` "literal") may leave an array's length to its initializer. */
export function resolveTypeName(
  c: Checker,
  tn: TypeName,
  where: "typename" | "literal" = "typename",
): CType | undefined {
  return resolveDeclarator(c, resolveSpec(c, tn.spec), tn.declarator, where);
}
