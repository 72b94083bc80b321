// The preprocessor of driver C: conditional compilation, function-like macros with # and ##, and
// the directives it accepts and changes nothing for. Each case is the text the parser would see.
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/toolchain/c/diagnostics";
import { lex } from "../../src/toolchain/c/lexer";
import { builtinMacros, type Macro } from "../../src/toolchain/c/macroExpand";
import { type MacroTable, preprocess } from "../../src/toolchain/c/preprocess";

function expand(source: string, predefined: Macro[] = []) {
  const diags = new Diagnostics();
  const macros: MacroTable = new Map(predefined.map((m) => [m.name, m]));
  const list = preprocess(lex(source, "t.c", diags), macros, diags);
  return {
    text: list
      .map((t) => t.text)
      .join(" ")
      .trim(),
    diags: diags.list.map((d) => `${d.line}:${d.col} ${d.message}`),
  };
}

describe("conditional compilation", () => {
  it("takes the first true branch of #if/#elif/#else", () => {
    const source = (n: number) =>
      `#define N ${n}\n#if N == 1\none\n#elif N == 2\ntwo\n#elif defined(N) && N > 5\nbig\n#else\nother\n#endif`;
    expect(expand(source(1)).text).toBe("one");
    expect(expand(source(2)).text).toBe("two");
    expect(expand(source(9)).text).toBe("big");
    expect(expand(source(3)).text).toBe("other");
  });

  it("#ifdef, #ifndef and defined, with nesting inside skipped groups", () => {
    expect(expand("#define A\n#ifdef A\na\n#endif\n#ifndef A\nnot\n#endif").text).toBe("a");
    expect(expand("#if 0\n#if 1\nx\n#else\ny\n#endif\n#else\nz\n#endif").text).toBe("z");
    expect(expand("#if defined A || !defined(B)\nyes\n#endif").text).toBe("yes");
  });

  it("computes #if in 64 bits with C's operators; unknown names are 0", () => {
    expect(expand("#if (1 << 40) > 0xffffffff && -1 < 0 && -1 > 0u\nok\n#endif").text).toBe("ok");
    expect(expand("#if 7 / 2 == 3 && 7 % 2 == 1 && (2 ? 5 : 6) == 5 && 'a' == 97\nok\n#endif").text).toBe(
      "ok",
    );
    expect(expand("#if UNKNOWN\nx\n#endif").text).toBe("");
  });

  it("skips text that is not C in a false group, and reports its problems only when used", () => {
    const r = expand("#if 0\nit's 1.5 'ab'\n#endif\nx");
    expect(r).toEqual({ text: "x", diags: [] });
  });

  it("reports #error, misplaced #else and unterminated groups at the directive", () => {
    expect(expand("#error stop here\n").diags).toEqual(["1:1 #error stop here"]);
    expect(expand("#else\n").diags).toEqual(["1:1 '#else' without '#if'"]);
    expect(expand("#if 1\n#else\n#else\n#endif").diags).toEqual(["3:1 '#else' after '#else'"]);
    expect(expand("#if 1\n#if 0\n#endif\n").diags).toEqual(["1:1 unterminated '#if': no '#endif' for it"]);
    expect(expand("#if\n#endif").diags).toEqual(["1:2 #if with no condition"]);
  });

  it("does not evaluate the operand && and || skip, or the arm ?: does not take", () => {
    const skipped =
      "#if (0 && 1 / 0) == 0 && (1 || 1 % 0) && (1 ? 2 : 1 / 0) == 2 && (0 ? 1 / 0 : 3) == 3\nok\n#endif";
    expect(expand(skipped)).toEqual({ text: "ok", diags: [] });
    expect(expand("#if 1 && 1 / 0\n#endif").diags).toEqual([
      "1:12 division by zero in a preprocessor condition",
    ]);
  });

  it("accepts #line and #pragma and changes nothing", () => {
    expect(expand('#pragma once\n#line 10 "x.c"\n#pragma pack(1)\nx')).toEqual({ text: "x", diags: [] });
    expect(expand("#line x\n").diags).toEqual(["1:7 expected a line number (and a file name) after #line"]);
  });
});

