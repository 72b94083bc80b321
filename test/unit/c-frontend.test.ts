// The front end of the driver C compiler, piece by piece: lexer, preprocessor, parser and types.
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/toolchain/c/diagnostics";
import { check } from "../../src/toolchain/c/index";
import { lex, parseNumber } from "../../src/toolchain/c/lexer";
import { parse } from "../../src/toolchain/c/parser";
import { type MacroTable, preprocess } from "../../src/toolchain/c/preprocess";
import { typeToString } from "../../src/toolchain/c/types";

function tokens(source: string) {
  const diags = new Diagnostics();
  const list = lex(source, "t.c", diags);
  return { list, diags: diags.list };
}

function expand(source: string) {
  const diags = new Diagnostics();
  const macros: MacroTable = new Map();
  const list = preprocess(lex(source, "t.c", diags), macros, diags);
  return {
    text: list
      .map((t) => t.text)
      .join(" ")
      .trim(),
    diags: diags.list.map((d) => d.message),
  };
}

/** The C type of each global a program declares, spelled as C spells it. */
function globalTypes(source: string): Record<string, string> {
  const { program, diagnostics } = check(`${source}\nint main(void) { return 0; }`, {
    file: "t.c",
    checked: false,
  });
  expect(diagnostics.list.map((d) => d.message)).toEqual([]);
  return Object.fromEntries(program.globals.map((g) => [g.name, typeToString(g.type)]));
}

