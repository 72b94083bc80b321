/**
 * Differential tests for 64-bit arithmetic: random well-typed programs over long long, unsigned long
 * long and the 32-bit and smaller types, mixed in every operator, must compute exactly what a reference
 * evaluator in BigInt says C computes (BigInt.asIntN / asUintN for each type, C's promotions and usual
 * arithmetic conversions: a 32-bit unsigned meets a signed long long as long long). The reference
 * shares no code with the compiler, nor with c-expressions.test.ts (which covers the 32-bit types).
 *
 * Undefined behaviour is kept out by construction: shift counts are masked to the width of the
 * promoted left operand (31 or 63), divisors are forced odd, and a program that divides the most
 * negative value by -1 is skipped.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/toolchain/c/index";
import { runProgram } from "../support/bareHost";
import { ASSIGN_OPS, type BinOp, type Expr, expressionArbitrary } from "../support/cExpressions";

type T = "long long" | "unsigned long long" | "int" | "unsigned" | "short" | "unsigned char";
const TYPES: T[] = ["long long", "unsigned long long", "int", "unsigned", "short", "unsigned char"];
const BITS: Record<T, number> = {
  "long long": 64,
  "unsigned long long": 64,
  int: 32,
  unsigned: 32,
  short: 16,
  "unsigned char": 8,
};
const SIGNED: Record<T, boolean> = {
  "long long": true,
  "unsigned long long": false,
  int: true,
  unsigned: false,
  short: true,
  "unsigned char": false,
};

const conv = (v: bigint, t: T): bigint =>
  SIGNED[t] ? BigInt.asIntN(BITS[t], v) : BigInt.asUintN(BITS[t], v);
const promote = (t: T): T => (BITS[t] < 32 ? "int" : t);

/** C 6.3.1.8 for these types: the wider wins; at 64 bits unsigned wins; at 32 bits unsigned wins. */
function common(a: T, b: T): T {
  const pa = promote(a);
  const pb = promote(b);
  if (pa === "unsigned long long" || pb === "unsigned long long") return "unsigned long long";
  if (pa === "long long" || pb === "long long") return "long long";
  return pa === "unsigned" || pb === "unsigned" ? "unsigned" : "int";
}

type E = Expr<T, { v: bigint; t: T }>;

const VARS = TYPES.map((t, i) => ({ name: `v${i}`, t }));
const typeOfVar = new Map(VARS.map((v) => [v.name, v.t]));

/** An expression's C type, found statically as C does (the shift guard needs the left side's). */
function typeOf(e: E): T {
  switch (e.k) {
    case "var":
      return typeOfVar.get(e.name)!;
    case "lit":
      return e.t;
    case "cast":
      return e.t;
    case "un":
      return e.op === "!" ? "int" : promote(typeOf(e.e));
    case "cond":
      return common(typeOf(e.a), typeOf(e.b));
    case "bin":
      if (["==", "!=", "<", ">", "<=", ">=", "&&", "||"].includes(e.op)) return "int";
      if (e.op === "<<" || e.op === ">>") return promote(typeOf(e.l));
      return common(typeOf(e.l), typeOf(e.r));
  }
}

interface Value {
  v: bigint;
  t: T;
}

class UndefinedBehaviour {}

function evaluate(e: E, env: Map<string, Value>): Value {
  switch (e.k) {
    case "var":
      return env.get(e.name)!;
    case "lit":
      return { v: conv(e.v, e.t), t: e.t };
    case "cast": {
      const x = evaluate(e.e, env);
      return { v: conv(x.v, e.t), t: e.t };
    }
    case "un": {
      const x = evaluate(e.e, env);
      if (e.op === "!") return { v: x.v === 0n ? 1n : 0n, t: "int" };
      const t = promote(x.t);
      return { v: conv(e.op === "-" ? -x.v : ~x.v, t), t };
    }
    case "cond": {
      const c = evaluate(e.c, env);
      const a = evaluate(e.a, env);
      const b = evaluate(e.b, env);
      const t = common(a.t, b.t);
      return { v: conv(c.v !== 0n ? a.v : b.v, t), t };
    }
    case "bin":
      return binary(e.op, evaluate(e.l, env), evaluate(e.r, env));
  }
}

