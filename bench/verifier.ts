/**
 * Verifier figures: verification time and abstract states for generated handlers of about 1,000 and
 * 10,000 instructions (goals, from issue 11: at most 1 ms per 1,000 instructions, at most 16 ms, one
 * frame, for 10,000). The baseline is the goal, so a ratio above 1 misses it. CPU time, warmed up.
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

function measure(name: string, rules: number, goalMs: number): Figure[] {
  const img = image(rules);
  for (let i = 0; i < 5; i++) verify(img);
  const runs = 20;
  const start = cpuSeconds();
  let report = verify(img);
  for (let i = 1; i < runs; i++) report = verify(img);
  const ms = ((cpuSeconds() - start) * 1000) / runs;
  if (!report.accepted) throw new Error(`bench handler rejected: ${report.messages[0]?.message}`);
  const note = `${report.instructions} instructions analysed of ${textInstructions(img)} in the image`;
  return [
    figure(`verifier.${name}_ms`, ms, "ms", goalMs, `${note}; baseline = the goal`),
    figure(`verifier.${name}_states`, report.states, "states", null, note),
  ];
}

export function verifierBenchmarks(): Figure[] {
  return [...measure("1k", 80, 1), ...measure("10k", 800, 16)];
}
