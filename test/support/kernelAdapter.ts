/**
 * Every use of src/kernel by the verifier's tests, in one place, so that whoever changes the kernel's
 * API adapts one small file: the limits the verifier must stay below, and a real kernel that loads a
 * handler driver (through the handler runtime) with insmod in kernel or user mode.
 */
import { Kernel } from "../../src/kernel/kernel";
import { CYCLES_PER_TICK, KERNEL_STACK_BYTES } from "../../src/kernel/layout";
import type { SensorEvent } from "../../src/machine/devices/eventSource";

/** The DPC watchdog's limit in cycles and the driver's kernel stack in bytes, as the kernel has them. */
export function kernelLimits(): { watchdogCycles: number; kernelStackBytes: number } {
  const kernel = new Kernel({ services: [] });
  return { watchdogCycles: kernel.watchdogTicks * CYCLES_PER_TICK, kernelStackBytes: KERNEL_STACK_BYTES };
}

export interface KernelRun {
  output: string;
  bugcheck: string | undefined;
  driverState: string;
}

/** Boots a kernel, loads `source` as /drivers/NAME with insmod in `mode`, runs, reports. */
export function runInKernel(
  name: string,
  source: string,
  mode: "kernel" | "user",
  events: SensorEvent[],
  cycles = 2_000_000,
): KernelRun {
  const path = `/drivers/${name}`;
  const kernel = new Kernel({ seed: 1, events, files: { [path]: source }, services: [] });
  kernel.boot();
  kernel.shell.execute(`insmod ${path} --mode ${mode}`);
  kernel.run(cycles);
  const record = [...kernel.drivers.values()][0];
  return {
    output: kernel.machine.devices.console.transcript.replace(/\r\n/g, "\n"),
    bugcheck: kernel.bugcheckRecord?.stopCode,
    driverState: record?.state ?? "not loaded",
  };
}
