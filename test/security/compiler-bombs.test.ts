// Compiler bombs (issue 10, item 7) and hostile literals (item 8, the compiler's part): sources an
// attacker would write to hang the compiler or crash the host (the editor compiles on open, so a
// share link is enough). Each must end quickly in a located error or a good build, never in a hang
// or an "internal compiler error" at 1:1, which is what a host stack overflow became.
import { describe, expect, it } from "vitest";
import { cachedLineCount } from "../../src/toolchain/asm/parser";
import { compile } from "../../src/toolchain/c/index";

const located = (source: string) =>
  compile(source, { file: "bomb.c" }).diagnostics.map(
    (d) => `${d.line}:${d.col} ${d.severity}: ${d.message}`,
  );

const internal = (diagnostics: string[]) => diagnostics.filter((d) => d.includes("internal compiler error"));

describe("compiler bombs", () => {
  it("a doubling macro (35 levels, 2^35 tokens) stops with an error at its use", () => {
    let source = "#define A0 x\n";
    for (let i = 1; i <= 35; i++) source += `#define A${i} A${i - 1} + A${i - 1}\n`;
    source += "int main(void) { int x = 1; return A35; }\n";
    expect(located(source)).toEqual([
      "37:36 error: macro 'A35' expands to too many tokens (over 200,000 in this file)",
    ]);
  });

  it("a function-like macro nested into itself doubles no further than the budget", () => {
    let call = "1";
    for (let i = 0; i < 40; i++) call = `F(${call})`;
    const diagnostics = located(`#define F(x) x x\nint main(void) { return ${call}; }\n`);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/^2:\d+ error: macro 'F' expands to too many tokens/);
  });

  it("a function of 100,000 statements compiles without overflowing the host stack", {
    timeout: 120_000,
  }, () => {
    const body = "    x++;\n".repeat(100_000);
    const result = compile(`int main(void) {\n    int x = 0;\n${body}    return x & 255;\n}\n`);
    expect(internal(result.diagnostics.map((d) => d.message))).toEqual([]);
    expect(result.image).toBeDefined();
  });

  it("a program of 20,000 distinct lines of assembly, compiled twice, leaves the line cache within its bound", {
    timeout: 120_000,
  }, () => {
    // The assembler keeps parsed lines from one build to the next; a program made to emit only new
    // lines must not make it grow with each build.
    const body = Array.from({ length: 20_000 }, (_, i) => `    x ^= ${i * 7 + 40_000};\n`).join("");
    for (let round = 0; round < 2; round++) {
      const result = compile(`int main(void) {\n    int x = 0;\n${body}    return x & 255;\n}\n`);
      expect(result.image).toBeDefined();
      expect(cachedLineCount()).toBeLessThanOrEqual(8192);
    }
  });

  it("a printf format of 130,000 characters is checked without spreading it into a call", () => {
    const format = "a".repeat(130_000);
    expect(located(`int main(void) { printf("${format}%d\\n"); return 0; }\n`)).toEqual([
      "1:25 warning: more '%' conversions than data arguments: '%d' has no argument",
    ]);
  });

  it("an #include of a 200,000-character name is refused at its place", () => {
    const diagnostics = located(`#include "${"h".repeat(200_000)}"\nint main(void) { return 0; }\n`);
    expect(internal(diagnostics)).toEqual([]);
    expect(diagnostics[0]).toMatch(/^1:10 error: cannot include 'h+'/);
  });

  it("more tokens than any program has stop with an error where the limit is crossed", {
    timeout: 120_000,
  }, () => {
    const line = "int x = 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1;\n"; // 28 tokens
    const diagnostics = located(`${line.replace("x", "a")}${"x = 1;\n".repeat(160_000)}`);
    expect(diagnostics[0]).toMatch(
      /^\d+:\d+ error: the program is too large to compile: more than 600,000 tokens$/,
    );
    expect(diagnostics).toHaveLength(1);
  });
});

describe("hostile literals", () => {
  it("'\\777' is an octal escape out of range, not an empty character constant", () => {
    expect(located("int main(void) { return '\\777'; }\n")).toEqual([
      "1:26 error: octal escape sequence '\\777' is out of range (the largest is '\\377')",
    ]);
  });
});