describe("function-like macros", () => {
  it("substitute arguments, expanded first, inside parentheses and across lines", () => {
    expect(expand("#define MAX(a, b) ((a) > (b) ? (a) : (b))\nMAX(x, f(y, z))").text).toBe(
      "( ( x ) > ( f ( y , z ) ) ? ( x ) : ( f ( y , z ) ) )",
    );
    expect(expand("#define ONE 1\n#define ID(x) x\nID(ONE)\nID(\n2\n)").text).toBe("1 2");
    expect(expand("#define F(x) x\nF").text).toBe("F");
    expect(expand("#define Z() 0\nZ()").text).toBe("0");
  });

  it("# makes a string and ## pastes, both from the argument as written", () => {
    const r = expand('#define S(x) #x\n#define XS(x) S(x)\n#define V 3\nS(a  + "b\\n") S(V) XS(V)');
    expect(r.text).toBe('"a + \\"b\\\\n\\"" "V" "3"');
    expect(
      expand("#define CAT(a, b) a ## b\n#define V 3\nCAT(x, 1) CAT(V, V) CAT(, y) CAT(<, <=)").text,
    ).toBe("x1 VV y <<=");
  });

  it("variadic macros put the rest in __VA_ARGS__", () => {
    expect(expand("#define P(f, ...) printf(f, __VA_ARGS__)\nP(a, b, c)").text).toBe("printf ( a , b , c )");
  });

  it("never expand inside their own expansion", () => {
    expect(expand("#define f(x) x + f(x)\nf(1)").text).toBe("1 + f ( 1 )");
    expect(expand("#define a b\n#define b a\na b").text).toBe("a b");
  });

  it("report a wrong number of arguments and stand in a 0", () => {
    expect(expand("#define F(x) x\nF(1, 2)")).toEqual({
      text: "0",
      diags: ["2:1 macro 'F' takes 1 argument, but 2 were given"],
    });
  });
});

describe("__LINE__, __FILE__, #line and #pragma push_macro", () => {
  const at = builtinMacros({
    kind: "ident",
    text: "x",
    pos: { file: "t.c", line: 1, col: 1, len: 1 },
    bol: true,
  });

  it("__LINE__ and __FILE__ are where they are used, in a macro too; #line renumbers them only", () => {
    const r = expand(
      '#define HERE __LINE__\n__LINE__ __FILE__\nHERE\n#line 100 "x.c"\n__LINE__ __FILE__',
      at,
    );
    expect(r.text).toBe('2 "t.c" 3 100 "x.c"');
    // The real line stays on diagnostics: the editor shows them where the text is.
    expect(expand("#line 100\n#error here", at).diags).toEqual(["2:1 #error here"]);
    expect(expand("#define L 1000\n#line L\n__LINE__", at).text).toBe("1000");
    expect(expand("#line \\\n100\n__LINE__", at).text).toBe("100");
    expect(expand("#ifdef __LINE__\nyes\n#endif", at).text).toBe("yes");
  });

  it("push_macro saves a definition (or its absence) and pop_macro restores it", () => {
    const source = [
      "#define push_macro no_effect",
      "#define A 1",
      '#pragma push_macro("A")',
      "#undef A",
      "#define A 2",
      '#pragma push_macro("A")',
      "#undef A",
      "A",
      '#pragma pop_macro("A")',
      "A",
      '#pragma pop_macro("A")',
      "A",
      '#pragma pop_macro("A")',
      "A",
    ].join("\n");
    expect(expand(source)).toEqual({ text: "A 2 1 1", diags: [] });
    expect(expand("#pragma push_macro(A)").diags).toEqual([
      '1:9 expected #pragma push_macro("NAME"); this pragma is ignored',
    ]);
  });

  it("a name an expansion makes may call a macro that made it, with the source's parentheses", () => {
    const source = "#define CAT2(a,b) a##b\n#define CAT(a,b) CAT2(a,b)\n#define AB(x) CAT(x,y)\nCAT(A,B)(x)";
    expect(expand(source).text).toBe("xy");
    // But never inside its own expansion.
    expect(expand("#define f(x) f(x)\nf(1)").text).toBe("f ( 1 )");
  });
});

describe("bounded expansion", () => {
  it("stops a doubling macro bomb at its use, quickly", () => {
    let source = "#define A0 x\n";
    for (let i = 1; i <= 35; i++) source += `#define A${i} A${i - 1} + A${i - 1}\n`;
    source += "A35\n";
    // Before the bound this never returned (2^35 tokens); the test's own time limit catches a hang.
    expect(expand(source).diags).toEqual([
      "37:1 macro 'A35' expands to too many tokens (over 200,000 in this file)",
    ]);
  });

  it("refuses arguments nested deeper than it will recurse", () => {
    const call = `${"G(".repeat(5000)}1${")".repeat(5000)}`;
    expect(expand(`#define G(x) x\n${call}`).diags).toEqual(["2:129 macro arguments are nested too deeply"]);
  });
});
