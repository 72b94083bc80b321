/**
 * `ringlab run FILE`: boot a fresh default machine, load FILE as a driver in the given mode, run, and
 * print the console transcript (and the bluescreen, if there is one). With --json the last line is a
 * summary object. Exit status 0 whatever the outcome; 2 for usage and build errors.
 */
import { bluescreenText } from "../kernel/bugcheck";
import { driverName } from "../kernel/drivers";
import { Kernel } from "../kernel/kernel";
import { ConsoleDevice } from "../machine/devices/console";
import type { SensorEvent } from "../machine/devices/eventSource";
import { parseDriverRunArgs } from "./driverRunArgs";
import { exitCodeOf } from "./exec";
import type { CliIo, Command, UsageError } from "./main";
import { visibleControls } from "./visible";

export interface RunSummary {
  outcome: "running" | "bugcheck" | "rejected" | "halted";
  stopCode: string | null;
  failedModule: string | null;
  driver: { name: string; mode: string; state: string; crashes: number; restarts: number };
  processes: { pid: number; name: string; state: string }[];
  lostTransactions: number;
  /** Console bytes written after the transcript was full (it keeps the first MiB). */
  consoleBytesDropped: number;
  /** The driver's exit status if it returned from main (or called exit), else null. */
  exitCode: number | null;
  cycles: number;
  instructions: number;
  /** Present whenever the mode is verified: the verifier's report, and its time on this host. */
  verifier?: {
    accepted: boolean;
    instructions: number;
    states: number;
    ms: number;
    messages: { file: string; line: number; col: number; message: string; suggestion: string | null }[];
  };
}

export const runCommand: Command = {
  name: "run",
  args: "FILE [--mode kernel|user|verified] [--checked] [--events FILE] [--cycles N] [--seed N] [--json]",
  summary: "boot a machine, load FILE (.c or .s) as a driver, run it, print what happened",
  run(args, io) {
    const parsed = parseDriverRunArgs("run", args, io, ["kernel", "user", "verified"] as const, "user");
    if (typeof parsed === "number" || "usage" in parsed) return parsed;
    const { json, ...request } = parsed;
    const summary = runDriver(request, io);
    if (json) io.out(JSON.stringify(summary));
    return 0;
  },
};

export interface RunRequest {
  file: string;
  source: string;
  mode: "kernel" | "user" | "verified";
  checked: boolean;
  events?: SensorEvent[];
  cycles: number;
  seed: number;
}

/** Boots, loads, runs; prints the transcript through `io` and returns the summary. */
export function runDriver(request: RunRequest, io: CliIo): RunSummary {
  const path = `/drivers/${request.file}`;
  const kernel = new Kernel({
    seed: request.seed,
    events: request.events,
    files: { [path]: request.source },
  });
  kernel.boot();
  // The verifier's time is host time: measured here, never written into the machine.
  const loadStart = performance.now();
  kernel.input({ kind: "insmod", path, mode: request.mode, checked: request.checked });
  const loadMs = performance.now() - loadStart;
  kernel.run(request.cycles);
  const console = kernel.machine.devices.console;
  const transcript = console.transcript.replace(/\r\n/g, "\n").replace(/\$ $/, "");
  // The guest's bytes, not the host terminal's commands: control characters are shown, not obeyed.
  io.out(visibleControls(transcript.replace(/\n$/, "")));
  if (console.transcriptDropped > 0)
    io.out(
      `[console: ${console.transcriptDropped} more bytes were written; the transcript keeps the first ${ConsoleDevice.TRANSCRIPT_LIMIT >> 20} MiB]`,
    );
  if (kernel.bugcheckRecord) io.out(visibleControls(bluescreenText(kernel.bugcheckRecord)));
  const summary = summarize(kernel, driverName(path));
  if (request.mode !== "verified") return summary;
  const report = kernel.log.events.find((e) => e.kind === "verifier");
  return {
    ...summary,
    ...(report?.kind === "verifier" && !report.accepted ? { outcome: "rejected" as const } : {}),
    verifier: {
      accepted: report?.kind === "verifier" && report.accepted,
      instructions: report?.kind === "verifier" ? report.instructions : 0,
      states: report?.kind === "verifier" ? report.states : 0,
      ms: Math.round(loadMs * 1000) / 1000,
      messages:
        report?.kind === "verifier"
          ? report.messages.map((m) => ({
              file: m.file,
              line: m.line,
              col: m.col,
              message: m.message,
              suggestion: m.suggestion ?? null,
            }))
          : [],
    },
  };
}

export function summarize(kernel: Kernel, name: string): RunSummary {
  const record = kernel.drivers.get(name);
  const outcome = kernel.state === "bugcheck" ? "bugcheck" : kernel.state === "off" ? "halted" : "running";
  return {
    outcome,
    stopCode: kernel.bugcheckRecord?.stopCode ?? null,
    failedModule: kernel.bugcheckRecord?.module ?? null,
    driver: {
      name,
      mode: record?.mode ?? "none",
      state: kernel.state === "bugcheck" && record ? "crashed" : (record?.state ?? "not loaded"),
      crashes:
        (record?.crashes ?? 0) +
        (kernel.state === "bugcheck" && kernel.bugcheckRecord?.module === name ? 1 : 0),
      restarts: record?.restarts ?? 0,
    },
    processes: [...kernel.processes.values()].map((p) => ({
      pid: p.pid,
      name: p.name,
      state: p.thread.state,
    })),
    lostTransactions: kernel.lostTransactions,
    consoleBytesDropped: kernel.machine.devices.console.transcriptDropped,
    exitCode: exitCodeOf(kernel, name),
    cycles: kernel.machine.cpu.cycles,
    instructions: kernel.machine.cpu.instructions,
  };
}

export type { UsageError };
