/** Kernel figures: system call round trip, cycles per event in each ring, boot time to the prompt. */
import { Kernel } from "../src/kernel/kernel";
import { runUntil } from "../src/kernel/replay";
import { restoreSystem, snapshotSystem } from "../src/kernel/systemSnapshot";
import { snapshot } from "../src/machine/snapshot";
import { type Figure, figure } from "./figure";

const CALLS = 200_000;

/** Calls getpid CALLS times, then exits; as a driver it runs in either ring unchanged. */
const GETPID_LOOP = `.kapi getpid
.kapi exit
.text
main:
  li s0, ${CALLS}
.loop:
  call getpid
  addi s0, s0, -1
  bnez s0, .loop
  li a0, 0
  call exit
`;

/** Takes every event and does a little work on each (sums the name's bytes), as a sensor would. */
const EVENT_LOOP = `.kapi next_event
.kapi exit
.text
main:
  la s0, ev
.loop:
  mov a0, s0
  call next_event
  beqz a0, .done
  addi t0, s0, 8
  li t2, 0
.sum:
  ldbu t1, [t0]
  beqz t1, .loop
  add t2, t2, t1
  addi t0, t0, 1
  j .sum
.done:
  li a0, 0
  call exit
.bss
ev: .space 104
`;

function runDriver(source: string, mode: "kernel" | "user", cycles: number): { kernel: Kernel; ms: number } {
  // The getpid loop never blocks: lift the watchdog so kernel mode can finish it.
  const kernel = new Kernel({
    services: [],
    files: { "/drivers/bench.s": source },
    watchdogTicks: 1_000_000,
  });
  kernel.boot();
  kernel.shell.execute(`insmod /drivers/bench.s --mode ${mode}`);
  const start = performance.now();
  kernel.run(cycles);
  return { kernel, ms: performance.now() - start };
}

function driverCycles(kernel: Kernel): number {
  const record = kernel.drivers.get("bench.sys");
  const live = record?.pid !== undefined ? (kernel.processes.get(record.pid)?.thread.cycles ?? 0) : 0;
  return (record?.cycles ?? 0) + live;
}

function syscallFigures(): Figure[] {
  const user = runDriver(GETPID_LOOP, "user", 200_000_000);
  const kernel = runDriver(GETPID_LOOP, "kernel", 200_000_000);
  const userCycles = driverCycles(user.kernel) / CALLS;
  const kernelCycles = driverCycles(kernel.kernel) / CALLS;
  return [
    figure(
      "kernel.syscall_cycles",
      userCycles,
      "cycles/call",
      kernelCycles,
      "getpid from user mode (a trap each way); baseline: the same call from kernel mode (hcall)",
    ),
    figure(
      "kernel.syscall_ns",
      (user.ms * 1e6) / CALLS,
      "ns/call",
      (kernel.ms * 1e6) / CALLS,
      "host time per getpid round trip; baseline: kernel mode",
    ),
  ];
}

function eventFigures(): Figure[] {
  const perEvent = (mode: "kernel" | "user") => {
    const { kernel } = runDriver(EVENT_LOOP, mode, 6_000_000);
    const delivered = kernel.drivers.get("bench.sys")?.eventsDelivered ?? 0;
    return driverCycles(kernel) / Math.max(1, delivered);
  };
  const user = perEvent("user");
  const kernel = perEvent("kernel");
  return [
    figure(
      "kernel.cycles_per_event",
      user,
      "cycles/event",
      kernel,
      "the same sensor loop in user mode; baseline: in kernel mode (the price of isolation)",
    ),
  ];
}

function bootFigures(): Figure[] {
  const bootOnce = (services: string[] | undefined) => {
    const kernel = new Kernel(services ? { services } : {});
    const start = performance.now();
    kernel.boot();
    return performance.now() - start;
  };
  bootOnce(undefined);
  const samples = Array.from({ length: 5 }, () => bootOnce(undefined)).sort((a, b) => a - b);
  const bare = Array.from({ length: 5 }, () => bootOnce([])).sort((a, b) => a - b);
  return [
    figure(
      "kernel.boot_ms",
      samples[2],
      "ms",
      bare[2],
      "boot to the shell prompt with the default services (builds cached after the first boot); baseline: no services",
    ),
  ];
}

/**
 * The whole system as one value, for the default machine (1 MiB, the clock, the bank and the shell)
 * after two seconds of machine time with a user-mode driver loaded and restarted: machine, kernel record
 * and disk. Baseline: the machine-only snapshot of the same machine.
 */
function systemSnapshotFigures(): Figure[] {
  const k = new Kernel({ seed: 1 });
  k.boot();
  k.input({ kind: "insmod", path: "/drivers/null-driver.c", mode: "user" });
  runUntil(k, 2_000_000);
  // The median of many single timings: one snapshot allocates a megabyte, so a mean would mostly
  // measure when the garbage collector happened to run, and what else the host was doing.
  const time = (work: () => void) => {
    // Warm up first: the first megabyte-sized allocations of a process pay for the host's page faults.
    for (let i = 0; i < 20; i++) work();
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const start = performance.now();
      work();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[times.length >> 1];
  };
  const saved = snapshotSystem(k);
  const snapshotMs = time(() => snapshotSystem(k));
  const restoreMs = time(() => restoreSystem(k, saved));
  const machineMs = time(() => snapshot(k.machine));
  return [
    figure(
      "system.snapshot_ms",
      snapshotMs,
      "ms",
      machineMs,
      "default machine, median of 60; baseline: the machine alone",
    ),
    figure(
      "system.restore_ms",
      restoreMs,
      "ms",
      machineMs,
      "default machine, median of 60; baseline: a machine snapshot",
    ),
  ];
}

export function kernelBenchmarks(): Figure[] {
  return [...syscallFigures(), ...eventFigures(), ...bootFigures(), ...systemSnapshotFigures()];
}
