import { describe, expect, it } from "vitest";
import { createStore } from "../../src/app/store";

describe("app store", () => {
  const initial = () => ({ a: { n: 1 }, b: { list: [1, 2] }, c: "x" });

  it("changes state through recipes and keeps untouched slices identical", () => {
    const store = createStore(initial());
    const before = store.get();
    store.update((s) => {
      s.a.n = 2;
    });
    const after = store.get();
    expect(after.a.n).toBe(2);
    expect(after).not.toBe(before);
    expect(after.b).toBe(before.b);
    expect(before.a.n).toBe(1);
  });

  it("calls a listener only when its slice changes", () => {
    const store = createStore(initial());
    const seen: number[] = [];
    store.subscribe(
      (s) => s.a,
      (a) => seen.push(a.n),
    );
    store.update((s) => {
      s.c = "y";
    });
    store.update((s) => {
      s.a.n = 5;
    });
    store.update(() => undefined);
    expect(seen).toEqual([5]);
  });

  it("draws at once with immediate, passes the previous slice, and stops after unsubscribe", () => {
    const store = createStore(initial());
    const calls: [number, number | undefined][] = [];
    const stop = store.subscribe(
      (s) => s.a.n,
      (n, previous) => calls.push([n, previous]),
      { immediate: true },
    );
    store.update((s) => {
      s.a.n = 3;
    });
    stop();
    store.update((s) => {
      s.a.n = 4;
    });
    expect(calls).toEqual([
      [1, undefined],
      [3, 1],
    ]);
  });

  it("delivers an update made by a listener after the current round, to every listener", () => {
    const store = createStore(initial());
    const order: string[] = [];
    store.subscribe(
      (s) => s.a.n,
      (n) => {
        order.push(`first ${n}`);
        if (n === 2)
          store.update((s) => {
            s.c = "from listener";
          });
      },
    );
    store.subscribe(
      (s) => s.c,
      (c) => order.push(`second ${c}`),
    );
    store.update((s) => {
      s.a.n = 2;
    });
    expect(order).toEqual(["first 2", "second from listener"]);
  });

  it("freezes the state so a view cannot change it behind the store's back", () => {
    const store = createStore(initial());
    store.update((s) => {
      s.a.n = 9;
    });
    expect(() => {
      (store.get().a as { n: number }).n = 10;
    }).toThrow();
  });
});
