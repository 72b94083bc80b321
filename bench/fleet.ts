/**
 * Fleet figures: the whole default population over ten days under the July 2024 push, in Node (the
 * page's Chromium figure is in docs/performance.md, measured by the fleet page in its worker). The
 * baseline is the same run with a tenth of the machines: cohorts, not machines, set the cost, so the
 * ratio stays near 1 rather than 10.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { defaultScenario } from "../src/cli/fleet";
import { ASSUMED } from "../src/fleet/assumptions";
import { runFleet } from "../src/fleet/fleet";
import { classTable } from "../src/fleet/machineClasses";
import { BUILT_IN_POLICIES } from "../src/fleet/policy";
import { cpuSeconds, type Figure, figure } from "./figure";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function fleetBenchmarks(): Figure[] {
  const scenario = defaultScenario();
  const classesStart = performance.now();
  classTable(scenario, "kernel");
  const classesMs = performance.now() - classesStart;
  const run = (machines: number) =>
    runFleet({ scenario, mode: "kernel", policy: BUILT_IN_POLICIES["all-at-once"], machines });
  const timed = (machines: number) => {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = cpuSeconds();
      run(machines);
      samples.push((cpuSeconds() - start) * 1000);
    }
    return median(samples);
  };
  /** Heap and array buffers a run's result keeps alive: three runs kept at once, after full collections. */
  const retained = (machines: number) => {
    const usage = () => {
      gc();
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const kept: unknown[] = [];
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = usage();
      kept.push(run(machines));
      samples.push(usage() - before);
    }
    return kept.length > 0 ? median(samples) : 0;
  };
  run(ASSUMED.defaultMachines);
  const tenth = Math.round(ASSUMED.defaultMachines / 10);
  return [
    figure(
      "fleet.ms",
      timed(ASSUMED.defaultMachines),
      "ms",
      timed(tenth),
      `${ASSUMED.defaultMachines.toLocaleString("en-US")} machines, ten days, the July 2024 push, in CPU time, median of 5 (machine classes already run); baseline: a tenth of the machines, which have a third of the organisations and so of the cohorts`,
    ),
    figure(
      "fleet.bytes",
      retained(ASSUMED.defaultMachines),
      "bytes",
      retained(tenth),
      "heap and array buffers the run's result keeps (cohorts, their histories, the curves); baseline: a tenth of the machines",
    ),
    figure(
      "fleet.classes_ms",
      classesMs,
      "ms",
      null,
      "the three machine classes run once on the emulator (sensor 7.11+ with the update, with the revert, an older sensor)",
    ),
  ];
}
