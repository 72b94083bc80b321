// Lexer and expressions: every literal form, every operator, precedence, hi/lo, `.` and wrap-around.
import { describe, expect, it } from "vitest";
import { assemble } from "../../src/toolchain/asm";
import { lexLine } from "../../src/toolchain/asm/lexer";

/** The 32-bit word `.word expr` assembles to (unsigned), after `prelude`; it is the last word of .text. */
function word(expr: string, prelude = ""): number {
  const r = assemble(`${prelude}\n.word ${expr}\n`, { base: 0x1000 });
  expect(r.diagnostics).toEqual([]);
  const bytes = r.image!.bytes;
  const o = r.image!.sections[0]!.size - 4;
  return (bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24)) >>> 0;
}

describe("lexer", () => {
  it("splits a line into identifiers, numbers, punctuation and drops comments", () => {
    const { tokens, error } = lexLine("loop: addi a0, a0, -0x10 ; comment, ignored");
    expect(error).toBeUndefined();
    expect(tokens.map((t) => [t.kind, t.text, t.col])).toEqual([
      ["ident", "loop", 1],
      ["punct", ":", 5],
      ["ident", "addi", 7],
      ["ident", "a0", 12],
      ["punct", ",", 14],
      ["ident", "a0", 16],
      ["punct", ",", 18],
      ["punct", "-", 20],
      ["number", "0x10", 21],
    ]);
    expect(lexLine("  nop // a C++ comment").tokens.map((t) => t.text)).toEqual(["nop"]);
    expect(lexLine("a << b >> c").tokens.map((t) => t.text)).toEqual(["a", "<<", "b", ">>", "c"]);
  });

  it("reads decimal, hex and binary numbers up to 32 bits", () => {
    expect(lexLine("42 0x2A 0b101010 4294967295 0xffffffff").tokens.map((t) => t.value)).toEqual([
      42, 42, 42, 4294967295, 4294967295,
    ]);
    expect(lexLine("4294967296").error?.message).toBe("4294967296 does not fit in 32 bits");
    expect(lexLine("0x1g").error?.message).toBe("'0x1g' is not a number (write 42, 0x2a or 0b101010)");
  });

  it("decodes character literals and their escapes", () => {
    const chars = ["'a'", "'\\n'", "'\\t'", "'\\r'", "'\\0'", "'\\x41'", "'\\\\'", "'\\''", "'\"'", "'\\\"'"];
    expect(chars.map((c) => lexLine(c).tokens[0]?.value)).toEqual([97, 10, 9, 13, 0, 0x41, 92, 39, 34, 34]);
  });

  it("decodes strings with C escapes, and other characters as UTF-8", () => {
    const t = lexLine('"A\\n\\t\\r\\0\\\\\\"\\\'\\x7f é"').tokens[0]!;
    expect([...t.bytes!]).toEqual([65, 10, 9, 13, 0, 92, 34, 39, 0x7f, 32, 0xc3, 0xa9]);
  });
});

describe("expression values", () => {
  it("literals", () => {
    expect(word("1234")).toBe(1234);
    expect(word("0x1234abcd")).toBe(0x1234abcd);
    expect(word("0b1001")).toBe(9);
    expect(word("'A'")).toBe(65);
    expect(word("'\\n'")).toBe(10);
  });

  it("unary minus, complement, logical not and plus", () => {
    expect(word("-1")).toBe(0xffffffff);
    expect(word("~0x0f")).toBe(0xfffffff0);
    expect(word("!0")).toBe(1);
    expect(word("!7")).toBe(0);
    expect(word("+5")).toBe(5);
    expect(word("- -3")).toBe(3);
  });

  it("each binary operator", () => {
    expect(word("6 * 7")).toBe(42);
    expect(word("43 / 5")).toBe(8);
    expect(word("-43 / 5")).toBe(-8 >>> 0);
    expect(word("43 % 5")).toBe(3);
    expect(word("-43 % 5")).toBe(-3 >>> 0);
    expect(word("40 + 2")).toBe(42);
    expect(word("40 - 50")).toBe(-10 >>> 0);
    expect(word("1 << 4")).toBe(16);
    expect(word("0x100 >> 4")).toBe(16);
    expect(word("-16 >> 2")).toBe(-4 >>> 0); // arithmetic, like C's int
    expect(word("0xff & 0x0f")).toBe(0x0f);
    expect(word("0xf0 ^ 0xff")).toBe(0x0f);
    expect(word("0xf0 | 0x0f")).toBe(0xff);
  });

  it("C precedence and parentheses", () => {
    expect(word("2 + 3 * 4")).toBe(14);
    expect(word("(2 + 3) * 4")).toBe(20);
    expect(word("1 << 2 + 1")).toBe(8); // + binds tighter than <<
    expect(word("1 | 6 & 3")).toBe(3); // & before |
    expect(word("1 ^ 3 & 1")).toBe(0); // & before ^
    expect(word("1 | 2 ^ 3")).toBe(1); // ^ before |
    expect(word("10 - 4 - 3")).toBe(3); // left-associative
    expect(word("-2 * -3")).toBe(6);
  });

  it("hi() and lo() split a value for lui/ori", () => {
    expect(word("hi(0x12345678)")).toBe(0x1234);
    expect(word("lo(0x12345678)")).toBe(0x5678);
    expect(word("hi(-1)")).toBe(0xffff);
    expect(word("(hi(0xdeadbeef) << 16) | lo(0xdeadbeef)")).toBe(0xdeadbeef);
  });

  it("wraps around at 32 bits", () => {
    expect(word("0xffffffff + 2")).toBe(1);
    expect(word("0x80000000 * 2")).toBe(0);
    expect(word("0x10000 * 0x10000")).toBe(0);
    expect(word("(0 - 0x80000000) / -1")).toBe(0x80000000);
    expect(word("1 << 33")).toBe(2); // shift counts use the low 5 bits, like the machine
  });

  it("symbols, constants and the current address", () => {
    expect(word("N * 2", ".equ N, 21")).toBe(42);
    expect(word("M + 1", "M = 0x10")).toBe(0x11);
    expect(word("later + 1\nlater:")).toBe(0x1005); // a forward reference
    expect(word(".loop - main", "main: .space 4\n.loop:")).toBe(4); // a local label, in its scope
    expect(word("main.loop", "main: .space 4\n.loop:\nother:")).toBe(0x1004); // from anywhere, by full name
    expect(word(".", ".space 8")).toBe(0x1008);
  });

  it("division and remainder by zero are errors, not exceptions", () => {
    for (const src of [".word 1 / 0", ".word 1 % (2 - 2)", "X = 4 / 0"]) {
      const r = assemble(src);
      expect(r.image).toBeUndefined();
      expect(r.diagnostics.map((d) => d.message)).toEqual(["division by zero in an expression"]);
    }
  });
});
