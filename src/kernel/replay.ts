/**
 * A run is its options plus its journal: replaying the journal on a fresh system, each input at the
 * machine time it took effect, gives the same run instruction for instruction, because the machine is
 * deterministic and everything from outside came in through the kernel's one door (inputs.ts).
 */
import type { JournalEntry } from "./inputs";
import { Kernel, type KernelOptions } from "./kernel";

/** Runs a kernel until machine time since power-on reaches `time`, or until it cannot run. */
export function runUntil(k: Kernel, time: number): void {
  while (k.cyclesSincePowerOn < time && (k.state === "running" || k.state === "firmware")) {
    const before = k.cyclesSincePowerOn;
    k.run(time - before);
    // A run that could not move the clock (a stop the host must act on) would not move it again.
    if (k.cyclesSincePowerOn === before) break;
  }
}

/** A fresh system with `options`, the journal replayed on it, then run to `until` (time since power-on). */
export function replay(options: KernelOptions, journal: readonly JournalEntry[], until: number): Kernel {
  const k = new Kernel(options);
  for (const entry of journal) {
    runUntil(k, entry.at);
    k.input(entry.input);
  }
  runUntil(k, until);
  return k;
}
