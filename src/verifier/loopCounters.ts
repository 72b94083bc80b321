/**
 * Loop counters, PREVAIL's way of bounding loops without unrolling them, over intervals: each loop has
 * a ghost counter (trips around its back edges, 0 on entry), and a value may carry relations
 * `value = k * counter + d` with it (domain.ts). Entering a loop relates every value to the counter;
 * a back edge moves each relation by one step; a loop test that narrows one value narrows the counter
 * and through it every related value (reduce); at the back edges the counter's bound is the loop's
 * trip count.
 */
import type { Loop } from "./cfg";
import { copyState, KIND, RELATION, type Relations, type State, type Value, withRange } from "./domain";

/** The steps a value may move by per trip for the loop counter to bound it. */
const STEPS = [1, -1, 2, -2, 4, -4, 8, -8];

/** On entering a loop from outside: the counter is 0, so every value relates to it with d = itself. */
export function enterLoop(s: State, loop: Loop): State {
  const cache = new Map<Value, Value>();
  const t = copyState(s);
  const regs = t.regs;
  for (let i = 0; i < regs.length; i++) regs[i] = relate(regs[i], loop, cache);
  t.stack = remapWith(t.stack, relate, loop, cache);
  // (Event cells are not related: the event does not change while the handler runs, so no event
  // value can count a loop's trips.)
  return t;
}

function relate(v: Value, loop: Loop, cache: Map<Value, Value>): Value {
  if (v.kind === KIND.UNINIT || v.kind === KIND.RETURN || v.kind === KIND.ENTRY || Object.isFrozen(v))
    return v;
  let out = cache.get(v);
  if (!out) {
    out = withRange(v, v.lo, v.hi);
    const rels: number[] = [];
    const old = v.rels;
    if (old)
      for (let i = 0; i < old.length; i += RELATION)
        if (old[i] !== loop.id && !loop.drop.has(old[i]))
          rels.push(old[i], old[i + 1], old[i + 2], old[i + 3]);
    for (const k of STEPS) rels.push(loop.id, k, v.lo, v.hi);
    out.rels = rels;
    cache.set(v, out);
  }
  return out;
}

/** Around a back edge the counter goes up by one: value = k * counter + d keeps holding with d - k. */
export function bumpCounter(s: State, loop: Loop): State {
  const cache = new Map<Value, Value>();
  const t = copyState(s);
  const regs = t.regs;
  for (let i = 0; i < regs.length; i++) regs[i] = bump(regs[i], loop, cache);
  t.stack = remapWith(t.stack, bump, loop, cache);
  return t;
}

function bump(v: Value, loop: Loop, cache: Map<Value, Value>): Value {
  const rels = v.rels;
  if (!rels || !relatesTo(rels, loop.id)) return v;
  let out = cache.get(v);
  if (!out) {
    const moved = rels.slice();
    for (let i = 0; i < moved.length; i += RELATION)
      if (moved[i] === loop.id) {
        moved[i + 2] -= moved[i + 1];
        moved[i + 3] -= moved[i + 1];
      }
    out = { ...v, rels: moved };
    cache.set(v, out);
  }
  return out;
}

function relatesTo(rels: Relations, loop: number): boolean {
  for (let i = 0; i < rels.length; i += RELATION) if (rels[i] === loop) return true;
  return false;
}

/** A map with each value passed through f (with the loop and a cache); the same map if nothing changed. */
function remapWith<K>(
  map: Map<K, Value>,
  f: (v: Value, loop: Loop, cache: Map<Value, Value>) => Value,
  loop: Loop,
  cache: Map<Value, Value>,
): Map<K, Value> {
  let out: Map<K, Value> | undefined;
  map.forEach((v, k) => {
    const w = f(v, loop, cache);
    if (w !== v) {
      out ??= new Map(map);
      out.set(k, w);
    }
  });
  return out ?? map;
}

/** The bound value = k * counter + d puts on the counter (counter >= 0). */
function counterLimit(v: Value, k: number, dlo: number, dhi: number): number {
  return k > 0 ? Math.floor((v.hi - dlo) / k) : Math.floor((dhi - v.lo) / -k);
}

/** The most the loop's counter can be at a latch (before the back edge), from the values related to it. */
export function counterBound(s: State, loop: Loop): number | undefined {
  let best = Number.POSITIVE_INFINITY;
  for (const v of s.regs) best = Math.min(best, boundFrom(v, loop.id));
  s.stack.forEach((v) => {
    best = Math.min(best, boundFrom(v, loop.id));
  });
  return Number.isFinite(best) ? Math.max(best, 0) : undefined;
}

function boundFrom(v: Value, loop: number): number {
  let best = Number.POSITIVE_INFINITY;
  const rels = v.rels;
  if (rels)
    for (let i = 0; i < rels.length; i += RELATION)
      if (rels[i] === loop) best = Math.min(best, counterLimit(v, rels[i + 1], rels[i + 2], rels[i + 3]));
  return best;
}

/**
 * What a loop test taught about one value, passed on to the others through the loop's counter: the
 * counter is at most what any related value allows, and each related value is at most what that
 * counter allows (value = k * counter + d, counter >= 0). This is how `*p++` in a loop counted by n
 * stays in bounds.
 */
export function reduce(s: State): void {
  let limits: Map<number, number> | undefined;
  for (const v of s.regs) limits = collectLimits(v, limits);
  s.stack.forEach((v) => {
    limits = collectLimits(v, limits);
  });
  if (limits === undefined) return;
  const cache = new Map<Value, Value>();
  const regs = s.regs.slice();
  for (let i = 0; i < regs.length; i++) regs[i] = tighten(regs[i], limits, cache);
  s.regs = regs;
  let stack: Map<number, Value> | undefined;
  const found = limits;
  s.stack.forEach((v, k) => {
    const w = tighten(v, found, cache);
    if (w !== v) {
      stack ??= new Map(s.stack);
      stack.set(k, w);
    }
  });
  if (stack) s.stack = stack;
}

function collectLimits(v: Value, limits: Map<number, number> | undefined): Map<number, number> | undefined {
  const rels = v.rels;
  if (!rels) return limits;
  for (let i = 0; i < rels.length; i += RELATION) {
    const bound = counterLimit(v, rels[i + 1], rels[i + 2], rels[i + 3]);
    limits ??= new Map();
    const old = limits.get(rels[i]);
    if (old === undefined || bound < old) limits.set(rels[i], bound);
  }
  return limits;
}

function tighten(v: Value, limits: Map<number, number>, cache: Map<Value, Value>): Value {
  const rels = v.rels;
  if (!rels) return v;
  let out = cache.get(v);
  if (out) return out;
  let lo = v.lo;
  let hi = v.hi;
  for (let i = 0; i < rels.length; i += RELATION) {
    const c = limits.get(rels[i]);
    if (c === undefined || c >= 0x4000_0000) continue;
    const k = rels[i + 1];
    if (k > 0) {
      hi = Math.min(hi, k * c + rels[i + 3]);
      lo = Math.max(lo, rels[i + 2]);
    } else {
      lo = Math.max(lo, k * c + rels[i + 2]);
      hi = Math.min(hi, rels[i + 3]);
    }
  }
  out = lo === v.lo && hi === v.hi ? v : lo > hi ? v : { ...v, lo, hi };
  cache.set(v, out);
  return out;
}
