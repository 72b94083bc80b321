/**
 * One tick of machine time (the timer interrupt): wake sleepers, end the boot phase, check the kernel's
 * structures, run the watchdog, keep drivers alive, and share the processor.
 */

import { BOOT_PHASE_TICKS } from "./boot";
import { bugcheck } from "./bugcheck";
import { tickDrivers } from "./drivers";
import type { Kernel } from "./kernel";
import { checkKernelStructures } from "./kernelObjects";
import { moduleName } from "./modules";
import { makeReady, requestReschedule } from "./scheduler";

export function onTimerTick(k: Kernel): void {
  for (const process of k.processes.values()) {
    const wait = process.thread.wait;
    if (process.thread.state === "blocked" && wait?.kind === "sleep" && wait.until <= k.tick)
      makeReady(k, process);
  }
  const power = k.record.power;
  if (power.booting && k.tick >= BOOT_PHASE_TICKS) {
    power.booting = false;
    power.failedBootsInRow = 0;
    power.cleanBootsInRow++;
    k.emit({ kind: "boot-complete", bootNumber: k.bootNumber });
  }
  if (!checkKernelStructures(k)) return;

  const current = k.current;
  if (current && current.ring === "kernel") {
    // Kernel-mode code is not preempted: if it never gives the processor back, nothing else runs.
    current.thread.ticksWithoutYield++;
    if (current.thread.ticksWithoutYield > k.watchdogTicks) {
      bugcheck(
        k,
        "DPC_WATCHDOG_VIOLATION",
        [1, current.thread.ticksWithoutYield, k.watchdogTicks, k.machine.cpu.cr[1]],
        {
          module: moduleName(current),
          message: `${current.name} ran in kernel mode for ${current.thread.ticksWithoutYield} ticks without yielding`,
        },
      );
      return;
    }
  } else if (current) {
    current.thread.sliceLeft--;
    if (current.thread.sliceLeft <= 0) requestReschedule(k);
  }
  tickDrivers(k);
}
