/** Kernel figures: system call round trip, cycles per event in each ring, boot time to the prompt. */
import { Kernel } from "../src/kernel/kernel";
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

export function kernelBenchmarks(): Figure[] {
  return [...syscallFigures(), ...eventFigures(), ...bootFigures()];
}