describe("lexer", () => {
  it("splits source into tokens with their places", () => {
    const { list } = tokens("int x=0x1F;\n  x <<= 2;");
    expect(list.map((t) => `${t.kind}:${t.text}`)).toEqual([
      "keyword:int",
      "ident:x",
      "punct:=",
      "num:0x1F",
      "punct:;",
      "ident:x",
      "punct:<<=",
      "num:2",
      "punct:;",
      "eof:",
    ]);
    expect(list[5]!.pos).toEqual({ file: "t.c", line: 2, col: 3, len: 1 });
    expect(list.map((t) => t.bol)).toEqual([
      true,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it("reads C's integer constants", () => {
    expect(parseNumber("42")).toEqual({ value: 42, unsigned: false });
    expect(parseNumber("0x7fffffff")).toEqual({ value: 0x7fffffff, unsigned: false });
    expect(parseNumber("0xffffffff")).toEqual({ value: 0xffffffff, unsigned: true });
    expect(parseNumber("017")).toEqual({ value: 15, unsigned: false });
    expect(parseNumber("0")).toEqual({ value: 0, unsigned: false });
    expect(parseNumber("7u")).toEqual({ value: 7, unsigned: true });
    expect(parseNumber("4294967295U")).toEqual({ value: 4294967295, unsigned: true });
    // Past int, a decimal constant is long long (long is int's size); hex and octal try unsigned first.
    expect(parseNumber("2147483648")).toEqual({ value: 2147483648, unsigned: false, wide: 2147483648n });
    expect(parseNumber("0x100000000")).toEqual({ value: 2 ** 32, unsigned: false, wide: 2n ** 32n });
    expect(parseNumber("4294967296u")).toEqual({ value: 2 ** 32, unsigned: true, wide: 2n ** 32n });
    expect(parseNumber("0xffffffffffffffff")).toMatchObject({ unsigned: true, wide: 2n ** 64n - 1n });
    expect(parseNumber("9223372036854775807")).toMatchObject({ unsigned: false, wide: 2n ** 63n - 1n });
    expect(parseNumber("9223372036854775808")).toMatchObject({
      error: "integer constant '9223372036854775808' is too large for 'long long'",
    });
    expect(parseNumber("18446744073709551616u")).toMatchObject({
      error: "integer constant '18446744073709551616u' is too large for 64 bits",
    });
    expect(parseNumber("08")).toMatchObject({ error: "invalid suffix '8' on integer constant" });
    expect(parseNumber("1.5")).toMatchObject({
      error: "floating-point constants are left out of driver C by design",
    });
    expect(parseNumber("10l")).toEqual({ value: 10, unsigned: false });
    expect(parseNumber("10UL")).toEqual({ value: 10, unsigned: true });
    expect(parseNumber("10ll")).toEqual({ value: 10, unsigned: false, wide: 10n });
    expect(parseNumber("10ULL")).toEqual({ value: 10, unsigned: true, wide: 10n });
    expect(parseNumber("10llu")).toEqual({ value: 10, unsigned: true, wide: 10n });
    expect(parseNumber("10lL")).toMatchObject({ error: "invalid suffix 'lL' on integer constant" });
  });

  it("reads character constants as int, with plain char signed", () => {
    const values = tokens(String.raw`'a' '\n' '\0' '\x41' '\101' '\\' '\'' '\xff'`).list.map((t) => t.value);
    expect(values.slice(0, -1)).toEqual([97, 10, 0, 65, 65, 92, 39, -1]);
  });

  it("decodes string escapes and skips comments and line splices", () => {
    const { list } = tokens(`${String.raw`/* c */ "a\tb\x41\"" // end`}\nx\\\ny`);
    expect(list[0]!.bytes).toEqual([97, 9, 98, 65, 34]);
    expect(list.slice(1).map((t) => t.text)).toEqual(["x", "y", ""]);
  });

  it("reports bad input and carries on; a bad literal's problem waits on its token", () => {
    const { list, diags } = tokens("int $x = 'ab'; char *s = \"open\n;");
    expect(diags.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual(["1:5 unexpected character '$'"]);
    const problems = list.flatMap((t) => t.problems ?? []);
    expect(problems.map((p) => `${p.pos.line}:${p.pos.col} ${p.message}`)).toEqual([
      "1:10 multi-character character constants are not supported",
      "1:26 missing terminating '\"' character",
    ]);
    expect(list.at(-1)!.kind).toBe("eof");
  });
});

describe("preprocessor", () => {
  it("expands object-like macros, recursively but not into themselves", () => {
    expect(expand("#define A B + 1\n#define B 2\nx = A;").text).toBe("x = 2 + 1 ;");
    expect(expand("#define X X + 1\nX").text).toBe("X + 1");
    expect(expand("#define EMPTY\nint EMPTY x;").text).toBe("int x ;");
  });

  it("#undef forgets a macro; identical redefinition is allowed", () => {
    expect(expand("#define N 1\n#undef N\nN").text).toBe("N");
    expect(expand("#define N (1)\n#define N (1)\nN").diags).toEqual([]);
    expect(expand("#define N 1\n#define N 2\n").diags).toEqual([
      "macro 'N' redefined with a different value",
    ]);
  });

  it("accepts <ringlab.h> and the standard headers Ringlab provides, and refuses the rest", () => {
    expect(expand('#include <ringlab.h>\n#include "ringlab.h"\nx').diags).toEqual([]);
    expect(expand("#include <string.h>\n#include <stdint.h>\nUINT8_MAX").text).toContain("255");
    expect(expand("#include <stdio.h>\n#include <stdio.h>\nEOF").diags).toEqual([]);
    expect(expand("#include <windows.h>\n").diags).toEqual([
      "cannot include 'windows.h': a driver C program is one file, with the headers Ringlab provides",
    ]);
  });

  it("a # that does not start a line is just a token", () => {
    expect(expand("x # y").text).toBe("x # y");
  });
});

describe("parser and declarators", () => {
  it("gives declarators C's types", () => {
    expect(
      globalTypes(
        "int *a[3]; int (*b)[3]; char **c; const char *d; char *const e = 0; int f[2][5]; unsigned short g; signed char h; unsigned i;",
      ),
    ).toEqual({
      a: "int *[3]",
      b: "int (*)[3]",
      c: "char **",
      d: "const char *",
      e: "char *const",
      f: "int [2][5]",
      g: "unsigned short",
      h: "signed char",
      i: "unsigned int",
    });
  });

  it("tells typedef names from variables, scope by scope", () => {
    const source = `
typedef int T;
int a = 3;
int f(void) { T * x; int T = 2; return T * a; }
int main(void) { return f(); }`;
    const { diagnostics } = check(source, { file: "t.c", checked: false });
    expect(diagnostics.list).toEqual([]);
  });

  it("reads casts, sizeof of types and parenthesized expressions apart", () => {
    const diags = new Diagnostics();
    const unit = parse(lex("int g = (int)(1) + sizeof(int) * (2);", "t.c", diags), diags);
    expect(diags.list).toEqual([]);
    const decl = unit.items[0]!;
    expect(decl.kind).toBe("decl");
    const init = decl.kind === "decl" ? decl.declarators[0]!.init : undefined;
    expect(init?.kind === "expr" && init.expr.kind === "binary" && init.expr.op).toBe("+");
  });

  it("never throws on a syntax error, and resumes at the next statement", () => {
    const diags = new Diagnostics();
    const unit = parse(lex("int f(void) { x = ; y = 1; } int g;", "t.c", diags), diags);
    expect(diags.list.map((d) => d.message)).toEqual(["expected an expression before ';'"]);
    expect(unit.items.map((i) => i.kind)).toEqual(["func", "decl"]);
  });
});
