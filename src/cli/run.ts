/**
 * `ringlab run FILE`: boot a fresh default machine, load FILE as a driver in the given mode, run, and
 * print the console transcript (and the bluescreen, if there is one). With --json the last line is a
 * summary object. Exit status 0 whatever the outcome; 2 for usage and build errors.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { bluescreenText } from "../kernel/bugcheck";
import { driverName } from "../kernel/drivers";
import { parseEventFeed } from "../kernel/eventFeed";
import { Kernel } from "../kernel/kernel";
import { ConsoleDevice } from "../machine/devices/console";
import { Disk } from "../machine/devices/disk";
import type { SensorEvent } from "../machine/devices/eventSource";
import { formatDiagnostic } from "../shared/diagnostic";
import { build } from "../toolchain/build";
import { exitCodeOf } from "./exec";
import type { CliIo, Command, UsageError } from "./main";
import { parseOptions } from "./options";
import { visibleControls } from "./visible";

/** Enough for the default event feed to end (about 4 s) and a crashing user-mode driver to restart. */
export const DEFAULT_RUN_CYCLES = 6_000_000;

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
    const options = parseOptions(args, {
      mode: "string",
      checked: "flag",
      events: "string",
      cycles: "number",
      seed: "u32",
      json: "flag",
    });
    if ("usage" in options) return options;
    const [file, ...rest] = options.positional;
    if (!file || rest.length > 0) return { usage: "run needs exactly one FILE" };
    const mode = (options.values.mode as string | undefined) ?? "user";
    if (mode !== "kernel" && mode !== "user" && mode !== "verified")
      return { usage: `--mode must be kernel, user or verified, not '${mode}'` };
    if (!/\.(c|s)$/.test(file)) return { usage: `${file}: expected a .c or .s file` };
    const checked = options.values.checked === true;
    const source = readDriverSource(file, checked, io);
    if (source === undefined) return 2;
    let events: SensorEvent[] | undefined;
    if (typeof options.values.events === "string") {
      const loaded = loadEvents(options.values.events, io);
      if (loaded === undefined) return 2;
      events = loaded;
    }
    const cycles = (options.values.cycles as number | undefined) ?? DEFAULT_RUN_CYCLES;
    const seed = (options.values.seed as number | undefined) ?? 1;
    const summary = runDriver({ file: basename(file), source, mode, checked, events, cycles, seed }, io);
    if (options.values.json === true) io.out(JSON.stringify(summary));
    return 0;
  },
};

/**
 * Reads a driver's source for run and analyze and builds it once, so that what cannot be loaded is
 * said before any machine boots: the source, or undefined after printing why (exit status 2).
 */
export function readDriverSource(file: string, checked: boolean, io: CliIo): string | undefined {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    io.err(`${file}:1:1: error: cannot read the file`);
    return undefined;
  }
  // The driver goes onto the machine's disk: one that cannot hold it would only say "no such file".
  const size = new TextEncoder().encode(source).length;
  if (size > Disk.MAX_FILE_BYTES) {
    io.err(
      `${file}:1:1: error: the file is ${size} bytes; the machine's disk holds files of at most ${Disk.MAX_FILE_BYTES} bytes (1 MiB)`,
    );
    return undefined;
  }
  const built = build(file, source, { checked });
  if (built.diagnostics.some((d) => d.severity === "error") || !built.image) {
    for (const d of built.diagnostics) io.err(formatDiagnostic(d, source));
    return undefined;
  }
  return source;
}

export function loadEvents(path: string, io: CliIo): SensorEvent[] | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    io.err(`${path}:1:1: error: cannot read the event file`);
    return undefined;
  }
  const { events, errors, moreErrors } = parseEventFeed(text);
  for (const e of errors) io.err(`${path}:${e.line}:1: error: ${e.message}`);
  if (moreErrors > 0) io.err(`${path}: ... and ${moreErrors} more errors`);
  return errors.length > 0 ? undefined : events;
}

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
