/**
 * The abstract domain: what the analysis knows about a register or a memory cell at one point of the
 * program, on every path that reaches it.
 *
 * A value has a kind (what it may be used for) and an interval: the value itself for a scalar, the
 * byte offset from the region's start for a pointer (stack: from the stack pointer at the handler's
 * entry, so the frame is at negative offsets; event: from the event's first byte; global: from the
 * object's first byte). Values are immutable and shared: a register loaded from a stack slot holds the
 * very object the slot holds, so a branch that narrows the register narrows the slot too.
 *
 * Loop counters: for each loop, a value may carry a relation `value = k * counter + d` (k one of
 * +-1, +-2, +-4, +-8, d an interval) with the loop's ghost counter, which counts trips around the loop's back edges. A
 * loop test that bounds the value then bounds the counter: that is how a loop is proven to end, with
 * widening at loop heads and no unrolling (PREVAIL's loop counters, over intervals).
 */

export const INT_MIN = -0x8000_0000;
export const INT_MAX = 0x7fff_ffff;

export const KIND = {
  SCALAR: 0,
  /** A pointer into the driver's stack. */
  STACK: 1,
  /** A pointer into the event (read only). */
  EVENT: 2,
  /** A pointer into one of the driver's own objects (globals, string literals). */
  GLOBAL: 3,
  /** A return address: where `ret` goes back to (depth 0: the handler returns to the kernel). */
  RETURN: 4,
  /** A callee-saved register's value at entry: it may be saved and restored, never used. */
  ENTRY: 5,
  /** Nothing written yet (a register a call clobbered, a stack slot never stored). */
  UNINIT: 6,
} as const;
export type Kind = (typeof KIND)[keyof typeof KIND];

/** One of the driver's objects that a global pointer points into. */
export interface GlobalObject {
  name: string;
  start: number;
  size: number;
  writable: boolean;
  /** Element size when known from debug info (an int array: 4; a row of a two-dimensional array). */
  element?: number;
  /** A multi-dimensional array's innermost element size, when it differs from `element`: the report's
   * units for an index within a row (char value[4][8]: element 8, inner 1). */
  inner?: number;
  /** A string literal (NUL-terminated, read-only). */
  string?: boolean;
}

/**
 * A value's relations with loop counters, four numbers each: the loop, the step per trip k (+-1, 2, 4
 * or 8: a loop over an int array moves its pointer by 4), and the interval d (dlo, dhi). One flat
 * array rather than an object per relation: every value inside a loop has eight of them, and the
 * analysis keeps every state it computes, so their size is most of what the garbage collector moves.
 * Never changed in place: a changed list is a new array.
 */
export type Relations = readonly number[];
/** Numbers per relation in a Relations array: loop, k, dlo, dhi. */
export const RELATION = 4;

export interface Value {
  kind: Kind;
  lo: number;
  hi: number;
  object?: GlobalObject;
  /** RETURN: the call depth it returns from. ENTRY: the register it was in at entry. */
  tag?: number;
  rels?: Relations;
  /** The C variable (or expression) this value is, for messages. */
  name?: string;
  /** A scalar known not to be 0 (an interval cannot leave out 0 from its middle). */
  nonzero?: boolean;
}

/**
 * Every value is made here, with all its fields in one order (absent ones undefined), so that all
 * values share one hidden class: the analysis reads `lo`, `hi` and `rels` millions of times, and
 * values of many shapes (a field added here, another there) made each of those reads a slow lookup
 * and gave most values a second, out-of-object property store for the garbage collector to move.
 */
export function makeValue(
  kind: Kind,
  lo: number,
  hi: number,
  object?: GlobalObject,
  tag?: number,
  rels?: Relations,
  name?: string,
  nonzero?: boolean,
): Value {
  return { kind, lo, hi, object, tag, rels, name, nonzero };
}

/** A copy of `v` (a new identity: narrowing it narrows no other location), with the same shape. */
export function copyValue(v: Value): Value {
  return makeValue(v.kind, v.lo, v.hi, v.object, v.tag, v.rels, v.name, v.nonzero);
}

export function scalar(lo: number, hi: number, name?: string): Value {
  return makeValue(KIND.SCALAR, lo, hi, undefined, undefined, undefined, name);
}
export const TOP: Value = Object.freeze(makeValue(KIND.SCALAR, INT_MIN, INT_MAX));
export const UNINIT: Value = Object.freeze(makeValue(KIND.UNINIT, INT_MIN, INT_MAX));
export const ZERO: Value = Object.freeze(makeValue(KIND.SCALAR, 0, 0));

export function constant(v: number): Value {
  return v === 0 ? ZERO : makeValue(KIND.SCALAR, v | 0, v | 0);
}

export function isPointer(v: Value): boolean {
  return v.kind === KIND.STACK || v.kind === KIND.EVENT || v.kind === KIND.GLOBAL;
}

