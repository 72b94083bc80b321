/**
 * `ringlab analyze FILE`: runs FILE as `ringlab run` does (default mode kernel), with history on, until
 * the first bugcheck (kernel mode) or the driver's first crash (user mode), and explains it as a
 * debugger's automatic analysis does (src/kernel/crashAnalysis.ts). A bugcheck is read from its crash
 * dump; a user-mode crash leaves none, so history takes the machine back to just before the fault.
 * With --json the last line is the analysis as one object. Exit status 0 whatever the outcome; 2 for
 * usage and build errors.
 */
import { analysisText, analyzeCrash, type CrashAnalysis, dumpScene } from "../kernel/crashAnalysis";
import { driverName } from "../kernel/drivers";
import { History } from "../kernel/history";
import { Kernel } from "../kernel/kernel";
import type { KernelEvent } from "../kernel/kernelLog";
import { beforeFault } from "../kernel/travel";
import type { SensorEvent } from "../machine/devices/eventSource";
import { parseDriverRunArgs } from "./driverRunArgs";
import type { Command } from "./main";

/** How often the run stops to look for the crash. */
const SLICE = 100_000;

export const analyzeCommand: Command = {
  name: "analyze",
  args: "FILE [--mode kernel|user] [--checked] [--events FILE] [--seed N] [--cycles N] [--json]",
  summary: "run FILE as a driver until it crashes, then explain the crash (stop code, C line, stack, memory)",
  run(args, io) {
    const parsed = parseDriverRunArgs("analyze", args, io, ["kernel", "user"] as const, "kernel");
    if (typeof parsed === "number" || "usage" in parsed) return parsed;
    const { json, ...request } = parsed;
    const analysis = analyzeDriver(request);
    if (analysis) io.out(analysisText(analysis));
    else io.out(`${request.file}: no crash in ${request.cycles} cycles`);
    if (json) io.out(JSON.stringify(analysis ? { crashed: true, ...analysis } : { crashed: false }));
    return 0;
  },
};

export interface AnalyzeRequest {
  file: string;
  source: string;
  mode: "kernel" | "user";
  checked: boolean;
  events?: SensorEvent[];
  cycles: number;
  seed: number;
}

/** Runs the driver with history until its first crash and analyzes it; undefined if it never crashed. */
export function analyzeDriver(request: AnalyzeRequest): CrashAnalysis | undefined {
  const path = `/drivers/${request.file}`;
  const name = driverName(path);
  const k = new Kernel({ seed: request.seed, events: request.events, files: { [path]: request.source } });
  k.boot();
  const h = new History(k);
  k.input({ kind: "insmod", path, mode: request.mode, checked: request.checked });
  const end = k.cyclesSincePowerOn + request.cycles;
  let crash: KernelEvent | undefined;
  while (k.cyclesSincePowerOn < end && k.state === "running" && crash === undefined) {
    const before = k.cyclesSincePowerOn;
    h.run(Math.min(SLICE, end - before));
    crash = k.log.events.find(
      (e) =>
        e.kind === "bugcheck" || (e.kind === "process-fault" && (e.name === name || e.name === request.file)),
    );
    if (k.cyclesSincePowerOn === before) break;
  }
  if (crash?.kind === "bugcheck") {
    const found = dumpScene(k);
    return found && analyzeCrash(found.scene, found.facts);
  }
  if (crash?.kind !== "process-fault") return undefined;
  // A user-mode crash leaves no dump: go back to just before the fault and read the machine there.
  if (!beforeFault(h, { time: crash.time })) return undefined;
  const analysis = analyzeCrash(k, { kind: "process-fault", event: crash });
  analysis.events.push({ time: crash.time, kind: crash.kind, text: `process-fault ${crash.message}` });
  return analysis;
}
