/**
 * The one place the fleet touches the kernel: boot a real Ringlab machine, load the sensor driver,
 * let it meet the events with a given channel file on its disk, and read what happened. The calls are
 * the ones `ringlab run` makes (src/cli/run.ts, runDriver): new Kernel, boot, insmod, run, then the
 * bugcheck record and the driver's record. Everything else in src/fleet works on the plain
 * MachineOutcome this returns, so a change in the kernel's internals is a change to this file only.
 */
import { driverName } from "../kernel/drivers";
import { EVENT_KINDS } from "../kernel/eventFeed";
import { Kernel } from "../kernel/kernel";
import { CYCLES_PER_SECOND } from "../kernel/layout";
import type { SensorEvent } from "../machine/devices/eventSource";

/** The kernel's constants the rest of the fleet needs, passed on from here so only this file imports the kernel. */
export { CYCLES_PER_SECOND, EVENT_KINDS };

/** The load modes the fleet can run today. Verified mode joins this list when the verifier is merged. */
export const FLEET_MODES = ["kernel", "user", "verified"] as const;
export type FleetMode = (typeof FLEET_MODES)[number];

/** Where the channel file sits on the emulated machine's disk (the path the lesson's sensor.c reads). */
export const CHANNEL_FILE_PATH = "/sensor/C-00000291.dat";

export interface MachineRun {
  /** The driver's file name on the disk, such as sensor.c. */
  driverFile: string;
  driverSource: string;
  mode: FleetMode;
  /** The channel file on the disk, or null for none (a sensor without the template type reads none). */
  channelFile: string | null;
  events: SensorEvent[];
  /** Machine time to run after the driver loads, in cycles. */
  cycles: number;
  seed: number;
}

/** What one real machine did: the whole of what the fleet learns from the emulator. */
export interface MachineOutcome {
  /** The driver could not be built or loaded; the text says why. */
  loadError: string | null;
  /** The machine bugchecked. */
  bugcheck: boolean;
  stopCode: string | null;
  failedModule: string | null;
  /** Machine time from loading the driver to the bugcheck or the first driver crash, in cycles. */
  cyclesToFailure: number | null;
  /** User mode: how often the driver's process crashed, and whether the kernel gave up on it. */
  driverCrashes: number;
  driverGaveUp: boolean;
  /** The driver's state when the run ended, as lsmod shows it (running, exited, failed...). */
  driverState: string;
}

/** Boots one machine, loads the driver, runs it, and reports. Deterministic for the same request. */
export function runMachine(request: MachineRun): MachineOutcome {
  const driverPath = `/drivers/${request.driverFile}`;
  const files: Record<string, string> = { [driverPath]: request.driverSource };
  if (request.channelFile !== null) files[CHANNEL_FILE_PATH] = request.channelFile;
  const kernel = new Kernel({ seed: request.seed, events: request.events, files, services: [] });
  kernel.boot();
  const loadedAt = kernel.cycles;
  const said = kernel.input({ kind: "insmod", path: driverPath, mode: request.mode });
  const name = driverName(driverPath);
  let record = kernel.drivers.get(name);
  if (!record && kernel.state !== "bugcheck") {
    return {
      loadError: said.replace(/\r?\n/g, " ").trim() || "insmod failed",
      bugcheck: false,
      stopCode: null,
      failedModule: null,
      cyclesToFailure: null,
      driverCrashes: 0,
      driverGaveUp: false,
      driverState: "not loaded",
    };
  }
  // Run in slices so that the first failure's time is known to within a slice.
  const SLICE = 20_000;
  let firstFailure: number | null = null;
  for (let ran = 0; ran < request.cycles && kernel.state === "running"; ran += SLICE) {
    kernel.run(SLICE);
    record = kernel.drivers.get(name);
    if (firstFailure === null && (kernel.bugcheckRecord !== undefined || (record?.crashes ?? 0) > 0))
      firstFailure = kernel.cycles - loadedAt;
  }
  const bugcheck = kernel.state === "bugcheck";
  record = kernel.drivers.get(name);
  return {
    loadError: null,
    bugcheck,
    stopCode: kernel.bugcheckRecord?.stopCode ?? null,
    failedModule: kernel.bugcheckRecord?.module ?? null,
    cyclesToFailure: firstFailure,
    driverCrashes: record?.crashes ?? 0,
    driverGaveUp: record?.state === "failed",
    driverState: bugcheck ? "crashed" : (record?.state ?? "not loaded"),
  };
}
