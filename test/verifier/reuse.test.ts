/**
 * The passes after the loop fixpoint (narrowing, then the checking pass) redo only the blocks whose
 * entry state changed: a block reached again with the very state of its last run gives that run's
 * result. The per-instruction log shows each instruction as often as the analysis processed it, and
 * `states` counts the same.
 */
import { describe, expect, it } from "vitest";
import { build } from "../../src/toolchain/build";
import { verify } from "../../src/verifier/verify";

const HANDLER = `#include <ringlab.h>
int table[16];
int on_event(const struct event *ev) {
  int s = 0;
  int i;
  if (ev->kind == 3) s = ev->pid & 7;
  for (i = 0; i < 16; i++) s += table[i] & 1;
  return s;
}
`;

function lineOfLog(entry: string): number {
  return Number(/handler\.c:(\d+)/.exec(entry)?.[1] ?? 0);
}

describe("the analysis reuses unchanged blocks", () => {
  const image = build("handler.c", HANDLER).image;
  if (!image) throw new Error("the handler does not build");
  const report = verify(image, { log: true });
  const log = report.log ?? [];

  it("accepts the handler", () => {
    expect(report.accepted).toBe(true);
    expect(report.loops).toBe(1);
  });

  it("processes the code before the loop once, not once per pass", () => {
    const before = log.filter((l) => lineOfLog(l) === 6);
    const distinct = new Set(before.map((l) => l.slice(0, 8)));
    expect(distinct.size).toBeGreaterThan(3);
    expect(before.length).toBe(distinct.size);
  });

  it("goes round the loop more than once, and counts every instruction it processed as a state", () => {
    const loop = log.filter((l) => lineOfLog(l) === 7);
    expect(loop.length).toBeGreaterThan(2 * new Set(loop.map((l) => l.slice(0, 8))).size);
    expect(report.states).toBe(log.length);
  });
});
