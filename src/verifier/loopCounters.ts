/**
 * Loop counters, PREVAIL's way of bounding loops without unrolling them, over intervals: each loop has
 * a ghost counter (trips around its back edges, 0 on entry), and a value may carry relations
 * `value = k * counter + d` with it (domain.ts). Entering a loop relates every value to the counter;
 * a back edge moves each relation by one step; a loop test that narrows one value narrows the counter
 * and through it every related value (reduce); at the back edges the counter's bound is the loop's
 * trip count.
 */
import type { Loop } from "./cfg";
import {
  copyState,
  copyValue,
  KIND,
  RELATION,
  type Relations,
  type State,
  type Value,
  withRange,
} from "./domain";

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
    // Sized exactly before it is filled: an array grown by push keeps spare room, and every value in
    // a loop holds one of these for as long as the analysis keeps its states.
    const old = v.rels;
    let kept = 0;
    if (old) for (let i = 0; i < old.length; i += RELATION) if (keepsRelation(old[i], loop)) kept += RELATION;
    const rels = new Array<number>(kept + STEPS.length * RELATION);
    let n = 0;
    if (old)
      for (let i = 0; i < old.length; i += RELATION)
        if (keepsRelation(old[i], loop)) {
          rels[n++] = old[i];
          rels[n++] = old[i + 1];
          rels[n++] = old[i + 2];
          rels[n++] = old[i + 3];
        }
    for (const k of STEPS) {
      rels[n++] = loop.id;
      rels[n++] = k;
      rels[n++] = v.lo;
      rels[n++] = v.hi;
    }
    out.rels = rels;
    cache.set(v, out);
  }
  return out;
}

/** Whether a relation with `other` survives entering `loop` (not its own old one, not a loop left). */
function keepsRelation(other: number, loop: Loop): boolean {
  return other !== loop.id && !loop.drop.has(other);
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
    out = copyValue(v);
    out.rels = moved;
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
  // Limits as a flat list of (loop, bound) pairs, not a Map: a state relates to one or two loops, and
  // this runs on both ways out of every branch.
  let limits: number[] | undefined;
  for (const v of s.regs) limits = collectLimits(v, limits);
  s.stack.forEach((v) => {
    limits = collectLimits(v, limits);
  });
  if (limits === undefined) return;
  const found = limits;
  // Nothing is allocated until a value actually tightens (most branches tighten nothing); the cache
  // keeps a value held in several places one value.
  let cache: Map<Value, Value> | undefined;
  let regs: Value[] | undefined;
  for (let i = 0; i < s.regs.length; i++) {
    const v = s.regs[i];
    const w = cache?.get(v) ?? tighten(v, found);
    if (w === v) continue;
    cache ??= new Map();
    cache.set(v, w);
    regs ??= s.regs.slice();
    regs[i] = w;
  }
  if (regs) s.regs = regs;
  let stack: Map<number, Value> | undefined;
  s.stack.forEach((v, k) => {
    const w = cache?.get(v) ?? tighten(v, found);
    if (w === v) return;
    cache ??= new Map();
    cache.set(v, w);
    stack ??= new Map(s.stack);
    stack.set(k, w);
  });
  if (stack) s.stack = stack;
}

function collectLimits(v: Value, limits: number[] | undefined): number[] | undefined {
  const rels = v.rels;
  if (!rels) return limits;
  for (let i = 0; i < rels.length; i += RELATION) {
    const bound = counterLimit(v, rels[i + 1], rels[i + 2], rels[i + 3]);
    limits ??= [];
    const at = limitAt(limits, rels[i]);
    if (at < 0) limits.push(rels[i], bound);
    else if (bound < limits[at + 1]) limits[at + 1] = bound;
  }
  return limits;
}

/** Where the pair for `loop` is in a flat (loop, bound) list, or -1. */
function limitAt(limits: readonly number[], loop: number): number {
  for (let i = 0; i < limits.length; i += 2) if (limits[i] === loop) return i;
  return -1;
}

function tighten(v: Value, limits: readonly number[]): Value {
  const rels = v.rels;
  if (!rels) return v;
  let lo = v.lo;
  let hi = v.hi;
  for (let i = 0; i < rels.length; i += RELATION) {
    const at = limitAt(limits, rels[i]);
    if (at < 0) continue;
    const c = limits[at + 1];
    if (c >= 0x4000_0000) continue;
    const k = rels[i + 1];
    if (k > 0) {
      hi = Math.min(hi, k * c + rels[i + 3]);
      lo = Math.max(lo, rels[i + 2]);
    } else {
      lo = Math.max(lo, k * c + rels[i + 2]);
      hi = Math.min(hi, rels[i + 3]);
    }
  }
  if (lo === v.lo && hi === v.hi) return v;
  if (lo > hi) return v;
  const out = copyValue(v);
  out.lo = lo;
  out.hi = hi;
  return out;
}