/** A scalar interval, clamped: anything that could wrap is the full range. */
export function interval(lo: number, hi: number, name?: string): Value {
  if (!(lo >= INT_MIN && hi <= INT_MAX) || Number.isNaN(lo) || Number.isNaN(hi))
    return name ? scalar(INT_MIN, INT_MAX, name) : TOP;
  return scalar(lo, hi, name);
}

/** The same value with a new interval, keeping kind and object (relations are dropped). */
export function withRange(v: Value, lo: number, hi: number): Value {
  return makeValue(v.kind, lo, hi, v.object, v.tag, undefined, v.name);
}

function sameRels(a: Relations | undefined, b: Relations | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function equalValues(a: Value, b: Value): boolean {
  return (
    a === b ||
    (a.kind === b.kind &&
      a.lo === b.lo &&
      a.hi === b.hi &&
      a.object === b.object &&
      a.tag === b.tag &&
      a.nonzero === b.nonzero &&
      sameRels(a.rels, b.rels))
  );
}

function joinRels(a: Relations | undefined, b: Relations | undefined, widen: boolean): Relations | undefined {
  if (!a || !b) return undefined;
  // A join that keeps every relation of `a` as it is returns `a` itself (the common case in a loop
  // that has settled) and allocates nothing.
  if (a === b) return a.length > 0 ? a : undefined;
  let out: number[] | undefined;
  for (let i = 0; i < a.length; i += RELATION) {
    const loop = a[i];
    const k = a[i + 1];
    const xlo = a[i + 2];
    const xhi = a[i + 3];
    // Lists made by the same steps keep the same order: look at the same place first.
    const j = i + 3 < b.length && b[i] === loop && b[i + 1] === k ? i : findRelation(b, loop, k);
    const ylo = j >= 0 ? b[j + 2] : 0;
    const yhi = j >= 0 ? b[j + 3] : 0;
    const dropped = j < 0 || (widen && (ylo < xlo || yhi > xhi));
    if (!dropped && ylo >= xlo && yhi <= xhi && out === undefined) continue;
    out ??= a.slice(0, i);
    if (!dropped) out.push(loop, k, Math.min(xlo, ylo), Math.max(xhi, yhi));
  }
  if (out === undefined) return a.length > 0 ? a : undefined;
  return out.length > 0 ? out : undefined;
}

/** Where the relation with `loop` and step `k` starts in `rels`, or -1. */
function findRelation(rels: Relations, loop: number, k: number): number {
  for (let i = 0; i < rels.length; i += RELATION) if (rels[i] === loop && rels[i + 1] === k) return i;
  return -1;
}

/**
 * The least value that covers both (`widen`: and that stops growing, so loops reach a fixpoint:
 * a bound that moved jumps to the end of the range).
 */
/** The threshold a widened bound jumps to: the nearest program constant past it, else the range's end. */
function widenUp(hi: number, thresholds: readonly number[], top: number): number {
  for (const t of thresholds) if (t >= hi) return Math.min(t, top);
  return top;
}
function widenDown(lo: number, thresholds: readonly number[]): number {
  for (let i = thresholds.length - 1; i >= 0; i--) if (thresholds[i] <= lo) return thresholds[i];
  return INT_MIN;
}

export function joinValues(a: Value, b: Value, widen = false, thresholds: readonly number[] = []): Value {
  if (a === b) return a;
  if (a.kind !== b.kind || a.object !== b.object || a.tag !== b.tag) {
    // Different kinds meet as "some scalar or other": never usable as a pointer.
    if (a.kind === KIND.UNINIT || b.kind === KIND.UNINIT) return UNINIT;
    return TOP;
  }
  let lo = Math.min(a.lo, b.lo);
  let hi = Math.max(a.hi, b.hi);
  if (widen) {
    if (b.lo < a.lo) lo = widenDown(b.lo, thresholds);
    if (b.hi > a.hi) hi = widenUp(b.hi, thresholds, a.kind === KIND.SCALAR ? INT_MAX : -INT_MIN);
  }
  const rels = joinRels(a.rels, b.rels, widen);
  const nonzero = a.nonzero === true && b.nonzero === true;
  if (lo === a.lo && hi === a.hi && sameRels(rels, a.rels) && nonzero === (a.nonzero === true)) return a;
  const out = withRange(a, lo, hi);
  if (a.name !== b.name) out.name = undefined;
  if (rels) out.rels = rels;
  if (nonzero) out.nonzero = true;
  return out;
}

/** Narrows a value to [lo, hi] (a scalar's value, a pointer's offset); undefined if nothing is left. */
export function meet(v: Value, lo: number, hi: number): Value | undefined {
  const nlo = Math.max(v.lo, lo);
  const nhi = Math.min(v.hi, hi);
  if (nlo > nhi) return undefined;
  if (nlo === v.lo && nhi === v.hi) return v;
  const out = withRange(v, nlo, nhi);
  if (v.rels) out.rels = v.rels;
  if (v.nonzero) out.nonzero = true;
  return out;
}

export function formatRange(v: Value): string {
  if (v.lo === v.hi) return String(v.lo);
  if (v.lo === INT_MIN && v.hi === INT_MAX) return "any value";
  if (v.hi === INT_MAX) return `${v.lo} or more`;
  if (v.lo === INT_MIN) return `${v.hi} or less`;
  return `${v.lo}..${v.hi}`;
}

// ---- States ------------------------------------------------------------------------------------------

/** A branch decision on the way here, for the report. */
export interface Decision {
  address: number;
  /** Made only when a report needs it: most decisions are never shown. */
  text: () => string;
  previous?: Decision;
}

export interface State {
  regs: Value[];
  /** Stack cells by offset (4-byte aligned words). */
  stack: Map<number, Value>;
  /** Event cells read so far, by offset, width and signedness: the event does not change during a call. */
  event: Map<number, Value>;
  /** The lowest stack offset this path has touched. */
  stackLow: number;
  trail?: Decision;
  /** The maps are shared with another state (copied on the first write: see mutableStack). */
  sharedStack?: boolean;
  sharedEvent?: boolean;
}

/** The state's stack map, made its own before a write (states share maps until one writes). */
export function mutableStack(s: State): Map<number, Value> {
  if (s.sharedStack) {
    s.stack = new Map(s.stack);
    s.sharedStack = false;
  }
  return s.stack;
}

export function mutableEvent(s: State): Map<number, Value> {
  if (s.sharedEvent) {
    s.event = new Map(s.event);
    s.sharedEvent = false;
  }
  return s.event;
}

export function copyState(s: State): State {
  return {
    regs: s.regs.slice(),
    stack: s.stack,
    event: s.event,
    sharedStack: true,
    sharedEvent: true,
    stackLow: s.stackLow,
    trail: s.trail,
  };
}

function joinMaps<K>(
  a: Map<K, Value>,
  b: Map<K, Value>,
  widen: boolean,
  missing: Value | undefined,
  cache: JoinCache,
): Map<K, Value> {
  // forEach, not for...of: an entry iterator allocates a [key, value] pair per cell.
  const out = new Map<K, Value>();
  a.forEach((x, key) => {
    const y = b.get(key);
    if (y) out.set(key, cache.join(x, y, widen));
    else if (missing) out.set(key, cache.join(x, missing, widen));
  });
  if (missing)
    b.forEach((y, key) => {
      if (!a.has(key)) out.set(key, cache.join(missing, y, widen));
    });
  return out;
}

/**
 * Joins each pair of values once, so that a register and the cell it was loaded from stay one value.
 * Pairs are few (most locations hold the same value on both sides, which needs no entry), so the first
 * ones go in a list, searched without allocating; only a join of many cells (a big local array) gets
 * a map.
 */
class JoinCache {
  private readonly pairs: Value[] = [];
  private byFirst: Map<Value, Map<Value, Value>> | undefined;
  constructor(private readonly thresholds: readonly number[]) {}
  join(a: Value, b: Value, widen: boolean): Value {
    if (a === b) return a;
    const known = this.byFirst ? this.byFirst.get(a)?.get(b) : this.listed(a, b);
    if (known) return known;
    let v = joinValues(a, b, widen, this.thresholds);
    // A shared object means "the same value on every path": a copy keeps that true when another
    // pair of values joins to the same result.
    if ((v === a || v === b) && !Object.isFrozen(v)) v = copyValue(v);
    this.remember(a, b, v);
    return v;
  }

  private listed(a: Value, b: Value): Value | undefined {
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i += 3) if (pairs[i] === a && pairs[i + 1] === b) return pairs[i + 2];
    return undefined;
  }

  private remember(a: Value, b: Value, v: Value): void {
    if (!this.byFirst && this.pairs.length < 3 * LISTED_PAIRS) {
      this.pairs.push(a, b, v);
      return;
    }
    if (!this.byFirst) {
      this.byFirst = new Map();
      for (let i = 0; i < this.pairs.length; i += 3)
        this.mapped(this.pairs[i], this.pairs[i + 1], this.pairs[i + 2]);
    }
    this.mapped(a, b, v);
  }

  private mapped(a: Value, b: Value, v: Value): void {
    const byFirst = this.byFirst as Map<Value, Map<Value, Value>>;
    let row = byFirst.get(a);
    if (!row) {
      row = new Map();
      byFirst.set(a, row);
    }
    row.set(b, v);
  }
}

