/**
 * Declaration specifiers (`static const unsigned char`, struct and enum definitions, typedef names)
 * and declarators (`*name[3]`, `(*p)[4]`, parameter lists): the part of C's grammar that builds types.
 */
import type {
  BaseSpec,
  BuiltinName,
  Declarator,
  DeclSpec,
  Derived,
  Enumerator,
  MemberDecl,
  ParamDecl,
  TypeName,
} from "./ast";
import type { Token } from "./lexer";
import { parseAssignment, parseConditional } from "./parseExpr";
import { IGNORED_QUALIFIERS, type Parser, SyntaxStop } from "./parser";

/** Keywords C has that driver C does not, with what to say. */
const UNSUPPORTED_TYPE_WORDS: Record<string, string> = {
  float: "floating point ('float') is left out of driver C by design",
  double: "floating point ('double') is left out of driver C by design",
  _Complex: "'_Complex' is not supported in driver C",
  _Atomic: "'_Atomic' is not supported in driver C",
  _Alignas: "'_Alignas' is not supported in driver C",
  _Thread_local: "'_Thread_local' is not supported in driver C",
};

const ARRAY_PARAMETER_WORDS = new Set(["const", "static", "volatile", "restrict"]);

/** More steps than any real declarator has (`int *a[2][3]` has three). */
const MAX_DECLARATOR_STEPS = 32;

export function parseDeclSpec(p: Parser): DeclSpec {
  const startTok = p.tok;
  let isConst = false;
  let storage: DeclSpec["storage"];
  let base: BaseSpec | undefined;
  const words: Token[] = [];
  for (;;) {
    const t = p.tok;
    if (t.kind === "keyword") {
      if (t.text === "const") {
        isConst = true;
        p.next();
        continue;
      }
      if (IGNORED_QUALIFIERS.has(t.text)) {
        p.next();
        continue;
      }
      if (t.text === "static" || t.text === "extern" || t.text === "typedef") {
        if (storage) p.fail(t, `'${t.text}' cannot be combined with '${storage}'`);
        storage = t.text;
        p.next();
        continue;
      }
      const unsupported = UNSUPPORTED_TYPE_WORDS[t.text];
      if (unsupported)
        p.fail(
          t,
          unsupported,
          t.text === "float" || t.text === "double"
            ? "kernel code avoids the FPU (its registers are not saved on entry to the kernel); use integers, e.g. thousandths"
            : undefined,
        );
      if (["void", "char", "short", "int", "long", "signed", "unsigned", "_Bool"].includes(t.text)) {
        if (base) p.fail(t, `'${t.text}' cannot be combined with the type before it`);
        words.push(p.next());
        continue;
      }
      if (t.text === "struct" || t.text === "union" || t.text === "enum") {
        if (base || words.length > 0) p.fail(t, `'${t.text}' cannot be combined with the type before it`);
        base = t.text === "enum" ? parseEnum(p) : p.nested("structs are", () => parseStruct(p));
        continue;
      }
    }
    if (t.kind === "ident" && !base && words.length === 0 && p.isTypedefName(t.text)) {
      p.next();
      base = { kind: "typedef", name: t.text, pos: t.pos };
      continue;
    }
    break;
  }
  if (!base) {
    if (words.length === 0) p.fail(p.tok, `expected a type ${p.describeHere()}`);
    base = { kind: "builtin", name: builtinName(words, p), pos: words[0]!.pos };
  }
  return { base, isConst, storage, pos: startTok.pos };
}

