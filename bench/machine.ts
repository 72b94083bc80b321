/** Machine figures: guest instructions per second (ALU and memory loops, user mode, paging on), snapshots. */
import { CR, PTE, STATUS_USER } from "../src/machine/isa";
import { Machine } from "../src/machine/machine";
import { bumpAllocator, mapPage } from "../src/machine/pageTables";
import { restore, snapshot } from "../src/machine/snapshot";
import { ins, words } from "../test/support/encode";
import { cpuSeconds, type Figure, figure } from "./figure";

const CODE = 0x0040_0000;
const DATA = 0x0080_0000;
const ITERATIONS = 5_000_000;
/** Each figure is the best of this many runs (about 0.15 s each): other tenants of a shared machine only ever slow a run down. */
const RUNS = 10;

/** A user-mode address space with one code page and one data page, and the program loaded. */
function userMachine(program: number[]): Machine {
  const m = new Machine();
  const allocate = bumpAllocator(m.memory, 0x10000, m.memory.size);
  const directory = allocate();
  const code = allocate();
  const data = allocate();
  mapPage(m.memory, directory, CODE, code, PTE.USER | PTE.EXECUTABLE, allocate);
  mapPage(m.memory, directory, DATA, data, PTE.USER | PTE.WRITABLE, allocate);
  m.memory.writeBytes(code, words(program));
  m.cpu.cr[CR.PTBR] = directory;
  m.mmu.setPageTableBase(directory);
  m.cpu.cr[CR.STATUS] = STATUS_USER;
  m.cpu.pc = CODE;
  return m;
}

const loadCounter = [ins("lui", "t0", ITERATIONS >>> 16), ins("ori", "t0", "t0", ITERATIONS & 0xffff)];

const aluLoop = [
  ...loadCounter,
  ins("add", "a0", "a0", "t0"),
  ins("xor", "a1", "a1", "a0"),
  ins("shli", "a2", "a1", 3),
  ins("sub", "a3", "a2", "a0"),
  ins("addi", "t0", "t0", -1),
  ins("bne", "t0", "zero", -6),
  ins("sys", 0),
];

const memLoop = [
  ...loadCounter,
  ins("lui", "s0", DATA >>> 16),
  ins("ldw", "t1", "s0", 0),
  ins("addi", "t1", "t1", 1),
  ins("stw", "t1", "s0", 0),
  ins("ldw", "t2", "s0", 4),
  ins("add", "t2", "t2", "t1"),
  ins("stw", "t2", "s0", 4),
  ins("addi", "t0", "t0", -1),
  ins("bne", "t0", "zero", -8),
  ins("sys", 0),
];

const best = (measure: () => number): number => Math.max(...Array.from({ length: RUNS }, measure));

/** Runs to the final `sys 0` in slices of a million cycles, as the app does; instructions per second. */
function guestRate(program: number[]): { ips: number; instructions: number } {
  const m = userMachine(program);
  const start = cpuSeconds();
  for (;;) {
    const stop = m.run(1_000_000);
    if (stop.kind !== "budget") break;
  }
  const seconds = cpuSeconds() - start;
  return { ips: m.cpu.instructions / seconds, instructions: m.cpu.instructions };
}

/** The ALU loop's work as plain JavaScript: operations per second, counting the same 6 per iteration. */
function jsAluRate(): number {
  const start = cpuSeconds();
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let t0 = ITERATIONS; t0 !== 0; t0 = (t0 - 1) | 0) {
    a0 = (a0 + t0) | 0;
    a1 ^= a0;
    a2 = a1 << 3;
    a3 = (a2 - a0) | 0;
  }
  const seconds = cpuSeconds() - start;
  if (a3 === 42) console.error("");
  return (ITERATIONS * 6) / seconds;
}

/** The memory loop's work as plain JavaScript over a typed array: 8 operations per iteration. */
function jsMemRate(): number {
  const data = new Int32Array(1024);
  const start = cpuSeconds();
  for (let t0 = ITERATIONS; t0 !== 0; t0 = (t0 - 1) | 0) {
    const t1 = (data[0] + 1) | 0;
    data[0] = t1;
    data[1] = (data[1] + t1) | 0;
  }
  const seconds = cpuSeconds() - start;
  return (ITERATIONS * 8) / seconds;
}

function snapshotFigures(): Figure[] {
  const m = userMachine(aluLoop);
  m.run(100_000);
  const rounds = 50;
  let start = performance.now();
  let snap = snapshot(m);
  for (let i = 1; i < rounds; i++) snap = snapshot(m);
  const snapshotMs = (performance.now() - start) / rounds;
  start = performance.now();
  for (let i = 0; i < rounds; i++) restore(snap);
  const restoreMs = (performance.now() - start) / rounds;
  // Baseline: copying the machine's memory alone, the least a snapshot must do.
  start = performance.now();
  for (let i = 0; i < rounds; i++) m.memory.u8.slice();
  const copyMs = (performance.now() - start) / rounds;
  return [
    figure("machine.snapshot_ms", snapshotMs, "ms", copyMs, "1 MiB machine; baseline: copying its memory"),
    figure("machine.restore_ms", restoreMs, "ms", copyMs, "1 MiB machine; baseline: copying its memory"),
    figure(
      "machine.snapshot_bytes",
      snap.memory.length + 4 * (snap.regs.length + snap.cr.length),
      "bytes",
      snap.memory.length,
      "baseline: memory size",
    ),
  ];
}

export function machineBenchmarks(): Figure[] {
  // Warm up the interpreter so every figure measures optimized code.
  guestRate(aluLoop);
  const alu = best(() => guestRate(aluLoop).ips);
  const mem = best(() => guestRate(memLoop).ips);
  return [
    figure(
      "machine.alu_ips",
      alu,
      "instructions/s",
      best(jsAluRate),
      "user mode, paging on, best of 10 in CPU time; baseline: the same work as a plain JS loop",
    ),
    figure(
      "machine.mem_ips",
      mem,
      "instructions/s",
      best(jsMemRate),
      "user mode, load/store through the MMU, best of 10 in CPU time; baseline: plain JS over a typed array",
    ),
    ...snapshotFigures(),
  ];
}
