/**
 * Snapshot and restore of a whole machine: CPU, memory, MMU base, devices (disk included), clock and
 * random state, as a plain structured-cloneable object. Restoring and running gives the identical run.
 * Time travel, crash dumps and the side-by-side view are built on this.
 *
 * The disk's files are shared between the machine and its snapshots, not copied: the disk never
 * changes a file's bytes in place, it replaces the file whole on every write (see Disk).
 */
import type { FileMeta } from "./devices/disk";
import type { SensorEvent } from "./devices/eventSource";
import { Machine, type StopReason } from "./machine";
import { SeededRandom } from "./random";

export interface MachineSnapshot {
  version: 1;
  seed: number;
  memory: Uint8Array;
  regs: number[];
  cr: number[];
  pc: number;
  cycles: number;
  instructions: number;
  trapCounts: number[];
  stopped: StopReason | null;
  /** Halted with interrupts enabled, waiting for one. */
  waiting: boolean;
  random: number;
  interrupts: { pending: number; mask: number };
  /** nextTick -1 stands for "stopped" (Infinity is not JSON). */
  timer: { period: number; nextTick: number; ticks: number };
  /** deadline -1 stands for "not due" (not armed, or fired). */
  watchdog: { period: number; deadline: number; stage: 0 | 1 };
  console: { input: number[]; transcript: string; screen: string; written: number };
  disk: {
    files: [string, Uint8Array][];
    meta: [string, FileMeta][];
    pathAddress: number;
    bufferAddress: number;
    length: number;
    result: number;
  };
  events: { feed: SensorEvent[]; cursor: number; result: number; announced: number; origin: number };
}

/** Everything but memory: what a time-travel checkpoint keeps beside the pages it stores. */
export type MachineState = Omit<MachineSnapshot, "memory">;

export function snapshot(m: Machine): MachineSnapshot {
  return { ...machineState(m), memory: m.memory.u8.slice() };
}

export function machineState(m: Machine): MachineState {
  const { interrupts, timer, console, disk, events, watchdog } = m.devices;
  return {
    version: 1,
    seed: m.seed,
    regs: Array.from(m.cpu.regs),
    cr: Array.from(m.cpu.cr),
    pc: m.cpu.pc,
    cycles: m.cpu.cycles,
    instructions: m.cpu.instructions,
    trapCounts: [...m.trapCounts],
    stopped: m.stopped ? { ...m.stopped } : null,
    waiting: m.waiting,
    random: m.random.state,
    interrupts: { pending: interrupts.pending, mask: interrupts.mask },
    timer: {
      period: timer.period,
      nextTick: Number.isFinite(timer.nextTick) ? timer.nextTick : -1,
      ticks: timer.ticks,
    },
    watchdog: {
      period: watchdog.period,
      deadline: Number.isFinite(watchdog.deadline) ? watchdog.deadline : -1,
      stage: watchdog.stage,
    },
    console: {
      input: [...console.input],
      transcript: console.transcript,
      screen: console.screen,
      written: console.written,
    },
    disk: {
      files: [...disk.files],
      meta: [...disk.meta].map(([path, meta]) => [path, { ...meta }]),
      pathAddress: disk.pathAddress,
      bufferAddress: disk.bufferAddress,
      length: disk.length,
      result: disk.result,
    },
    events: {
      // Shared, not copied: the feed is only ever replaced whole (EventSource.load), never changed in place.
      feed: events.feed,
      cursor: events.cursor,
      result: events.result,
      announced: m.getEventsAnnounced(),
      origin: events.origin,
    },
  };
}

/** A new machine in exactly the snapshot's state. */
export function restore(s: MachineSnapshot): Machine {
  const m = new Machine({ memoryBytes: s.memory.length, seed: s.seed });
  restoreInto(m, s);
  return m;
}

/**
 * Puts an existing machine into exactly the snapshot's state (its size and seed must match: a snapshot
 * of this machine). Whoever holds the machine keeps holding it: a kernel, a page's views.
 */
export function restoreInto(m: Machine, s: MachineSnapshot): void {
  m.memory.u8.set(s.memory);
  m.memory.markAllDirty();
  restoreMachineState(m, s);
}

/** Puts back everything but memory (the caller restores the memory's bytes itself). */
export function restoreMachineState(m: Machine, s: MachineState): void {
  m.cpu.regs.set(s.regs);
  m.cpu.cr.set(s.cr);
  m.cpu.pc = s.pc;
  m.cpu.cycles = s.cycles;
  m.cpu.instructions = s.instructions;
  m.trapCounts.splice(0, m.trapCounts.length, ...s.trapCounts);
  m.stopped = s.stopped ? { ...s.stopped } : undefined;
  m.waiting = s.waiting;
  m.random = new SeededRandom(s.seed);
  m.random.state = s.random;
  m.faulted = false;
  m.clearStopRequest();
  m.mmu.setPageTableBase(s.cr[8]);
  m.mmu.flush();
  const { interrupts, timer, console, disk, events, watchdog } = m.devices;
  interrupts.pending = s.interrupts.pending;
  interrupts.mask = s.interrupts.mask;
  timer.period = s.timer.period;
  timer.nextTick = s.timer.nextTick < 0 ? Number.POSITIVE_INFINITY : s.timer.nextTick;
  timer.ticks = s.timer.ticks;
  watchdog.period = s.watchdog.period;
  watchdog.deadline = s.watchdog.deadline < 0 ? Number.POSITIVE_INFINITY : s.watchdog.deadline;
  watchdog.stage = s.watchdog.stage;
  console.input = [...s.console.input];
  console.transcript = s.console.transcript;
  console.screen = s.console.screen;
  console.written = s.console.written;
  disk.restore(s.disk.files, s.disk.meta);
  disk.pathAddress = s.disk.pathAddress;
  disk.bufferAddress = s.disk.bufferAddress;
  disk.length = s.disk.length;
  disk.result = s.disk.result;
  events.feed = s.events.feed;
  events.cursor = s.events.cursor;
  events.result = s.events.result;
  events.origin = s.events.origin;
  m.setEventsAnnounced(s.events.announced);
}
