/**
 * Verifier figures: verification time and abstract states for generated handlers of about 1,000 and
 * 10,000 instructions (goals, from issue 11: at most 1 ms per 1,000 instructions, at most 16 ms, one
 * frame, for 10,000). The baseline is the goal, so a ratio above 1 misses it. CPU time, warmed up to
 * V8's steady state; the first run's time is printed beside it.
 */
import { build } from "../src/toolchain/build";
import type { Image } from "../src/toolchain/image";
import { verify } from "../src/verifier/verify";
import { cpuSeconds, type Figure, figure } from "./figure";

/** A handler of `rules` rule checks (about 12 instructions each) and a bounded loop every 16 rules. */
export function generatedHandler(rules: number): string {
  const lines = [
    "#include <ringlab.h>",
    "int counts[16];",
    "char names[64];",
    "int on_event(const struct event *ev) {",
    "  int i;",
    "  int hits = 0;",
  ];
  for (let r = 0; r < rules; r++) {
    if (r % 16 === 15) lines.push(`  for (i = 0; i < 16; i++) hits += counts[i] & ${r};`);
    else
      lines.push(
        `  if (ev->kind == ${r % 7}) { counts[(ev->pid + ${r}) & 15] += ${r}; hits += ev->name[${r % 32}]; }`,
      );
  }
  lines.push("  return hits > 3;", "}");
  return lines.join("\n");
}

function image(rules: number): Image {
  const built = build("bench.c", generatedHandler(rules));
  if (!built.image) throw new Error(`bench handler does not build: ${built.diagnostics[0]?.message}`);
  return built.image;
}

function textInstructions(i: Image): number {
  return (i.sections.find((s) => s.name === "text")?.size ?? 0) / 4;
}

/** CPU seconds of warm-up before timing: V8 needs about 40 runs of the 1k handler to finish optimising. */
const WARM_UP_SECONDS = 1;
const TIMED_RUNS = 50;

function measure(name: string, rules: number, goalMs: number): Figure[] {
  const img = image(rules);
  // The first verification in this process (for 1k, the first of all): what a page's first
  // "Load verified" costs, interpreter and JIT compilation included.
  let start = cpuSeconds();
  verify(img);
  const firstMs = (cpuSeconds() - start) * 1000;
  for (let warm = cpuSeconds(); cpuSeconds() - warm < WARM_UP_SECONDS; ) verify(img);
  start = cpuSeconds();
  let report = verify(img);
  for (let i = 1; i < TIMED_RUNS; i++) report = verify(img);
  const ms = ((cpuSeconds() - start) * 1000) / TIMED_RUNS;
  if (!report.accepted) throw new Error(`bench handler rejected: ${report.messages[0]?.message}`);
  const note = `${report.instructions} instructions analysed of ${textInstructions(img)} in the image`;
  return [
    figure(
      `verifier.${name}_ms`,
      ms,
      "ms",
      goalMs,
      `${note}; mean of ${TIMED_RUNS} after ${WARM_UP_SECONDS} s of warm-up, GC included; baseline = the goal`,
    ),
    figure(
      `verifier.${name}_first_ms`,
      firstMs,
      "ms",
      ms,
      `${note}; the first run in this process${name === "1k" ? " (JIT cold)" : " (the 1k runs warmed the JIT)"}; baseline: warmed up`,
    ),
    figure(`verifier.${name}_states`, report.states, "states", null, note),
  ];
}

export function verifierBenchmarks(): Figure[] {
  return [...measure("1k", 80, 1), ...measure("10k", 800, 16)];
}
