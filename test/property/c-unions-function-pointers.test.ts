/**
 * Differential tests for unions and function pointers: random programs against a reference written
 * apart from the compiler, run in a random ring.
 *
 * Unions: random writes through random members of a union of every integer view of 4 bytes, then every
 * view is printed; the reference keeps the 4 bytes and reads them back little-endian, as the machine does.
 * Function pointers: a table of random two-argument functions, called through the table, through a
 * struct member and through a parameter in a random order; the reference computes the same chain.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/toolchain/c/index";
import { runProgram } from "../support/bareHost";

function run(text: string, kernel: boolean): string[] {
  const compiled = compile(text, { file: "random.c", base: 0x1000 });
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  expect(errors, text).toEqual([]);
  const result = runProgram(compiled.image!, { mode: kernel ? "kernel" : "user", maxCycles: 4_000_000 });
  expect(result.trap, text).toBeUndefined();
  return result.output.trimEnd().split("\n");
}

// ---- Unions -------------------------------------------------------------------------------------------

/** Each member: its C declaration, element size, count, and signedness. */
const MEMBERS = [
  { name: "u", decl: "unsigned u", size: 4, count: 1, signed: false },
  { name: "i", decl: "int i", size: 4, count: 1, signed: true },
  { name: "h", decl: "unsigned short h[2]", size: 2, count: 2, signed: false },
  { name: "s", decl: "short s[2]", size: 2, count: 2, signed: true },
  { name: "b", decl: "unsigned char b[4]", size: 1, count: 4, signed: false },
  { name: "c", decl: "signed char c[4]", size: 1, count: 4, signed: true },
] as const;

const write = fc.record({
  member: fc.nat({ max: MEMBERS.length - 1 }),
  index: fc.nat({ max: 3 }),
  value: fc.integer({ min: -2147483648, max: 2147483647 }),
});

function unionReference(writes: { member: number; index: number; value: number }[]): string[] {
  const bytes = [0, 0, 0, 0];
  for (const w of writes) {
    const m = MEMBERS[w.member]!;
    const at = (w.index % m.count) * m.size;
    for (let k = 0; k < m.size; k++) bytes[at + k] = (w.value >>> (8 * k)) & 0xff;
  }
  const lines: string[] = [];
  for (const m of MEMBERS) {
    const views: number[] = [];
    for (let e = 0; e < m.count; e++) {
      let v = 0;
      for (let k = m.size - 1; k >= 0; k--) v = v * 256 + bytes[e * m.size + k]!;
      const bits = m.size * 8;
      if (m.signed && v >= 2 ** (bits - 1)) v -= 2 ** bits;
      views.push(v);
    }
    lines.push(views.join(" "));
  }
  return lines;
}

function unionSource(writes: { member: number; index: number; value: number }[]): string {
  const lines = writes.map((w) => {
    const m = MEMBERS[w.member]!;
    const target = m.count === 1 ? `x.${m.name}` : `x.${m.name}[${w.index % m.count}]`;
    return `    ${target} = ${w.value < 0 ? `(${w.value})` : `${w.value}u`};`;
  });
  for (const m of MEMBERS) {
    const items = Array.from({ length: m.count }, (_, e) =>
      m.count === 1 ? `x.${m.name}` : `x.${m.name}[${e}]`,
    );
    const format = items.map(() => (m.name === "u" ? "%u" : "%d")).join(" ");
    lines.push(`    printf("${format}\\n", ${items.join(", ")});`);
  }
  const decl = MEMBERS.map((m) => `${m.decl};`).join(" ");
  return `union view { ${decl} };\nint main(void) {\n    union view x = {0};\n${lines.join("\n")}\n    return 0;\n}\n`;
}

// ---- Function pointers --------------------------------------------------------------------------------

const OPS = ["+", "-", "*", "^", "&", "|"] as const;
type Op = (typeof OPS)[number];

function apply(op: Op, a: number, b: number): number {
  switch (op) {
    case "+":
      return (a + b) | 0;
    case "-":
      return (a - b) | 0;
    case "*":
      return Math.imul(a, b);
    case "^":
      return a ^ b;
    case "&":
      return a & b;
    case "|":
      return a | b;
  }
}

/** f(a, b) = (a OP1 k) OP2 b. */
const func = fc.record({
  op1: fc.constantFrom(...OPS),
  k: fc.integer({ min: -1000, max: 1000 }),
  op2: fc.constantFrom(...OPS),
});
type Func = typeof func extends fc.Arbitrary<infer F> ? F : never;

const call = fc.record({
  target: fc.nat({ max: 7 }),
  via: fc.constantFrom("table" as const, "member" as const, "parameter" as const, "deref" as const),
  b: fc.integer({ min: -100000, max: 100000 }),
});
type Call = typeof call extends fc.Arbitrary<infer C> ? C : never;

function pointerReference(funcs: Func[], calls: Call[]): string[] {
  let acc = 1;
  const lines: string[] = [];
  for (const c of calls) {
    const f = funcs[c.target % funcs.length]!;
    acc = apply(f.op2, apply(f.op1, acc, f.k), c.b);
    lines.push(String(acc));
  }
  return lines;
}

function pointerSource(funcs: Func[], calls: Call[]): string {
  const defs = funcs.map(
    (f, n) => `static int f${n}(int a, int b) { return (a ${f.op1} (${f.k})) ${f.op2} b; }`,
  );
  const body = calls.map((c) => {
    const n = c.target % funcs.length;
    const b = `(${c.b})`;
    const callee = {
      table: `table[${n}](acc, ${b})`,
      member: `holder.fn = table[${n}], holder.fn(acc, ${b})`,
      parameter: `through(f${n}, acc, ${b})`,
      deref: `(*table[${n}])(acc, ${b})`,
    }[c.via];
    return `    acc = (${callee});\n    printf("%d\\n", acc);`;
  });
  return [
    ...defs,
    "typedef int (*binop)(int, int);",
    `binop table[] = {${funcs.map((_, n) => `f${n}`).join(", ")}};`,
    "struct holder { binop fn; };",
    "int through(int (*f)(int, int), int a, int b) { return f(a, b); }",
    "int main(void) {",
    "    int acc = 1;",
    "    struct holder holder;",
    ...body,
    "    return 0;",
    "}",
    "",
  ].join("\n");
}

describe("driver C unions and function pointers against a reference", () => {
  it("reads back union members as the bytes say, little-endian", () => {
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 6 }), fc.boolean(), (writes, kernel) => {
        expect(run(unionSource(writes), kernel)).toEqual(unionReference(writes));
      }),
      { numRuns: 60 },
    );
  });

  it("calls through tables, members, parameters and dereferences what the reference computes", () => {
    fc.assert(
      fc.property(
        fc.array(func, { minLength: 1, maxLength: 5 }),
        fc.array(call, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (funcs, calls, kernel) => {
          expect(run(pointerSource(funcs, calls), kernel)).toEqual(pointerReference(funcs, calls));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("agrees on a known corner: 0x01020304 as bytes and halves", () => {
    expect(unionReference([{ member: 0, index: 0, value: 0x01020304 }])).toEqual([
      "16909060",
      "16909060",
      "772 258",
      "772 258",
      "4 3 2 1",
      "4 3 2 1",
    ]);
  });
});