const truth = (x: boolean): Value => ({ v: x ? 1n : 0n, t: "int" });

function binary(op: BinOp, a: Value, b: Value): Value {
  if (op === "&&") return truth(a.v !== 0n && b.v !== 0n);
  if (op === "||") return truth(a.v !== 0n || b.v !== 0n);
  if (op === "<<" || op === ">>") {
    const t = promote(a.t);
    const x = conv(a.v, t);
    const n = conv(b.v, promote(b.t));
    if (n < 0n || n >= BigInt(BITS[t])) throw new UndefinedBehaviour();
    // >> of a signed value is arithmetic (BigInt's >> on the signed value), of an unsigned one logical.
    return { v: conv(op === "<<" ? x << n : x >> n, t), t };
  }
  const t = common(a.t, b.t);
  const x = conv(a.v, t);
  const y = conv(b.v, t);
  switch (op) {
    case "+":
      return { v: conv(x + y, t), t };
    case "-":
      return { v: conv(x - y, t), t };
    case "*":
      return { v: conv(x * y, t), t };
    case "/":
    case "%": {
      const min = -(2n ** BigInt(BITS[t] - 1));
      if (y === 0n || (SIGNED[t] && x === min && y === -1n)) throw new UndefinedBehaviour();
      // BigInt division truncates toward zero and % takes the dividend's sign, as C's do.
      return { v: conv(op === "/" ? x / y : x % y, t), t };
    }
    case "&":
      return { v: conv(x & y, t), t };
    case "|":
      return { v: conv(x | y, t), t };
    case "^":
      return { v: conv(x ^ y, t), t };
    case "==":
      return truth(x === y);
    case "!=":
      return truth(x !== y);
    case "<":
      return truth(x < y);
    case ">":
      return truth(x > y);
    case "<=":
      return truth(x <= y);
    default:
      return truth(x >= y);
  }
}

const SUFFIX: Record<T, string> = {
  "long long": "LL",
  "unsigned long long": "ULL",
  int: "",
  unsigned: "u",
  short: "",
  "unsigned char": "",
};

function show(e: E): string {
  switch (e.k) {
    case "var":
      return e.name;
    case "lit":
      return e.v < 0n ? `(-${-e.v}${SUFFIX[e.t]})` : `${e.v}${SUFFIX[e.t]}`;
    case "cast":
      return `((${e.t})${show(e.e)})`;
    case "un":
      return `(${e.op}${show(e.e)})`;
    case "cond":
      return `(${show(e.c)} ? ${show(e.a)} : ${show(e.b)})`;
    case "bin":
      return `(${show(e.l)} ${e.op} ${show(e.r)})`;
  }
}

const lit = (v: bigint, t: T): E => ({ k: "lit", v, t });

/** The shift-count and divisor guards, made part of the expression so the reference evaluates them too. */
function guarded(e: E): E {
  switch (e.k) {
    case "var":
    case "lit":
      return e;
    case "cast":
    case "un":
      return { ...e, e: guarded(e.e) };
    case "cond":
      return { k: "cond", c: guarded(e.c), a: guarded(e.a), b: guarded(e.b) };
    case "bin": {
      const l = guarded(e.l);
      const r = guarded(e.r);
      if (e.op === "<<" || e.op === ">>") {
        const mask = BITS[promote(typeOf(l))] - 1;
        return { k: "bin", op: e.op, l, r: { k: "bin", op: "&", l: r, r: lit(BigInt(mask), "int") } };
      }
      if (e.op === "/" || e.op === "%")
        return { k: "bin", op: e.op, l, r: { k: "bin", op: "|", l: r, r: lit(1n, "int") } };
      return { k: "bin", op: e.op, l, r };
    }
  }
}

const MAX64 = 2n ** 63n - 1n;

const literal: fc.Arbitrary<E> = fc.oneof(
  fc.bigInt({ min: -40n, max: 300n }).map((v) => lit(v, "int")),
  fc.bigInt({ min: -2147483647n, max: 2147483647n }).map((v) => lit(v, "int")),
  fc.bigInt({ min: 0n, max: 0xffffffffn }).map((v) => lit(v, "unsigned")),
  fc.bigInt({ min: -MAX64, max: MAX64 }).map((v) => lit(v, "long long")),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((v) => lit(v, "unsigned long long")),
  // Values near the 32-bit boundary, where carries and borrows cross between the halves.
  fc.bigInt({ min: 0xfffffff0n, max: 0x100000010n }).map((v) => lit(v, "long long")),
);

