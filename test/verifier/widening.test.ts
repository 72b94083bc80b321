/**
 * Widening at a loop's head jumps to the constants of the loop's own code, not to every constant of
 * the function: a handler's other constants (rule numbers, field values) must not make each of its
 * loops go round once per constant. The loop below is processed as often with forty unrelated
 * constants before it as without them.
 */
import { describe, expect, it } from "vitest";
import { build } from "../../src/toolchain/build";
import { verify } from "../../src/verifier/verify";

function handler(rules: number): string {
  const lines = ["#include <ringlab.h>", "int counts[16];", "int on_event(const struct event *ev) {"];
  lines.push("  int i;", "  int hits = 0;");
  for (let r = 0; r < rules; r++) lines.push(`  if (ev->kind == ${r + 100}) hits += ${3 * r + 1};`);
  lines.push("  for (i = 0; i < 16; i++) hits += counts[i] & 7;", "  return hits > 3;", "}");
  return lines.join("\n");
}

/** How many times the loop's line was processed (the log has one line per instruction processed). */
function loopStates(rules: number): number {
  const image = build("handler.c", handler(rules)).image;
  if (!image) throw new Error("the handler does not build");
  const report = verify(image, { log: true });
  expect(report.accepted).toBe(true);
  const loopLine = 6 + rules;
  return (report.log ?? []).filter((l) => l.includes(`handler.c:${loopLine} `)).length;
}

describe("widening at a loop head", () => {
  it("goes round the loop as often whatever constants the rest of the function has", () => {
    const alone = loopStates(0);
    expect(alone).toBeGreaterThan(0);
    expect(loopStates(40)).toBe(alone);
  });
});
