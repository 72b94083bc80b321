/**
 * Loop counters, PREVAIL's way of bounding loops without unrolling them, over intervals: each loop has
 * a ghost counter (trips around its back edges, 0 on entry), and a value may carry relations
 * `value = k * counter + d` with it (domain.ts). Entering a loop relates every value to the counter;
 * a back edge moves each relation by one step; a loop test that narrows one value narrows the counter
 * and through it every related value (reduce); at the back edges the counter's bound is the loop's
 * trip count.
 */
import type { Loop } from "./cfg";
import { copyState, KIND, remap, type State, type Value, withRange } from "./domain";

/** The steps a value may move by per trip for the loop counter to bound it. */
const STEPS = [1, -1, 2, -2, 4, -4, 8, -8];

/** On entering a loop from outside: the counter is 0, so every value relates to it with d = itself. */
export function enterLoop(s: State, loop: Loop): State {
  const cache = new Map<Value, Value>();
  const relate = (v: Value): Value => {
    if (v.kind === KIND.UNINIT || v.kind === KIND.RETURN || v.kind === KIND.ENTRY || Object.isFrozen(v))
      return v;
    let out = cache.get(v);
    if (!out) {
      out = withRange(v, v.lo, v.hi);
      const others = (v.rels ?? []).filter((r) => r.loop !== loop.id && !loop.drop.has(r.loop));
      out.rels = [...others, ...STEPS.map((k) => ({ loop: loop.id, k, dlo: v.lo, dhi: v.hi }))];
      cache.set(v, out);
    }
    return out;
  };
  const t = copyState(s);
  t.regs = t.regs.map(relate);
  t.stack = remap(t.stack, relate);
  // (Event cells are not related: the event does not change while the handler runs, so no event
  // value can count a loop's trips.)
  return t;
}

/** Around a back edge the counter goes up by one: value = k * counter + d keeps holding with d - k. */
export function bumpCounter(s: State, loop: Loop): State {
  const cache = new Map<Value, Value>();
  const bump = (v: Value): Value => {
    if (!v.rels?.some((r) => r.loop === loop.id)) return v;
    let out = cache.get(v);
    if (!out) {
      out = {
        ...v,
        rels: v.rels.map((r) => (r.loop === loop.id ? { ...r, dlo: r.dlo - r.k, dhi: r.dhi - r.k } : r)),
      };
      cache.set(v, out);
    }
    return out;
  };
  const t = copyState(s);
  t.regs = t.regs.map(bump);
  t.stack = remap(t.stack, bump);
  return t;
}

/** The most the loop's counter can be at a latch (before the back edge), from the values related to it. */
export function counterBound(s: State, loop: Loop): number | undefined {
  let best = Number.POSITIVE_INFINITY;
  const consider = (v: Value) => {
    if (!v.rels) return;
    for (const r of v.rels) {
      if (r.loop !== loop.id) continue;
      const bound = r.k > 0 ? Math.floor((v.hi - r.dlo) / r.k) : Math.floor((r.dhi - v.lo) / -r.k);
      if (bound < best) best = bound;
    }
  };
  for (const v of s.regs) consider(v);
  for (const v of s.stack.values()) consider(v);
  return Number.isFinite(best) ? Math.max(best, 0) : undefined;
}

/**
 * What a loop test taught about one value, passed on to the others through the loop's counter: the
 * counter is at most what any related value allows, and each related value is at most what that
 * counter allows (value = k * counter + d, counter >= 0). This is how `*p++` in a loop counted by n
 * stays in bounds.
 */
export function reduce(s: State): void {
  const limits = new Map<number, number>();
  const collect = (v: Value) => {
    if (!v.rels) return;
    for (const r of v.rels) {
      const bound = r.k > 0 ? Math.floor((v.hi - r.dlo) / r.k) : Math.floor((r.dhi - v.lo) / -r.k);
      const old = limits.get(r.loop);
      if (old === undefined || bound < old) limits.set(r.loop, bound);
    }
  };
  for (const v of s.regs) collect(v);
  for (const v of s.stack.values()) collect(v);
  if (limits.size === 0) return;
  const cache = new Map<Value, Value>();
  const tighten = (v: Value): Value => {
    if (!v.rels) return v;
    let out = cache.get(v);
    if (out) return out;
    let lo = v.lo;
    let hi = v.hi;
    for (const r of v.rels) {
      const c = limits.get(r.loop);
      if (c === undefined || c >= 0x4000_0000) continue;
      if (r.k > 0) {
        hi = Math.min(hi, r.k * c + r.dhi);
        lo = Math.max(lo, r.dlo);
      } else {
        lo = Math.max(lo, r.k * c + r.dlo);
        hi = Math.min(hi, r.dhi);
      }
    }
    out = lo === v.lo && hi === v.hi ? v : lo > hi ? v : { ...v, lo, hi };
    cache.set(v, out);
    return out;
  };
  s.regs = s.regs.map(tighten);
  s.stack = remap(s.stack, tighten);
}
