/**
 * The verifier's transfer functions against the machine's semantics (src/machine/semantics.ts, the
 * ISA table's meaning): for random intervals and random values inside them, the abstract result of
 * every ALU operation contains the concrete one, and a branch refinement keeps every pair of values
 * that really goes that way (and never calls a possible way impossible).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { AluOp, BranchCondition } from "../../src/machine/isa";
import { branchTaken, evaluateAlu } from "../../src/machine/semantics";
import { INT_MAX, INT_MIN, scalar, type Value } from "../../src/verifier/domain";
import { alu, refine } from "../../src/verifier/transfer";

const OPS: AluOp[] = [
  "add",
  "sub",
  "mul",
  "div",
  "divu",
  "rem",
  "remu",
  "and",
  "or",
  "xor",
  "shl",
  "shr",
  "sar",
  "slt",
  "sltu",
];
const CONDITIONS: BranchCondition[] = ["eq", "ne", "lt", "ge", "ltu", "geu"];

const edge = fc.constantFrom(
  INT_MIN,
  INT_MIN + 1,
  -65536,
  -1,
  0,
  1,
  2,
  7,
  31,
  32,
  65535,
  INT_MAX - 1,
  INT_MAX,
);
const int32 = fc.oneof(fc.integer({ min: INT_MIN, max: INT_MAX }), fc.integer({ min: -40, max: 40 }), edge);

/** An interval and a value inside it. */
const member = fc
  .tuple(int32, int32, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean())
  .map(([a, b, t, singleton]) => {
    const lo = singleton ? a : Math.min(a, b);
    const hi = singleton ? a : Math.max(a, b);
    const x = Math.min(hi, Math.max(lo, Math.round(lo + (hi - lo) * t)));
    return { v: scalar(lo, hi) as Value, x };
  });

const contains = (v: Value, x: number) => v.lo <= x && x <= v.hi;

describe("transfer functions contain the concrete semantics", () => {
  test("ALU operations", () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPS), member, member, (op, a, b) => {
        const concrete = evaluateAlu(op, a.x, b.x);
        if (concrete === undefined) return;
        const abstract = alu(op, a.v, b.v);
        expect(
          contains(abstract, concrete),
          `${op} [${a.v.lo},${a.v.hi}]∋${a.x} [${b.v.lo},${b.v.hi}]∋${b.x} = ${concrete} ∉ [${abstract.lo},${abstract.hi}]`,
        ).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  test("branch refinement", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONDITIONS), member, member, (cond, a, b) => {
        const taken = branchTaken(cond, a.x, b.x);
        const refined = refine(cond, taken, a.v, b.v);
        expect(refined, `${cond} ${a.x} ${b.x} taken=${taken} called impossible`).toBeDefined();
        if (!refined) return;
        expect(contains(refined[0], a.x) && contains(refined[1], b.x)).toBe(true);
        // A value known not to be 0 really is not 0.
        if (refined[0].nonzero) expect(a.x).not.toBe(0);
        if (refined[1].nonzero) expect(b.x).not.toBe(0);
      }),
      { numRuns: 20_000 },
    );
  });
});
