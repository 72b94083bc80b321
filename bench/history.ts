/**
 * History figures: forward speed with history on against off, host bytes held for 10 million
 * instructions of history, and how long going back takes (one instruction, one line, the previous
 * trap, just before the fault, and a jump to any moment).
 */
import { History } from "../src/kernel/history";
import { Kernel } from "../src/kernel/kernel";
import { beforeFault, previousTrap, stepBack, stepBackLine } from "../src/kernel/travel";
import { cpuSeconds, type Figure, figure } from "./figure";

/** A kernel-mode driver that computes and writes memory without pause: the worst case for checkpoints. */
const BUSY = `int table[4096];
int main(void) {
  int i = 0;
  int n = 1;
  while (1) {
    table[(i * 17) & 4095] = n;
    n = n * 5 + table[(i * 7) & 4095];
    i++;
  }
  return 0;
}
`;

const CYCLES = 40_000_000;
const RUNS = 3;

function busyKernel(): Kernel {
  const k = new Kernel({ services: [], files: { "/drivers/busy.c": BUSY }, watchdogTicks: 1_000_000_000 });
  k.boot();
  k.input({ kind: "insmod", path: "/drivers/busy.c", mode: "kernel" });
  return k;
}

/** Seconds of CPU to run the busy machine CYCLES cycles, best of RUNS, with or without history. */
function forwardSeconds(withHistory: boolean): { seconds: number; history?: History; instructions: number } {
  let best = Number.POSITIVE_INFINITY;
  let kept: History | undefined;
  let instructions = 0;
  for (let run = 0; run < RUNS; run++) {
    const k = busyKernel();
    const h = withHistory ? new History(k) : undefined;
    const start = cpuSeconds();
    const before = k.machine.cpu.instructions;
    if (h) h.run(CYCLES);
    else k.run(CYCLES);
    best = Math.min(best, cpuSeconds() - start);
    instructions = k.machine.cpu.instructions - before;
    kept = h;
  }
  return { seconds: best, history: kept, instructions };
}

/** Bytes a checkpoint's kernel record takes, estimated from its JSON (typed arrays by length). */
function recordBytes(k: Kernel): number {
  return JSON.stringify(k.record, (key, v) =>
    key === "image" || key === "loadedImage" || key === "log" || key === "crashDump"
      ? undefined
      : v instanceof Map
        ? [...v.entries()]
        : ArrayBuffer.isView(v)
          ? (v as Uint8Array).length * 4
          : v,
  ).length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds per call of `go`, at `points` moments spread over the window (the median, and the worst). */
function timeAt(h: History, points: number, go: () => void): { median: number; worst: number } {
  const times: number[] = [];
  const span = h.end - h.start;
  for (let i = 1; i <= points; i++) {
    h.seek(h.start + Math.floor((span * i) / (points + 1)));
    const start = performance.now();
    go();
    times.push(performance.now() - start);
  }
  return { median: median(times), worst: Math.max(...times) };
}

export function historyBenchmarks(): Figure[] {
  const off = forwardSeconds(false);
  const on = forwardSeconds(true);
  const h = on.history as History;
  const slowdown = on.seconds / off.seconds;
  const perInstruction = (h.bytesHeld + h.checkpointCount * recordBytes(h.kernel)) / on.instructions;
  const bytes10m = perInstruction * 10_000_000;

  // Going back, on a machine that ran a second of sensor events and then crashed in kernel mode.
  const k = new Kernel({ seed: 1 });
  k.boot();
  const crashed = new History(k);
  crashed.run(1_000_000);
  k.input({ kind: "insmod", path: "/drivers/null-driver.c", mode: "kernel" });
  crashed.run(4_000_000);
  const crashTime = crashed.now;
  const one = timeAt(crashed, 20, () => stepBack(crashed));
  const line = timeAt(crashed, 10, () => stepBackLine(crashed));
  const trap = timeAt(crashed, 10, () => previousTrap(crashed));
  const jumps: number[] = [];
  for (let i = 0; i < 20; i++) {
    const target = crashed.start + Math.floor(((crashTime - crashed.start) * ((i * 7) % 20)) / 20);
    const start = performance.now();
    crashed.seek(target);
    jumps.push(performance.now() - start);
  }
  crashed.seek(crashTime);
  let start = performance.now();
  beforeFault(crashed);
  const fault = performance.now() - start;
  // The busy machine too: one instruction back there replays a busy interval.
  start = performance.now();
  stepBack(h);
  const busyOne = performance.now() - start;

  return [
    figure(
      "history.slowdown",
      slowdown,
      "ratio",
      1.1,
      `busy kernel-mode driver, ${CYCLES / 1e6}M cycles, CPU time with history on / off (${on.seconds.toFixed(3)} s / ${off.seconds.toFixed(3)} s); baseline: the goal`,
    ),
    figure(
      "history.bytes_per_10m_instructions",
      bytes10m,
      "bytes",
      16 * 1024 * 1024,
      `page store in use + keyframe + kernel records, scaled from ${h.checkpointCount} checkpoints over ${(on.instructions / 1e6).toFixed(1)}M instructions; baseline: the goal`,
    ),
    figure(
      "history.step_back_ms",
      one.median,
      "ms",
      1,
      "one instruction back, median of 20 points; baseline: the goal",
    ),
    figure(
      "history.step_back_ms.one_worst",
      Math.max(one.worst, busyOne),
      "ms",
      1,
      "one instruction back, worst point (idle and busy machines)",
    ),
    figure(
      "history.step_back_ms.jump",
      Math.max(...jumps),
      "ms",
      16,
      "seek to any moment, worst of 20; baseline: the goal",
    ),
    figure("history.step_back_ms.line", line.median, "ms", 16, "one C line back, median of 10 points"),
    figure("history.step_back_ms.trap", trap.median, "ms", 16, "to the previous trap, median of 10 points"),
    figure(
      "history.step_back_ms.before_fault",
      fault,
      "ms",
      16,
      "from the bluescreen to just before the fault",
    ),
  ];
}
