/**
 * The handler model end to end, and the verifier's limits against the kernel's (through the one
 * kernel adapter): a handler source builds into a driver that loads in kernel and user mode and runs
 * on_load once, then on_event for each event through the handler runtime.
 */
import { describe, expect, it } from "vitest";
import { build } from "../../src/toolchain/build";
import { DEFAULT_MAX_CYCLES, DEFAULT_STACK_BYTES } from "../../src/verifier/verify";
import { kernelLimits, runInKernel } from "../support/kernelAdapter";

const HANDLER = `#include <ringlab.h>
int seen[8];
int loaded;
int on_load(void) { loaded = 1; printf("loaded\\n"); return 0; }
int on_event(const struct event *ev) {
  if (ev->kind >= 0 && ev->kind < 8) seen[ev->kind]++;
  printf("event %d (%d so far) loaded=%d\\n", ev->kind, seen[ev->kind & 7], loaded);
  return ev->kind == 2;
}
`;
const EVENTS = [
  { at: 1000, kind: 1, pid: 5, name: "a", arg: "" },
  { at: 2000, kind: 2, pid: 6, name: "b", arg: "" },
  { at: 3000, kind: 1, pid: 7, name: "c", arg: "" },
];

describe("the handler runtime", () => {
  it("adds main (calling on_load, then on_event per event) only to handlers without one", () => {
    const handler = build("h.c", HANDLER).image;
    expect(handler?.symbols.some((s) => s.name === "main")).toBe(true);
    expect(handler?.sourceMap.some((l) => l.file === "handler.c")).toBe(true);
    const plain = build("p.c", "int main(void) { return 0; }").image;
    expect(plain?.sourceMap.some((l) => l.file === "handler.c")).toBe(false);
  });

  it.each(["kernel", "user"] as const)("runs the same handler source in %s mode", (mode) => {
    const run = runInKernel("h.c", HANDLER, mode, EVENTS);
    expect(run.bugcheck).toBeUndefined();
    // The console may prefix a line with the shell's prompt or the driver's name.
    const lines = run.output.split("\n").map((l) => l.replace(/^(\$ )?(\S+: )?/, ""));
    expect(lines.filter((l) => l === "loaded" || l.startsWith("event "))).toEqual([
      "loaded",
      "event 1 (1 so far) loaded=1",
      "event 2 (1 so far) loaded=1",
      "event 1 (2 so far) loaded=1",
    ]);
  });
});

describe("the verifier's limits sit below the kernel's", () => {
  it("bounds one call well below the DPC watchdog and the stack within the driver's kernel stack", () => {
    const limits = kernelLimits();
    expect(DEFAULT_MAX_CYCLES).toBeLessThan(limits.watchdogCycles);
    expect(DEFAULT_STACK_BYTES).toBeLessThan(limits.kernelStackBytes);
  });
});
