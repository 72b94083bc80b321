/**
 * The scenario the fleet replays: a sensor driver, the content update pushed to the fleet, the revert
 * that replaces it, and the events a machine meets. By default they are lesson 4's files (the lesson
 * is where the learner reads them); the CLI, the page and the lesson checks hand them in as text, so
 * nothing here reads a disk.
 */
import type { SensorEvent } from "../machine/devices/eventSource";
import { CYCLES_PER_SECOND, EVENT_KINDS } from "./machineOutcome";

export interface Scenario {
  /** The driver's file name (sensor.c) and source, in driver C or assembly. */
  driverFile: string;
  driverSource: string;
  /** The pushed content update (channel file 291 of 04:09 UTC). */
  update: string;
  /** The reverted content (05:27 UTC), which is also the fix a recovering machine downloads. */
  revert: string;
  events: SensorEvent[];
}

/** Where the scenario's files are on a lesson's disk. */
export const SCENARIO_FILES = {
  driver: "/drivers/sensor.c",
  update: "/updates/C-00000291-0409.dat",
  revert: "/updates/C-00000291-0527.dat",
} as const;

/**
 * A workstation's morning, as lesson 4's machine meets it, played twice a second for four seconds:
 * programs start, pipes open (the spooler, the LSA), a connection goes out.
 */
export function workstationEvents(): SensorEvent[] {
  const once = [
    {
      t: 0.3,
      kind: EVENT_KINDS.process_start,
      pid: 1204,
      name: "explorer.exe",
      arg: "C:\\Windows\\explorer.exe",
    },
    { t: 0.6, kind: EVENT_KINDS.pipe_open, pid: 1788, name: "\\\\.\\pipe\\spoolss", arg: "spoolsv.exe" },
    { t: 1.1, kind: EVENT_KINDS.pipe_open, pid: 3316, name: "\\\\.\\pipe\\lsarpc", arg: "powershell.exe" },
    { t: 1.5, kind: EVENT_KINDS.net_connect, pid: 4012, name: "203.0.113.7", arg: "443" },
    { t: 1.8, kind: EVENT_KINDS.pipe_open, pid: 640, name: "\\\\.\\pipe\\lsarpc", arg: "lsass.exe" },
  ];
  const events: SensorEvent[] = [];
  for (let round = 0; round < 2; round++)
    for (const e of once)
      events.push({
        at: Math.round((e.t + 2 * round) * CYCLES_PER_SECOND),
        kind: e.kind,
        pid: e.pid,
        name: e.name,
        arg: e.arg,
      });
  return events;
}

/** The scenario from a disk's files (a lesson's), or what is missing. */
export function scenarioFromFiles(
  files: Readonly<Record<string, string | undefined>>,
  driverPath: string = SCENARIO_FILES.driver,
): Scenario | { missing: string } {
  const driverSource = files[driverPath];
  const update = files[SCENARIO_FILES.update];
  const revert = files[SCENARIO_FILES.revert];
  if (driverSource === undefined) return { missing: driverPath };
  if (update === undefined) return { missing: SCENARIO_FILES.update };
  if (revert === undefined) return { missing: SCENARIO_FILES.revert };
  const driverFile = driverPath.split("/").pop() ?? "sensor.c";
  return { driverFile, driverSource, update, revert, events: workstationEvents() };
}
