/**
 * Fuzzing the compiler: random token streams and randomly mutated real programs must never make the
 * host throw, and never reach the last-resort "internal compiler error" guard either: every outcome
 * is an image or diagnostics. Mutants that still compile are run briefly, so the code generator and
 * the assembler see odd but valid programs too.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/toolchain/c/index";
import { runProgram } from "../support/bareHost";

const VOCABULARY = [
  "int",
  "char",
  "short",
  "unsigned",
  "signed",
  "void",
  "struct",
  "enum",
  "typedef",
  "static",
  "const",
  "extern",
  "if",
  "else",
  "while",
  "do",
  "for",
  "switch",
  "case",
  "default",
  "break",
  "continue",
  "return",
  "sizeof",
  "float",
  "goto",
  "union",
  "long",
  "main",
  "x",
  "y",
  "p",
  "s",
  "printf",
  "strlen",
  "NULL",
  "ev",
  "0",
  "1",
  "42",
  "0x7f",
  "4294967295u",
  "'a'",
  "'\\n'",
  '"text"',
  '"%d\\n"',
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ";",
  ",",
  ".",
  "->",
  "?",
  ":",
  "=",
  "+=",
  "<<=",
  "++",
  "--",
  "+",
  "-",
  "*",
  "/",
  "%",
  "&",
  "|",
  "^",
  "~",
  "!",
  "<<",
  ">>",
  "<",
  ">",
  "<=",
  ">=",
  "==",
  "!=",
  "&&",
  "||",
  "#define",
  "#include <ringlab.h>",
  "#if",
  "...",
  "\n",
  "\n",
  "/*",
  "*/",
  "//",
  "\\",
  "@",
  "$",
];

function ensureNoInternalError(source: string): ReturnType<typeof compile> {
  let result: ReturnType<typeof compile> | undefined;
  expect(() => {
    result = compile(source, { file: "fuzz.c", base: 0x1000 });
  }).not.toThrow();
  const internal = result!.diagnostics.filter((d) => d.message.startsWith("internal compiler error"));
  expect(internal, source).toEqual([]);
  if (!result!.image)
    expect(
      result!.diagnostics.some((d) => d.severity === "error"),
      source,
    ).toBe(true);
  return result!;
}

const CONFORMANCE = join(import.meta.dirname, "..", "c", "conformance");
const programs = readdirSync(CONFORMANCE)
  .filter((f) => f.endsWith(".c"))
  .sort()
  .map((f) => readFileSync(join(CONFORMANCE, f), "utf8"));

type Mutation =
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "replace"; at: number; text: string };

function mutate(source: string, mutations: Mutation[]): string {
  let s = source;
  for (const m of mutations) {
    const at = Math.floor(m.at * s.length);
    switch (m.kind) {
      case "delete":
        s = s.slice(0, at) + s.slice(at + m.length);
        break;
      case "insert":
        s = `${s.slice(0, at)} ${m.text} ${s.slice(at)}`;
        break;
      case "duplicate":
        s = s.slice(0, at + m.length) + s.slice(at, at + m.length) + s.slice(at + m.length);
        break;
      case "replace":
        s = `${s.slice(0, at)}${m.text}${s.slice(at + m.text.length)}`;
        break;
    }
  }
  return s;
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const token = fc.constantFrom(...VOCABULARY);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fraction, length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fraction, text: token }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fraction,
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant("replace" as const), at: fraction, text: token }),
);

describe("fuzzing the driver C compiler", () => {
  it("random token streams give diagnostics, never an exception", () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 80 }), (tokens) => {
        ensureNoInternalError(tokens.join(" "));
      }),
      { numRuns: 400 },
    );
  });

  it("random characters give diagnostics, never an exception", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        ensureNoInternalError(text);
      }),
      { numRuns: 300 },
    );
  });

  it("mutated real programs give an image or diagnostics; those that compile run", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: programs.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (index, mutations) => {
          const source = mutate(programs[index]!, mutations);
          const result = ensureNoInternalError(source);
          if (result.image) {
            const run = runProgram(result.image, { mode: "user", maxCycles: 200_000 });
            expect(run.cycles).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("pathological shapes stay values, not stack overflows", () => {
    const deep = `int main(void) { return ${"(".repeat(5000)}1${")".repeat(5000)}; }`;
    const long = `int main(void) { int x = 0; return ${"x + ".repeat(5000)}1; }`;
    const blocks = `int main(void) { ${"{".repeat(3000)}${"}".repeat(3000)} return 0; }`;
    const unary = `int main(void) { return ${"-".repeat(5000)}1; }`;
    const calls = `int f(int x) { return x; }\nint main(void) { return ${"f(".repeat(3000)}1${")".repeat(3000)}; }`;
    const conditional = `int main(void) { int x = 0; return ${"x ? 1 : ".repeat(5000)}0; }`;
    const initializer = `int a = ${"{".repeat(20000)}1${"}".repeat(20000)};\nint main(void) { return 0; }`;
    const structs = `${"struct a { ".repeat(5000)}int x;${" } y;".repeat(5000)}\nint main(void) { return 0; }`;
    const declarator = `int ${"(".repeat(20000)}x${")".repeat(20000)};\nint main(void) { return 0; }`;
    const dimensions = `int x${"[1]".repeat(20000)};\nint main(void) { return 0; }`;
    const pointers = `int ${"*".repeat(20000)}x;\nint main(void) { return 0; }`;
    const typedefs = `typedef int T0;\n${Array.from({ length: 3000 }, (_, i) => `typedef T${i} *T${i + 1};`).join("\n")}\nint main(void) { return 0; }`;
    const macros = `${Array.from({ length: 3000 }, (_, i) => `#define M${i} M${i + 1} + 1`).join("\n")}\nint main(void) { return M0; }`;
    for (const source of [
      deep,
      long,
      blocks,
      unary,
      calls,
      conditional,
      initializer,
      structs,
      declarator,
      dimensions,
      pointers,
      typedefs,
      macros,
    ]) {
      const result = ensureNoInternalError(source);
      expect(result.image).toBeUndefined();
    }
  });
});