function parseStruct(p: Parser): BaseSpec {
  const keyword = p.next();
  let tag: string | undefined;
  if (p.tok.kind === "ident") tag = p.next().text;
  if (!p.accept("{")) {
    if (!tag) p.fail(p.tok, `expected a ${keyword.text} tag or '{' ${p.describeHere()}`);
    return { kind: "struct", tag, union: keyword.text === "union", pos: keyword.pos };
  }
  const members: MemberDecl[] = [];
  let broken = false;
  while (!p.is("}") && p.tok.kind !== "eof") {
    // A member that cannot be read is reported and skipped; the struct keeps the others, so it is
    // not "incomplete" later and code using it gets no echo of the one mistake.
    const from = p.position;
    try {
      const member = parseMember(p);
      if (member) members.push(member);
      else broken = true;
    } catch (e) {
      if (!(e instanceof SyntaxStop)) throw e;
      broken = true;
      p.recover(from, true);
      if (p.position === from) p.next();
    }
  }
  p.expect("}", `'}' to close the ${keyword.text}`);
  return { kind: "struct", tag, members, union: keyword.text === "union", broken, pos: keyword.pos };
}

/** One member declaration; undefined (reported) for one driver C leaves out, like a bit-field. */
function parseMember(p: Parser): MemberDecl | undefined {
  if (!p.startsType()) p.fail(p.tok, `expected a member declaration ${p.describeHere()}`);
  const spec = parseDeclSpec(p);
  if (spec.storage) p.fail(p.tok, `a struct member cannot be '${spec.storage}'`);
  const declarators: Declarator[] = [];
  let unsupported = false;
  if (!p.is(";")) {
    for (;;) {
      declarators.push(parseDeclarator(p, false));
      if (p.is(":")) {
        p.diags.error(p.tok.pos, "bit-fields are not supported in driver C", "use a whole int and masks");
        p.next();
        parseConditional(p);
        unsupported = true;
      }
      if (!p.accept(",")) break;
    }
  }
  p.expectSemicolon();
  return unsupported ? undefined : { spec, declarators };
}

function parseEnum(p: Parser): BaseSpec {
  const keyword = p.next();
  let tag: string | undefined;
  if (p.tok.kind === "ident") tag = p.next().text;
  if (!p.accept("{")) {
    if (!tag) p.fail(p.tok, `expected an enum tag or '{' ${p.describeHere()}`);
    return { kind: "enum", tag, pos: keyword.pos };
  }
  const enumerators: Enumerator[] = [];
  while (!p.is("}")) {
    const name = p.tok;
    if (name.kind !== "ident") p.fail(name, `expected an enumerator name ${p.describeHere()}`);
    p.next();
    p.declareName(name.text, false);
    const value = p.accept("=") ? parseConditional(p) : undefined;
    enumerators.push({ name: name.text, value, pos: name.pos });
    if (!p.accept(",")) break;
  }
  p.expect("}", "'}' to close the enum");
  return { kind: "enum", tag, enumerators, pos: keyword.pos };
}

/** A declarator; with `abstract`, the name may be missing (type names, parameters). */
export function parseDeclarator(p: Parser, abstract: boolean): Declarator {
  const pointers: Derived[] = [];
  while (p.accept("*")) {
    let isConst = false;
    while (p.tok.kind === "keyword" && (p.tok.text === "const" || IGNORED_QUALIFIERS.has(p.tok.text))) {
      if (p.next().text === "const") isConst = true;
    }
    pointers.push({ kind: "ptr", isConst });
  }
  let name: string | undefined;
  let pos = p.tok.pos;
  let inner: Derived[] = [];
  if (p.tok.kind === "ident" && !(abstract && p.isTypedefName(p.tok.text))) {
    const t = p.next();
    name = t.text;
    pos = t.pos;
  } else if (
    p.is("(") &&
    (p.peek().text === "*" || p.peek().text === "(" || p.peek().kind === "ident") &&
    !p.startsType(p.peek())
  ) {
    p.next();
    const nested = p.nested("declarators are", () => parseDeclarator(p, abstract));
    p.expect(")");
    name = nested.name;
    pos = nested.pos;
    inner = nested.derived;
  } else if (!abstract) {
    p.fail(p.tok, `expected a name ${p.describeHere()}`);
  }
  const suffixes: Derived[] = [];
  for (;;) {
    if (p.is("[")) {
      const open = p.next();
      // C99's `int x[const 5]` and `int x[static 5]` in a parameter: qualifiers of the pointer the
      // parameter becomes, and a promise about its length. Neither changes the code; both are read.
      let qualified = false;
      while (p.tok.kind === "keyword" && ARRAY_PARAMETER_WORDS.has(p.tok.text)) {
        p.next();
        qualified = true;
      }
      const size = p.is("]") ? undefined : parseAssignment(p);
      p.expect("]");
      suffixes.push(
        qualified
          ? { kind: "array", size, pos: open.pos, qualified }
          : { kind: "array", size, pos: open.pos },
      );
      continue;
    }
    if (p.is("(")) {
      suffixes.push(parseParams(p));
      continue;
    }
    break;
  }
  const derived = [...pointers, ...suffixes.reverse(), ...inner];
  if (derived.length > MAX_DECLARATOR_STEPS) p.fail(p.previous() ?? p.tok, "declarator is too complex");
  return { name, pos, derived };
}

