/**
 * One job for the page's worker: run the fleet under one or more policies (the page compares two) and
 * pack what the page draws — totals, the curves, and the fleet picture at a series of moments — into
 * plain data and typed arrays that a worker can transfer. No DOM: Node runs it too (tests, bench).
 */
import { type FleetReport, runFleet } from "./fleet";
import { fleetMap } from "./fleetMap";
import { classTable } from "./machineClasses";
import type { FleetMode } from "./machineOutcome";
import type { Policy } from "./policy";
import type { Scenario } from "./scenario";
import { BOOT_LOOP, RECOVERED, RECOVERY_SCREEN, STATES, UNPROTECTED } from "./simulation";

export interface FleetJob {
  id: number;
  scenario: Scenario;
  mode: FleetMode;
  policies: Policy[];
  machines?: number;
  seed: number;
  /** Cells in the fleet picture. */
  cells: number;
  /** The moments of the fleet picture, in hours after the push. */
  frameHours: number[];
}

/** The picture's layers, each a share 0..255 per cell: down, back after a crash, sensor failed. */
export const MAP_LAYERS = ["down", "recovered", "unprotected"] as const;

export interface PolicyRun {
  report: FleetReport;
  stepMinutes: number;
  down: Float64Array;
  machineHours: Float64Array;
  /** frameHours.length × cells × MAP_LAYERS.length shares, 0..255. */
  frames: Uint8Array;
  cells: number;
}

export interface FleetJobResult {
  id: number;
  runs: PolicyRun[];
  frameHours: number[];
  /** Host milliseconds the machine classes took on the emulator (once, before the first policy). */
  classesMs: number;
  /** Host milliseconds each policy's fleet took, population to totals (without the pictures). */
  simulationMs: number[];
}

export function runFleetJob(
  job: FleetJob,
  now: () => number,
  onProgress?: (done: number) => void,
): FleetJobResult {
  const runs: PolicyRun[] = [];
  const simulationMs: number[] = [];
  const classesStarted = now();
  classTable(job.scenario, job.mode);
  const classesMs = now() - classesStarted;
  job.policies.forEach((policy, i) => {
    const started = now();
    const run = runFleet({
      scenario: job.scenario,
      mode: job.mode,
      policy,
      machines: job.machines,
      seed: job.seed,
      onProgress: onProgress && ((done) => onProgress((i + done * 0.9) / job.policies.length)),
    });
    simulationMs.push(now() - started);
    const cells = Math.max(1, Math.min(job.cells, run.report.machines));
    const frames = new Uint8Array(job.frameHours.length * cells * MAP_LAYERS.length);
    job.frameHours.forEach((hours, f) => {
      const frame = fleetMap(run.result, hours * 60, cells);
      for (let c = 0; c < frame.cells; c++) {
        const share = (s: number) => frame.shares[c * STATES.length + s];
        const at = (f * cells + c) * MAP_LAYERS.length;
        frames[at] = Math.round(255 * Math.min(1, share(BOOT_LOOP) + share(RECOVERY_SCREEN)));
        frames[at + 1] = Math.round(255 * Math.min(1, share(RECOVERED)));
        frames[at + 2] = Math.round(255 * Math.min(1, share(UNPROTECTED)));
      }
    });
    runs.push({
      report: run.report,
      stepMinutes: run.series.stepMinutes,
      down: Float64Array.from(run.series.down),
      machineHours: Float64Array.from(run.series.machineHours),
      frames,
      cells,
    });
    onProgress?.((i + 1) / job.policies.length);
  });
  return { id: job.id, runs, frameHours: job.frameHours, classesMs, simulationMs };
}
