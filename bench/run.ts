/**
 * `npm run bench`: prints one JSON line per figure, {"name", "value", "unit", "baseline", "ratio"}, each
 * with a baseline measured in the same run. Figures, not assertions: these machines are noisy.
 *
 * Each suite's module is loaded only when its turn comes, in this order. Loading a module changes the
 * speed of what runs after it in the same process: vite and playwright (app.ts) slow every typed-array
 * access, and even the yaml library, the verifier and the fleet lowered the interpreter loops by a fifth
 * or more when they were imported before them (measured 2026-12-03; docs/performance.md). So the
 * machine figures come first, with only the machine loaded, as the page's first run has it.
 */
import type { Figure } from "./figure";

type Suite = { name: string; load: () => Promise<() => Figure[] | Promise<Figure[]>> };

const suites: Suite[] = [
  { name: "machine", load: async () => (await import("./machine")).machineBenchmarks },
  { name: "kernel", load: async () => (await import("./kernel")).kernelBenchmarks },
  { name: "compiler", load: async () => (await import("./compiler")).compilerBenchmarks },
  { name: "fleet", load: async () => (await import("./fleet")).fleetBenchmarks },
  { name: "verifier", load: async () => (await import("./verifier")).verifierBenchmarks },
  { name: "history", load: async () => (await import("./history")).historyBenchmarks },
  // Last: it loads vite and playwright.
  { name: "app", load: async () => (await import("./app")).appBenchmarks },
];

// `npm run bench -- history` runs the suites whose name contains "history" only.
const only = process.argv[2];
for (const suite of suites) {
  if (only && !suite.name.includes(only.toLowerCase())) continue;
  const run = await suite.load();
  for (const f of await run()) console.log(JSON.stringify(f));
}