function parseParams(p: Parser): Derived {
  const open = p.next();
  const params: ParamDecl[] = [];
  let variadic = false;
  let voidList = false;
  if (p.is("void") && p.peek().text === ")") {
    p.next();
    voidList = true;
  } else if (!p.is(")")) {
    for (;;) {
      if (p.is("...")) {
        p.next();
        variadic = true;
        break;
      }
      if (!p.startsType()) {
        const t = p.tok;
        if (t.kind === "ident") p.fail(t, `unknown type name '${t.text}'`);
        p.fail(t, `expected a parameter declaration ${p.describeHere()}`);
      }
      const spec = parseDeclSpec(p);
      const declarator = parseDeclarator(p, true);
      params.push({ spec, declarator, pos: declarator.name ? declarator.pos : spec.pos });
      if (!p.accept(",")) break;
    }
  }
  p.expect(")", "')' to close the parameter list");
  return { kind: "func", params, variadic, voidList, pos: open.pos };
}

export function parseTypeName(p: Parser): TypeName {
  const spec = parseDeclSpec(p);
  if (spec.storage) p.fail(p.tok, `a type name cannot be '${spec.storage}'`);
  const declarator = parseDeclarator(p, true);
  if (declarator.name) p.fail(p.previous() ?? p.tok, `unexpected name '${declarator.name}' in a type name`);
  return { spec, declarator, pos: spec.pos };
}

function builtinName(words: Token[], p: Parser): BuiltinName {
  // A loop, not a filter: every declaration comes through here, and a filter made an array per count.
  const count = (w: string): number => {
    let n = 0;
    for (const t of words) if (t.text === w) n++;
    return n;
  };
  const signedness = count("signed") + count("unsigned");
  const sizes = count("char") + count("short") + count("void") + Math.min(1, count("long"));
  const unsigned = count("unsigned") > 0;
  if (
    signedness > 1 ||
    sizes > 1 ||
    count("int") > 1 ||
    (count("void") && words.length > 1) ||
    (count("char") && count("int"))
  )
    p.fail(words[0]!, `invalid type '${words.map((t) => t.text).join(" ")}'`);
  if (count("long") > 2)
    p.fail(words[0]!, "'long long long' is too long: the widest integer type is 'long long' (64 bits)");
  if (count("_Bool")) {
    if (words.length > 1) p.fail(words[0]!, `invalid type '${words.map((t) => t.text).join(" ")}'`);
    return "_Bool";
  }
  if (count("void")) return "void";
  if (count("char")) return unsigned ? "unsigned char" : count("signed") ? "signed char" : "char";
  if (count("short")) return unsigned ? "unsigned short" : "short";
  // long is int's size here; long long is 64 bits.
  if (count("long") === 2) return unsigned ? "unsigned long long" : "long long";
  return unsigned ? "unsigned int" : "int";
}
