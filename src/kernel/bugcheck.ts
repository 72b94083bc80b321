/**
 * The bugcheck: when kernel-mode code faults or the kernel finds its own structures corrupt, nothing
 * can be trusted any more, so the machine stops. The record names the stop code, its parameters and
 * the failing module; a crash dump (a snapshot of the machine plus the record) is kept for analysis.
 */
import { type MachineSnapshot, snapshot } from "../machine/snapshot";
import type { Kernel } from "./kernel";
import { STOP_CODES, type StopCodeName } from "./stopCodes";
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
}

export interface CrashDump {
  record: BugcheckRecord;
  machine: MachineSnapshot;
  /** dmesg at the time of the crash. */
  log: string[];
  /** The loaded modules and their address ranges, to attribute addresses. */
  modules: { name: string; base: number; size: number; mode: string }[];
}

export function bugcheck(
  k: Kernel,
  stopCode: StopCodeName,
  parameters: number[],
  detail: { module: string | null; message: string; source?: string },
): void {
  if (k.state !== "running") return;
  const record: BugcheckRecord = {
    stopCode,
    code: STOP_CODES[stopCode].code,
    parameters: parameters.map((p) => p >>> 0),
    module: detail.module,
    message: detail.message,
    duringBoot: k.booting,
    cycles: k.machine.cpu.cycles,
    ...(detail.source ? { source: detail.source } : {}),
  };
  k.state = "bugcheck";
  k.bugcheckRecord = record;
  k.dmesg(`*** STOP: ${stopCode} (0x${record.code.toString(16)}) ${detail.message}`);
  k.crashDump = {
    record,
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
  k.lostTransactions += unsavedTransactions(k);
  if (k.booting) k.failedBootsInRow++;
  k.cleanBootsInRow = 0;
  k.record({
    kind: "bugcheck",
    stopCode,
    code: record.code,
    parameters: record.parameters,
    module: detail.module,
    message: detail.message,
    duringBoot: record.duringBoot,
  });
  k.machine.requestStop({ kind: "host", detail: "bugcheck" });
}

/** The bluescreen as text, for terminals and transcripts (the browser draws its own from the record). */
export function bluescreenText(record: BugcheckRecord): string {
  const hex = (n: number) => `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, "0")}`;
  const lines = [
    "",
    ":(",
    "Your device ran into a problem and needs to restart.",
    "",
    `Stop code: ${record.stopCode} (${hex(record.code)})`,
    `Parameters: ${record.parameters.map(hex).join(", ")}`,
  ];
  if (record.module) lines.push(`What failed: ${record.module}`);
  if (record.source) lines.push(`Where: ${record.source}`);
  lines.push(`${record.message}`, "");
  return lines.join("\n");
}
