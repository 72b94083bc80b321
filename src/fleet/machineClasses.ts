/**
 * Machine classes: machines that the emulator cannot tell apart. A class is a sensor version (with or
 * without the IPC template type) with the content on its disk, in one load mode; everything else that
 * differs between machines (time zone, encryption, organisation) changes when and how they recover,
 * not what the driver does. Each class runs once on a real Ringlab machine (machineOutcome.ts) and its
 * result applies to every machine of the class.
 */
import { CYCLES_PER_SECOND, type FleetMode, type MachineOutcome, runMachine } from "./machineOutcome";
import type { Scenario } from "./scenario";

/** What receiving a channel file does to a machine of a class. */
export type Effect = "crash" | "sensor-fails" | "none";

export interface ClassResult {
  /** How the class was run, in words, for the report. */
  label: string;
  outcome: MachineOutcome;
  effect: Effect;
  /** Seconds of machine time from the driver loading to the failure (null when none). */
  secondsToFailure: number | null;
}

export interface ClassTable {
  mode: FleetMode;
  /** Sensor 7.11 or later (IPC template type) with the pushed update on its disk. */
  update: ClassResult;
  /** The same sensor with the revert (the fix). */
  revert: ClassResult;
  /** An older sensor: no IPC template type, so channel file 291 holds nothing it evaluates. */
  older: ClassResult;
  /** Why the driver could not be loaded, when it could not: the fleet cannot run it. */
  loadError: string | null;
}

/** Four seconds of machine time: the workstation feed plays twice. */
const RUN_CYCLES = 4 * CYCLES_PER_SECOND;

function effectOf(outcome: MachineOutcome): Effect {
  if (outcome.bugcheck) return "crash";
  if (outcome.driverCrashes > 0) return "sensor-fails";
  return "none";
}

function runClass(
  scenario: Scenario,
  mode: FleetMode,
  channelFile: string | null,
  label: string,
): ClassResult {
  const outcome = runMachine({
    driverFile: scenario.driverFile,
    driverSource: scenario.driverSource,
    mode,
    channelFile,
    events: scenario.events,
    cycles: RUN_CYCLES,
    seed: 1,
  });
  return {
    label,
    outcome,
    effect: effectOf(outcome),
    secondsToFailure: outcome.cyclesToFailure === null ? null : outcome.cyclesToFailure / CYCLES_PER_SECOND,
  };
}

const cache = new Map<string, ClassTable>();

/** The three classes of a scenario in one mode; the same inputs are run only once per process. */
export function classTable(scenario: Scenario, mode: FleetMode): ClassTable {
  const key = JSON.stringify([
    scenario.driverFile,
    scenario.driverSource,
    scenario.update,
    scenario.revert,
    mode,
  ]);
  const cached = cache.get(key);
  if (cached) return cached;
  const update = runClass(scenario, mode, scenario.update, "sensor 7.11+ with the 04:09 update");
  const revert = runClass(scenario, mode, scenario.revert, "sensor 7.11+ with the 05:27 revert");
  const older = runClass(scenario, mode, null, "older sensor (no IPC template type)");
  const table: ClassTable = {
    mode,
    update,
    revert,
    older,
    loadError: update.outcome.loadError ?? revert.outcome.loadError ?? older.outcome.loadError,
  };
  if (cache.size > 16) cache.clear();
  cache.set(key, table);
  return table;
}
