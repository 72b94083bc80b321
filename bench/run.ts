/**
 * `npm run bench`: prints one JSON line per figure, {"name", "value", "unit", "baseline", "ratio"}, each
 * with a baseline measured in the same run. Figures, not assertions: these machines are noisy.
 */
import { appBenchmarks } from "./app";
import { compilerBenchmarks } from "./compiler";
import type { Figure } from "./figure";
import { fleetBenchmarks } from "./fleet";
import { historyBenchmarks } from "./history";
import { kernelBenchmarks } from "./kernel";
import { machineBenchmarks } from "./machine";
import { verifierBenchmarks } from "./verifier";

const suites: (() => Figure[] | Promise<Figure[]>)[] = [
  machineBenchmarks,
  kernelBenchmarks,
  compilerBenchmarks,
  fleetBenchmarks,
  verifierBenchmarks,
  historyBenchmarks,
  // Last: it loads vite and playwright, which slow every typed-array access after them (see app.ts).
  appBenchmarks,
];

// `npm run bench -- history` runs the suites whose name contains "history" only.
const only = process.argv[2];
for (const suite of suites) {
  if (only && !suite.name.toLowerCase().includes(only.toLowerCase())) continue;
  for (const f of await suite()) console.log(JSON.stringify(f));
}
