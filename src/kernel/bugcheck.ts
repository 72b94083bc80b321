/**
 * The bugcheck: when kernel-mode code faults or the kernel finds its own structures corrupt, nothing
 * can be trusted any more, so the machine stops. The record names the stop code, its parameters and
 * the failing module; a crash dump (a snapshot of the machine plus the record) is kept for analysis.
 */
import { type MachineSnapshot, snapshot } from "../machine/snapshot";
import { hex, hexUpper } from "../shared/bits";
import type { Kernel } from "./kernel";
import type { FaultFacts } from "./kernelLog";
import type { KernelRecord } from "./kernelState";
import { formatLocation, type SourceLocation } from "./modules";
import { STOP_CODES, type StopCodeName } from "./stopCodes";
import { copyRecord } from "./systemSnapshot";
import { unsavedTransactions } from "./workloads";

export interface BugcheckRecord {
  stopCode: StopCodeName;
  code: number;
  parameters: number[];
  /** "sensor.sys", or null when the kernel cannot name one (corruption found by the kernel itself). */
  module: string | null;
  /** One plain sentence about what happened, for the dump and the timeline. */
  message: string;
  duringBoot: boolean;
  cycles: number;
  /** Where in the source the faulting instruction came from, when known ("sensor.c:42 in match"). */
  source?: string;
  /** The same place as data, for views that link to it. */
  location?: SourceLocation;
  /** For a memory fault: what was accessed, how, why it failed, and from where. */
  fault?: FaultFacts;
}

export interface CrashDump {
  record: BugcheckRecord;
  machine: MachineSnapshot;
  /** dmesg at the time of the crash. */
  log: string[];
  /** The loaded modules and their address ranges, to attribute addresses. */
  modules: { name: string; base: number; size: number; mode: string }[];
  /**
   * The kernel's record at the crash (its own crashDump left out), so that analysis after a reboot
   * still knows the processes, their images and the frame owners (crashAnalysis.ts).
   */
  kernel?: KernelRecord;
}

export function bugcheck(
  k: Kernel,
  stopCode: StopCodeName,
  parameters: number[],
  detail: { module: string | null; message: string; location?: SourceLocation; fault?: FaultFacts },
): void {
  if (k.state !== "running") return;
  const power = k.record.power;
  const record: BugcheckRecord = {
    stopCode,
    code: STOP_CODES[stopCode].code,
    parameters: parameters.map((p) => p >>> 0),
    module: detail.module,
    message: detail.message,
    duringBoot: power.booting,
    cycles: k.machine.cpu.cycles,
    ...(detail.location ? { source: formatLocation(detail.location), location: detail.location } : {}),
    ...(detail.fault ? { fault: detail.fault } : {}),
  };
  k.record.status = "bugcheck";
  k.record.bugcheck = record;
  k.dmesg(`*** STOP: ${stopCode} (${hex(record.code, 1)}) ${detail.message}`);
  const kernel = copyRecord(k.record);
  kernel.crashDump = undefined;
  k.record.crashDump = {
    record,
    kernel,
    machine: snapshot(k.machine),
    log: [...k.log.lines],
    modules: [...k.drivers.values()]
      .filter((d) => d.loadedImage !== undefined)
      .map((d) => ({
        name: d.name,
        base: d.loadedImage?.base ?? 0,
        size: d.loadedImage?.bytes.length ?? 0,
        mode: d.mode,
      })),
  };
  power.lostTransactions += unsavedTransactions(k);
  if (power.booting) power.failedBootsInRow++;
  power.cleanBootsInRow = 0;
  k.emit({
    kind: "bugcheck",
    stopCode,
    code: record.code,
    parameters: record.parameters,
    module: detail.module,
    message: detail.message,
    duringBoot: record.duringBoot,
    location: detail.location ?? null,
    fault: detail.fault ?? null,
  });
  k.machine.requestStop({ kind: "host", detail: "bugcheck" });
}

/** The bluescreen as text, for terminals and transcripts (the browser draws its own from the record). */
export function bluescreenText(record: BugcheckRecord): string {
  const lines = [
    "",
    ":(",
    "Your device ran into a problem and needs to restart.",
    "",
    `Stop code: ${record.stopCode} (${hexUpper(record.code)})`,
    `Parameters: ${record.parameters.map((p) => hexUpper(p)).join(", ")}`,
  ];
  if (record.module) lines.push(`What failed: ${record.module}`);
  if (record.source) lines.push(`Where: ${record.source}`);
  lines.push(`${record.message}`, "");
  return lines.join("\n");
}
