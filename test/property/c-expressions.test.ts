/**
 * Differential tests: random well-typed programs over int, unsigned, char, unsigned char, short and
 * unsigned short variables must compute exactly what a reference evaluator with C's 32-bit semantics
 * computes (integer promotions, the usual arithmetic conversions, unsigned comparison, division toward
 * zero, arithmetic right shift for signed values, wrap-around). The reference below is written apart
 * from the compiler on purpose: it shares no code with it.
 *
 * Undefined behaviour is kept out by construction: shift counts are masked to 0..31, divisors are
 * forced odd (so never zero), and a program that would divide INT_MIN by -1 is skipped.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/toolchain/c/index";
import { runProgram } from "../support/bareHost";
import { ASSIGN_OPS, type BinOp, type Expr, expressionArbitrary } from "../support/cExpressions";

type T = "int" | "unsigned" | "char" | "unsigned char" | "short" | "unsigned short";
const TYPES: T[] = ["int", "unsigned", "char", "unsigned char", "short", "unsigned short"];
const BITS: Record<T, number> = {
  int: 32,
  unsigned: 32,
  char: 8,
  "unsigned char": 8,
  short: 16,
  "unsigned short": 16,
};
const SIGNED: Record<T, boolean> = {
  int: true,
  unsigned: false,
  char: true,
  "unsigned char": false,
  short: true,
  "unsigned short": false,
};

/** The value a type can hold: truncate to its width, then sign- or zero-extend. */
function conv(v: number, t: T): number {
  const bits = BITS[t];
  if (bits === 32) return SIGNED[t] ? v | 0 : v >>> 0;
  const mask = 2 ** bits;
  const low = ((v % mask) + mask) % mask;
  return SIGNED[t] && low >= mask / 2 ? low - mask : low;
}

const promote = (t: T): T => (t === "unsigned" ? "unsigned" : "int");
const common = (a: T, b: T): T =>
  promote(a) === "unsigned" || promote(b) === "unsigned" ? "unsigned" : "int";

type E = Expr<T, { v: number; unsigned: boolean }>;

interface Value {
  v: number;
  t: T;
}

class UndefinedBehaviour {}

function evaluate(e: E, env: Map<string, Value>): Value {
  switch (e.k) {
    case "var":
      return env.get(e.name)!;
    case "lit":
      return { v: e.unsigned ? e.v >>> 0 : e.v, t: e.unsigned ? "unsigned" : "int" };
    case "cast": {
      const x = evaluate(e.e, env);
      return { v: conv(x.v, e.t), t: e.t };
    }
    case "un": {
      const x = evaluate(e.e, env);
      if (e.op === "!") return { v: x.v === 0 ? 1 : 0, t: "int" };
      const t = promote(x.t);
      return { v: conv(e.op === "-" ? -x.v : ~x.v, t), t };
    }
    case "cond": {
      const c = evaluate(e.c, env);
      const a = evaluate(e.a, env);
      const b = evaluate(e.b, env);
      const t = common(a.t, b.t);
      return { v: conv(c.v !== 0 ? a.v : b.v, t), t };
    }
    case "bin":
      return binary(e.op, evaluate(e.l, env), evaluate(e.r, env));
  }
}

function binary(op: BinOp, a: Value, b: Value): Value {
  if (op === "&&") return { v: a.v !== 0 && b.v !== 0 ? 1 : 0, t: "int" };
  if (op === "||") return { v: a.v !== 0 || b.v !== 0 ? 1 : 0, t: "int" };
  if (op === "<<" || op === ">>") {
    const t = promote(a.t);
    const x = conv(a.v, t);
    const n = conv(b.v, promote(b.t));
    if (n < 0 || n > 31) throw new UndefinedBehaviour();
    if (op === "<<") return { v: conv(x << n, t), t };
    return { v: t === "int" ? x >> n : x >>> n, t };
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
      return { v: conv(Math.imul(x, y), t), t };
    case "/":
    case "%":
      if (y === 0 || (t === "int" && x === -2147483648 && y === -1)) throw new UndefinedBehaviour();
      return { v: conv(op === "/" ? Math.trunc(x / y) : x % y, t), t };
    case "&":
      return { v: conv(x & y, t), t };
    case "|":
      return { v: conv(x | y, t), t };
    case "^":
      return { v: conv(x ^ y, t), t };
    case "==":
      return { v: x === y ? 1 : 0, t: "int" };
    case "!=":
      return { v: x !== y ? 1 : 0, t: "int" };
    case "<":
      return { v: x < y ? 1 : 0, t: "int" };
    case ">":
      return { v: x > y ? 1 : 0, t: "int" };
    case "<=":
      return { v: x <= y ? 1 : 0, t: "int" };
    default:
      return { v: x >= y ? 1 : 0, t: "int" };
  }
}

