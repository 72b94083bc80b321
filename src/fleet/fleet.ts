/**
 * The fleet in one call: build the population, run each machine class on the emulator, simulate the
 * policy over ten days, and report. The CLI, the page's worker and the lesson checks all come here.
 */
import { ASSUMED } from "./assumptions";
import { classTable } from "./machineClasses";
import type { FleetMode } from "./machineOutcome";
import { type FleetSeries, type FleetTotals, series, totals } from "./outcome";
import type { Policy } from "./policy";
import { buildPopulation } from "./population";
import type { Scenario } from "./scenario";
import { type SimulationResult, simulate } from "./simulation";

export interface FleetRequest {
  scenario: Scenario;
  mode: FleetMode;
  policy: Policy;
  /** The population's size; the calibrated default when omitted. */
  machines?: number;
  seed?: number;
  onProgress?: (done: number) => void;
}

export interface ClassSummary {
  label: string;
  effect: string;
  stopCode: string | null;
  secondsToFailure: number | null;
}

export interface FleetReport extends FleetTotals {
  policy: string;
  mode: FleetMode;
  seed: number;
  cohorts: number;
  pieces: number;
  events: number;
  rings: { percent: number; machines: number; startedAtMinutes: number | null }[];
  classes: ClassSummary[];
  /** Why the driver could not run at all (then nothing else is meaningful). */
  loadError: string | null;
}

export interface FleetRun {
  report: FleetReport;
  series: FleetSeries;
  result: SimulationResult;
}

export function runFleet(request: FleetRequest): FleetRun {
  const seed = request.seed ?? 1;
  const machines = request.machines ?? ASSUMED.defaultMachines;
  const table = classTable(request.scenario, request.mode);
  request.onProgress?.(0.05);
  const population = buildPopulation(
    machines,
    request.policy.rings.map((r) => r.percent),
    seed,
  );
  const result = simulate({
    population,
    policy: request.policy,
    table,
    seed,
    onProgress: request.onProgress && ((done) => request.onProgress?.(0.05 + 0.9 * done)),
  });
  const s = series(result);
  const report: FleetReport = {
    ...totals(result, s),
    policy: request.policy.name,
    mode: request.mode,
    seed,
    cohorts: population.cohorts.length,
    pieces: result.pieces.length,
    events: result.events,
    rings: request.policy.rings.map((r, i) => ({
      percent: r.percent,
      machines: population.ringSizes[i],
      startedAtMinutes:
        result.ringStarts[i] === null ? null : Math.round((result.ringStarts[i] as number) * 10) / 10,
    })),
    classes: [table.update, table.revert, table.older].map((c) => ({
      label: c.label,
      effect: c.effect,
      stopCode: c.outcome.stopCode,
      secondsToFailure: c.secondsToFailure,
    })),
    loadError: table.loadError,
  };
  request.onProgress?.(1);
  return { report, series: s, result };
}
