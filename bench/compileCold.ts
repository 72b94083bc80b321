/**
 * The cold compile figure: a 1,000-line program compiled in a process where nothing has compiled
 * before, as a page's first builds are. Run as a script it prints one JSON line (the first compile,
 * the best of COLD_RUNS after two warm-ups, and assembling the output alone, likewise); the compiler
 * bench starts it in several fresh processes and takes the median. In the bench's own process the
 * machine and kernel suites have already built drivers and filled the heap, which moved this figure
 * between 33 and 60 ms from one run to the next (measured 2026-12-03).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { assemble } from "../src/toolchain/asm";
import { compile } from "../src/toolchain/c/index";

export const COLD_RUNS = 5;

export interface ColdCompile {
  first: number;
  best: number;
  assembling: number;
}

/** A 1,000-line program of ordinary functions. */
export function thousandLines(): string {
  const lines: string[] = [];
  for (let i = 0; lines.length < 990; i++) {
    lines.push(
      `int work${i}(int *a, int n, int seed) {`,
      "    int i, s = seed;",
      "    for (i = 0; i < n; i++) {",
      "        if (a[i] % 3 == 0) s += a[i] * 2;",
      "        else s -= a[i] >> 1;",
      "    }",
      `    return s + ${i};`,
      "}",
      "",
    );
  }
  lines.push("int data[8];", "int main(void) { return work0(data, 8, 1); }");
  return lines.join("\n");
}

/** The fastest of `runs` calls of f, in wall milliseconds. */
export function best(f: () => void, runs: number): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

function measureHere(): ColdCompile {
  const source = thousandLines();
  const start = performance.now();
  compile(source);
  const first = performance.now() - start;
  const assembly = compile(source).assembly;
  return {
    first,
    best: best(() => compile(source), COLD_RUNS),
    assembling: best(() => assemble(assembly), COLD_RUNS),
  };
}

export function coldCompileInFreshProcess(): ColdCompile {
  const script = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8" });
  return JSON.parse(out) as ColdCompile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(measureHere()));
