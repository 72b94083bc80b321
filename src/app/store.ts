/**
 * The app's state container: one immutable state tree, changed only through immer recipes, and
 * subscriptions to the slices a view draws. A listener runs only when its slice changed (by reference:
 * immer keeps untouched parts of the tree identical), so a view that draws the timeline is not
 * disturbed by the clock ticking.
 */
import { type Draft, produce } from "immer";

export type Recipe<S> = (draft: Draft<S>) => void;

export interface Store<S> {
  get(): S;
  update(recipe: Recipe<S>): void;
  /**
   * Calls `listener(slice, previous)` whenever `select(state)` changes (and once at once with
   * `immediate`); returns the unsubscribe.
   */
  subscribe<T>(
    select: (state: S) => T,
    listener: (slice: T, previous: T | undefined) => void,
    options?: { immediate?: boolean },
  ): () => void;
}

interface Subscription<S> {
  select: (state: S) => unknown;
  listener: (slice: unknown, previous: unknown) => void;
  last: unknown;
}

export function createStore<S>(initial: S): Store<S> {
  let state = initial;
  let subscriptions: Subscription<S>[] = [];
  let notifying = false;
  let dirty = false;

  const notify = () => {
    // An update made by a listener is delivered after the current round, not in the middle of it.
    if (notifying) {
      dirty = true;
      return;
    }
    notifying = true;
    try {
      do {
        dirty = false;
        for (const s of [...subscriptions]) {
          if (!subscriptions.includes(s)) continue;
          const next = s.select(state);
          if (Object.is(next, s.last)) continue;
          const previous = s.last;
          s.last = next;
          s.listener(next, previous);
        }
      } while (dirty);
    } finally {
      notifying = false;
    }
  };

  return {
    get: () => state,
    update(recipe) {
      const next = produce(state, recipe);
      if (next === state) return;
      state = next;
      notify();
    },
    subscribe(select, listener, options) {
      const s: Subscription<S> = {
        select: select as (state: S) => unknown,
        listener: listener as (slice: unknown, previous: unknown) => void,
        last: select(state),
      };
      subscriptions.push(s);
      if (options?.immediate) listener(s.last as never, undefined);
      return () => {
        subscriptions = subscriptions.filter((x) => x !== s);
      };
    },
  };
}
