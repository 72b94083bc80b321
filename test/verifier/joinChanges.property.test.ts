/**
 * The loop fixpoint asks joinChanges whether joining a block's new state into its old one changes
 * anything, instead of making the join and comparing (analysis.ts): the answer must be exactly that of
 * the join it replaces, for any two states (shared values, stack and event cells present on one side
 * only, loop relations, widening), or the fixpoint would stop early or go round once more.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  equalStates,
  INT_MAX,
  INT_MIN,
  joinChanges,
  joinStates,
  KIND,
  makeValue,
  type State,
  TOP,
  UNINIT,
  type Value,
  ZERO,
} from "../../src/verifier/domain";

const bound = fc.oneof(fc.integer({ min: -6, max: 6 }), fc.constantFrom(INT_MIN, INT_MAX));
const relations = fc.option(
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.constantFrom(1, -1, 4), bound, bound), {
      maxLength: 2,
    })
    .map((rs) => rs.flatMap(([loop, k, a, b]) => [loop, k, Math.min(a, b), Math.max(a, b)])),
  { nil: undefined },
);
const fresh = fc
  .tuple(fc.constantFrom(KIND.SCALAR, KIND.STACK), bound, bound, relations, fc.boolean())
  .map(([kind, a, b, rels, nonzero]) =>
    makeValue(
      kind,
      Math.min(a, b),
      Math.max(a, b),
      undefined,
      undefined,
      rels,
      undefined,
      nonzero || undefined,
    ),
  );

/**
 * Two states drawn from one pool of values, the second one the first with a few edits (a register,
 * a cell added, changed or gone, the lowest stack offset), so that most pairs differ in one place
 * or none, the cases where a wrong answer would hide behind a change elsewhere.
 */
const statePair = fc
  .array(fresh, { minLength: 1, maxLength: 6 })
  .chain((made) => {
    const pool: Value[] = [...made, TOP, UNINIT, ZERO];
    const pick = fc.integer({ min: 0, max: pool.length - 1 }).map((i) => pool[i]);
    const key = fc.integer({ min: -4, max: 0 }).map((k) => k * 4);
    const cells = fc.array(fc.tuple(key, pick), { maxLength: 4 });
    const state = fc
      .tuple(fc.array(pick, { minLength: 16, maxLength: 16 }), cells, cells, fc.integer({ min: -16, max: 0 }))
      .map(
        ([regs, stack, event, stackLow]): State => ({
          regs,
          stack: new Map(stack),
          event: new Map(event),
          stackLow,
        }),
      );
    const edit = fc.oneof(
      fc.tuple(fc.constant("reg" as const), fc.integer({ min: 0, max: 15 }), pick),
      fc.tuple(fc.constantFrom("stack" as const, "event" as const), key, fc.option(pick, { nil: undefined })),
      fc.tuple(fc.constant("low" as const), fc.integer({ min: -16, max: 0 }), fc.constant(undefined)),
    );
    return fc.tuple(state, fc.array(edit, { maxLength: 2 }), fc.boolean(), fc.boolean(), fc.boolean());
  })
  .map(([a, edits, shareStack, shareEvent, widen]) => {
    const b: State = { ...a, regs: a.regs.slice(), stack: new Map(a.stack), event: new Map(a.event) };
    if (shareStack) b.stack = a.stack;
    if (shareEvent) b.event = a.event;
    for (const [what, at, v] of edits) {
      if (what === "reg") b.regs[at] = v as Value;
      else if (what === "low") b.stackLow = at;
      else {
        const map = new Map(what === "stack" ? b.stack : b.event);
        if (v) map.set(at, v);
        else map.delete(at);
        if (what === "stack") b.stack = map;
        else b.event = map;
      }
    }
    return { a, b, widen };
  });

describe("joinChanges", () => {
  test("says whether the join differs from the old state, exactly as making the join does", () => {
    fc.assert(
      fc.property(statePair, fc.array(bound, { maxLength: 4 }), ({ a, b, widen }, t) => {
        const thresholds = [...new Set(t)].sort((x, y) => x - y);
        const joined = joinStates(a, b, widen, thresholds);
        expect(joinChanges(a, b, widen, thresholds)).toBe(!equalStates(a, joined));
      }),
      { numRuns: 3000 },
    );
  });

  test("a state joined with itself, or with a copy of itself, changes nothing", () => {
    fc.assert(
      fc.property(statePair, ({ a }) => {
        expect(joinChanges(a, a, true)).toBe(false);
        expect(joinChanges(a, { ...a, regs: a.regs.slice(), stack: new Map(a.stack) }, false)).toBe(false);
      }),
    );
  });
});
