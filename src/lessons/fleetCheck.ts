/**
 * The `fleet` check: replay the push over the fleet with the driver, the update and the fix that are on
 * the lesson machine's disk, under the policy file the learner edits, and compare the totals. A run
 * takes a fraction of a second, so results are kept by their inputs: a goal evaluated ten times a
 * second runs the fleet again only when one of its files changed.
 */
import { runFleet } from "../fleet/fleet";
import { FLEET_MODES, type FleetMode } from "../fleet/machineOutcome";
import { parsePolicy } from "../fleet/policyFile";
import { SCENARIO_FILES, scenarioFromFiles } from "../fleet/scenario";
import type { Kernel } from "../kernel/kernel";
import type { CheckSpec } from "./checkSchema";

interface FleetTotals {
  crashed: number;
  haltedAtRing: number | null;
}

const results = new Map<string, FleetTotals | null>();
const KEEP = 32;

/** The fleet's totals for the files on this machine's disk, or null when they do not make a fleet run. */
export function fleetTotals(kernel: Kernel, policyPath: string, mode: string): FleetTotals | null {
  if (!(FLEET_MODES as readonly string[]).includes(mode)) return null;
  const disk = kernel.machine.devices.disk;
  const policyText = disk.readText(policyPath);
  const files = Object.fromEntries(Object.values(SCENARIO_FILES).map((path) => [path, disk.readText(path)]));
  if (policyText === undefined) return null;
  const key = JSON.stringify([policyText, files, mode]);
  const known = results.get(key);
  if (known !== undefined) return known;
  const parsed = parsePolicy(policyPath, policyText);
  const scenario = scenarioFromFiles(files);
  let totals: FleetTotals | null = null;
  if ("policy" in parsed && !("missing" in scenario)) {
    const { report } = runFleet({ scenario, mode: mode as FleetMode, policy: parsed.policy, seed: 1 });
    totals = report.loadError ? null : { crashed: report.crashed, haltedAtRing: report.haltedAtRing };
  }
  if (results.size >= KEEP) results.clear();
  results.set(key, totals);
  return totals;
}

/** Whether the fleet check holds now. */
export function fleetCheckHolds(check: CheckSpec, kernel: Kernel): boolean {
  const totals = fleetTotals(kernel, check.fleet as string, check.mode ?? "kernel");
  if (!totals) return false;
  if (totals.crashed > (check.crashedAtMost as number)) return false;
  return check.haltedAtRing === undefined || totals.haltedAtRing === check.haltedAtRing;
}