function show(e: E): string {
  switch (e.k) {
    case "var":
      return e.name;
    case "lit":
      return e.unsigned ? `${e.v >>> 0}u` : e.v < 0 ? `(${e.v})` : String(e.v);
    case "cast":
      return `((${e.t})${show(e.e)})`;
    case "un":
      return `(${e.op}${show(e.e)})`;
    case "cond":
      return `(${show(e.c)} ? ${show(e.a)} : ${show(e.b)})`;
    case "bin":
      if (e.op === "<<" || e.op === ">>") return `(${show(e.l)} ${e.op} (${show(e.r)} & 31))`;
      if (e.op === "/" || e.op === "%") return `(${show(e.l)} ${e.op} (${show(e.r)} | 1))`;
      return `(${show(e.l)} ${e.op} ${show(e.r)})`;
  }
}

/** The divisor and shift-count guards are part of the expression the reference must evaluate too. */
function guarded(e: E): E {
  switch (e.k) {
    case "var":
    case "lit":
      return e;
    case "cast":
      return { ...e, e: guarded(e.e) };
    case "un":
      return { ...e, e: guarded(e.e) };
    case "cond":
      return { k: "cond", c: guarded(e.c), a: guarded(e.a), b: guarded(e.b) };
    case "bin": {
      const l = guarded(e.l);
      const r = guarded(e.r);
      if (e.op === "<<" || e.op === ">>")
        return {
          k: "bin",
          op: e.op,
          l,
          r: { k: "bin", op: "&", l: r, r: { k: "lit", v: 31, unsigned: false } },
        };
      if (e.op === "/" || e.op === "%")
        return {
          k: "bin",
          op: e.op,
          l,
          r: { k: "bin", op: "|", l: r, r: { k: "lit", v: 1, unsigned: false } },
        };
      return { k: "bin", op: e.op, l, r };
    }
  }
}

const VARS = TYPES.map((t, i) => ({ name: `v${i}`, t }));

const literal: fc.Arbitrary<E> = fc.oneof(
  fc.integer({ min: -40, max: 300 }).map((v) => ({ k: "lit", v, unsigned: false }) as E),
  fc.integer({ min: -2147483647, max: 2147483647 }).map((v) => ({ k: "lit", v, unsigned: false }) as E),
  fc.nat({ max: 0xffffffff }).map((v) => ({ k: "lit", v, unsigned: true }) as E),
);

const expression = expressionArbitrary(VARS, TYPES, literal);

const program = fc.record({
  inits: fc.tuple(...VARS.map(() => fc.integer({ min: -100000, max: 100000 }))),
  steps: fc.array(
    fc.record({
      target: fc.nat({ max: VARS.length - 1 }),
      op: fc.constantFrom(...ASSIGN_OPS),
      e: expression,
    }),
    {
      minLength: 1,
      maxLength: 4,
    },
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

function source(p: Program): string {
  const lines = VARS.map((v, i) => `    ${v.t} ${v.name} = (${v.t})${p.inits[i]};`);
  for (const step of p.steps) lines.push(`    ${VARS[step.target]!.name} ${step.op} ${show(step.e)};`);
  const formats = VARS.map((v) => (v.t === "unsigned" ? "%u" : "%d")).join("\\n");
  lines.push(`    printf("${formats}\\n", ${VARS.map((v) => v.name).join(", ")});`);
  return `int main(void) {\n${lines.join("\n")}\n    return 0;\n}\n`;
}

describe("driver C against a reference evaluator", () => {
  it("computes what C's 32-bit semantics say", () => {
    fc.assert(
      fc.property(program, fc.boolean(), (p, kernel) => {
        const want = reference(p);
        fc.pre(want !== undefined);
        const text = source(p);
        const compiled = compile(text, { file: "random.c", base: 0x1000 });
        const errors = compiled.diagnostics.filter((d) => d.severity === "error");
        expect(errors, text).toEqual([]);
        const run = runProgram(compiled.image!, { mode: kernel ? "kernel" : "user", maxCycles: 2_000_000 });
        expect(run.trap, text).toBeUndefined();
        expect(run.output.trimEnd().split("\n"), text).toEqual(want);
      }),
      { numRuns: 250 },
    );
  });

  it("agrees on known corners", () => {
    // -1 < 1u is false (unsigned comparison); -7 / 2 is -3; (char)200 is -56; -16 >> 2 is -4.
    const p: Program = {
      inits: [-1, 1, 0, 0, 0, 0],
      steps: [
        {
          target: 2,
          op: "=",
          e: { k: "bin", op: "<", l: { k: "var", name: "v0" }, r: { k: "var", name: "v1" } },
        },
        { target: 3, op: "=", e: { k: "cast", t: "char", e: { k: "lit", v: 200, unsigned: false } } },
        {
          target: 4,
          op: "=",
          e: {
            k: "bin",
            op: ">>",
            l: { k: "lit", v: -16, unsigned: false },
            r: { k: "lit", v: 2, unsigned: false },
          },
        },
      ],
    };
    expect(reference(p)).toEqual(["-1", "1", "0", "200", "-4", "0"]);
  });
});