/** Pairs a join keeps in its list before it moves them to a map. */
const LISTED_PAIRS = 24;

export function joinStates(a: State, b: State, widen: boolean, thresholds: readonly number[] = []): State {
  const cache = new JoinCache(thresholds);
  const regs: Value[] = new Array(a.regs.length);
  for (let i = 0; i < regs.length; i++) regs[i] = cache.join(a.regs[i], b.regs[i], widen);
  // Two paths that share a map (neither wrote to it since they parted) join to that very map, every
  // cell with itself; the joined state shares it, copying it before any write.
  const sameStack = a.stack === b.stack;
  const sameEvent = a.event === b.event;
  return {
    regs,
    stack: sameStack ? a.stack : joinMaps(a.stack, b.stack, widen, UNINIT, cache),
    // An event cell missing on one side is simply unread there: it holds the same bytes.
    event: sameEvent ? a.event : joinMaps(a.event, b.event, widen, undefined, cache),
    sharedStack: sameStack,
    sharedEvent: sameEvent,
    stackLow: Math.min(a.stackLow, b.stackLow),
    trail: a.trail ?? b.trail,
  };
}

/**
 * Whether joining `b` into `a` would give a state that differs from `a` (equalStates), found without
 * making the joined state: a loop's blocks are joined with their previous state on every visit, and
 * the last visit of each, which changes nothing, then allocates nothing. A location's join equals
 * its old value exactly when joinValues returns that value, and joinValues allocates only when it
 * does not, so this stops at the first location that changes.
 */