const expression = expressionArbitrary(VARS, TYPES, literal);

const program = fc.record({
  inits: fc.tuple(...VARS.map(() => fc.bigInt({ min: -MAX64, max: MAX64 }))),
  steps: fc.array(
    fc.record({
      target: fc.nat({ max: VARS.length - 1 }),
      op: fc.constantFrom(...ASSIGN_OPS),
      e: expression,
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

type Program = typeof program extends fc.Arbitrary<infer P> ? P : never;

/** Runs the program in the reference; undefined when it would hit undefined behaviour. */
function reference(p: Program): string[] | undefined {
  const env = new Map<string, Value>(VARS.map((v, i) => [v.name, { v: conv(p.inits[i]!, v.t), t: v.t }]));
  try {
    for (const step of p.steps) {
      const target = VARS[step.target]!;
      const value = evaluate(guarded(step.e), env);
      const old = env.get(target.name)!;
      const result = step.op === "=" ? value : binary(step.op[0] as BinOp, old, value);
      env.set(target.name, { v: conv(result.v, target.t), t: target.t });
    }
  } catch (e) {
    if (e instanceof UndefinedBehaviour) return undefined;
    throw e;
  }
  return VARS.map((v) => String(env.get(v.name)!.v));
}

const FORMAT: Record<T, string> = {
  "long long": "%lld",
  "unsigned long long": "%llu",
  int: "%d",
  unsigned: "%u",
  short: "%d",
  "unsigned char": "%d",
};

function source(p: Program): string {
  const lines = VARS.map((v, i) => `    ${v.t} ${v.name} = (${v.t})${show(lit(p.inits[i]!, "long long"))};`);
  for (const step of p.steps)
    lines.push(`    ${VARS[step.target]!.name} ${step.op} ${show(guarded(step.e))};`);
  const formats = VARS.map((v) => FORMAT[v.t]).join("\\n");
  lines.push(`    printf("${formats}\\n", ${VARS.map((v) => v.name).join(", ")});`);
  return `int main(void) {\n${lines.join("\n")}\n    return 0;\n}\n`;
}

function runSource(text: string, kernel: boolean): string[] {
  const compiled = compile(text, { file: "random.c", base: 0x1000 });
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  expect(errors, text).toEqual([]);
  const run = runProgram(compiled.image!, { mode: kernel ? "kernel" : "user", maxCycles: 5_000_000 });
  expect(run.trap, text).toBeUndefined();
  expect(run.timedOut, text).toBe(false);
  return run.output.trimEnd().split("\n");
}

describe("64-bit driver C against a BigInt reference evaluator", () => {
  it("computes what C's semantics say for long long mixed with narrower types", () => {
    fc.assert(
      fc.property(program, fc.boolean(), (p, kernel) => {
        const want = reference(p);
        fc.pre(want !== undefined);
        const text = source(p);
        expect(runSource(text, kernel), text).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it("agrees on known corners", () => {
    // unsigned meets long long as long long: (unsigned)-1 < 1LL is false; -1 < 1ULL is false (unsigned);
    // LLONG_MIN / 2 rounds toward zero; >> of a negative long long is arithmetic.
    const p: Program = {
      inits: [0n, 0n, -1n, -1n, 0n, 0n],
      steps: [
        {
          target: 0,
          op: "=",
          e: { k: "bin", op: "<", l: { k: "var", name: "v3" }, r: lit(1n, "long long") },
        },
        {
          target: 1,
          op: "=",
          e: { k: "bin", op: "<", l: { k: "var", name: "v2" }, r: lit(1n, "unsigned long long") },
        },
        {
          target: 4,
          op: "=",
          e: { k: "bin", op: ">>", l: lit(-(2n ** 40n), "long long"), r: lit(36n, "int") },
        },
      ],
    };
    const want = ["0", "0", "-1", "4294967295", "-16", "0"];
    expect(reference(p)).toEqual(want);
    expect(runSource(source(p), false)).toEqual(want);
  });
});