export function joinChanges(a: State, b: State, widen: boolean, thresholds: readonly number[] = []): boolean {
  for (let i = 0; i < a.regs.length; i++) if (changedBy(a.regs[i], b.regs[i], widen, thresholds)) return true;
  if (b.stackLow < a.stackLow) return true;
  if (a.stack !== b.stack) {
    // A cell only `b` has joins in as a new cell (a missing cell is UNINIT): the state grows.
    let changed = false;
    b.stack.forEach((_, key) => {
      if (!a.stack.has(key)) changed = true;
    });
    if (changed) return true;
    a.stack.forEach((x, key) => {
      if (!changed) changed = changedBy(x, b.stack.get(key) ?? UNINIT, widen, thresholds);
    });
    if (changed) return true;
  }
  if (a.event !== b.event) {
    // An event cell only `a` has read is dropped by the join (joinMaps keeps the cells both read).
    let changed = false;
    a.event.forEach((x, key) => {
      if (changed) return;
      const y = b.event.get(key);
      changed = y === undefined || changedBy(x, y, widen, thresholds);
    });
    if (changed) return true;
  }
  return false;
}

function changedBy(x: Value, y: Value, widen: boolean, thresholds: readonly number[]): boolean {
  return x !== y && !equalValues(x, joinValues(x, y, widen, thresholds));
}

export function equalStates(a: State, b: State): boolean {
  for (let i = 0; i < 16; i++) if (!equalValues(a.regs[i], b.regs[i])) return false;
  if (a.stack.size !== b.stack.size || a.event.size !== b.event.size) return false;
  if (a.stack !== b.stack && !sameCells(a.stack, b.stack)) return false;
  if (a.event !== b.event && !sameCells(a.event, b.event)) return false;
  return a.stackLow === b.stackLow;
}

/** Whether every cell of `a` holds an equal value in `b` (the sizes are equal). */
function sameCells<K>(a: Map<K, Value>, b: Map<K, Value>): boolean {
  let same = true;
  a.forEach((v, k) => {
    if (!same) return;
    const w = b.get(k);
    if (!w || !equalValues(v, w)) same = false;
  });
  return same;
}

/** Replaces a value everywhere it is held (registers and cells), keeping the sharing. */
export function replaceValue(s: State, from: Value, to: Value): void {
  // The frozen constants (TOP, UNINIT, ZERO) are shared by unrelated locations: never narrowed as one.
  if (Object.isFrozen(from)) return;
  for (let i = 1; i < 16; i++) if (s.regs[i] === from) s.regs[i] = to;
  s.stack.forEach((v, k) => {
    if (v === from) mutableStack(s).set(k, to);
  });
  s.event.forEach((v, k) => {
    if (v === from) mutableEvent(s).set(k, to);
  });
}

/** A value in words, for reports and the log. */
export function describeValue(v: Value): string {
  switch (v.kind) {
    case KIND.SCALAR:
      return v.name ? `${v.name} (${formatRange(v)})` : formatRange(v);
    case KIND.STACK:
      return `a pointer into the stack (offset ${formatRange(v)})`;
    case KIND.EVENT:
      return `a pointer into the event (offset ${formatRange(v)})`;
    case KIND.GLOBAL:
      return `a pointer into ${v.object?.string ? "a string literal" : v.object?.name} (offset ${formatRange(v)})`;
    case KIND.RETURN:
      return "a return address";
    case KIND.ENTRY:
      return "a saved register";
    default:
      return "no value";
  }
}
