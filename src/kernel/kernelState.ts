/**
 * The kernel's whole state, in one plain record: no live objects and no closures, processes and
 * drivers referred to by pid and name. A structured clone copies it; together with a machine snapshot
 * (memory, CPU, devices, the disk) it is the whole system, which is what snapshots, restores, replays
 * and crash dumps stand on (src/kernel/systemSnapshot.ts). The operations are functions over it, in
 * files named for what they do: boot.ts, scheduler.ts, drivers.ts, programs.ts, traps.ts, ...
 *
 * Grouped by what each part is about:
 *
 *   status          firmware | running | bugcheck | off
 *   power           boots since power-on, safe mode, the boot-loop counters, machine time before this boot
 *   scheduler       who is on the CPU, who is ready, the tick, per-thread accounting
 *   processes       pid -> Process (its thread, image, address space, heap arena)
 *   drivers         name -> DriverRecord (mode, state, restart policy, event queue)
 *   memory          the frame table, the kernel pool's arena, the kernel's page directory
 *   bugcheck        the stop record and its crash dump, once the machine stopped
 *   log             typed events and dmesg lines, bounded
 *   shell           the console's line editor, history and foreground program
 */
import type { BootOptions } from "./boot";
import type { BugcheckRecord, CrashDump } from "./bugcheck";
import type { DriverRecord } from "./drivers";
import type { FrameTable } from "./frames";
import type { HeapArena } from "./guestHeap";
import { type LogRecord, newLogRecord } from "./kernelLog";
import type { Process } from "./process";

/** "firmware": waiting a moment at power-on for the safe-mode key (see KernelOptions.bootMenuCycles). */
export type KernelStatus = "firmware" | "running" | "bugcheck" | "off";

export interface PowerRecord {
  /** Boots since power-on, this one included. */
  bootNumber: number;
  safeMode: boolean;
  /** True from boot until the boot has run a while without crashing. */
  booting: boolean;
  failedBootsInRow: number;
  cleanBootsInRow: number;
  bootStartedAtCycles: number;
  /** This boot is the automatic recovery after failed boots. */
  recoveryOffered: boolean;
  /** Cycle count at which the firmware stops waiting for the safe-mode key. */
  firmwareUntil: number;
  /** Cycles run in the boots before this one: the machine's clock starts again at 0 on every boot. */
  cyclesBeforeThisBoot: number;
  /** Set by the shell's reboot command: the run loop reboots at once. */
  rebootRequested: BootOptions | undefined;
  /** Bank transactions lost to bugchecks since power-on (applied in memory, never saved). */
  lostTransactions: number;
}

export interface SchedulerRecord {
  /** The pid on the CPU; undefined while the idle loop runs. */
  current: number | undefined;
  /** Ready pids, in the order they get the CPU. */
  ready: number[];
  nextPid: number;
  /** Timer ticks in this boot. */
  tick: number;
  /** Cycle count when the current thread was put on the CPU, for per-thread accounting. */
  dispatchedAt: number;
  /** The pid the kernel is working for: it is charged the cycles until the next dispatch. */
  chargeTo: number | undefined;
  /** Set when the current thread must give up the CPU at the next kernel exit. */
  rescheduleNeeded: boolean;
  /** The current thread gave the CPU up itself (yield): kernel-mode threads switch only then. */
  yieldRequested: boolean;
}

export interface MemoryRecord {
  frames: FrameTable;
  pool: HeapArena;
  /** Physical address of the kernel's page directory. */
  kernelDirectory: number;
}

/** A menu the shell reads lines for instead of commands. */
export type ShellMenu = "recovery";

export interface ShellRecord {
  started: boolean;
  /** Set while the shell reads a menu's choices (the recovery screen) instead of commands. */
  menu: ShellMenu | undefined;
  line: string;
  history: string[];
  historyIndex: number;
  /** An escape sequence being typed (arrow keys). */
  escape: string;
  /** The pid of the program that holds the console, if any. */
  foreground: number | undefined;
  /** Keys typed for the foreground program, not yet read. */
  pendingInput: number[];
}

export interface KernelRecord {
  status: KernelStatus;
  power: PowerRecord;
  scheduler: SchedulerRecord;
  processes: Map<number, Process>;
  drivers: Map<string, DriverRecord>;
  memory: MemoryRecord;
  bugcheck: BugcheckRecord | undefined;
  crashDump: CrashDump | undefined;
  log: LogRecord;
  shell: ShellRecord;
}

export function newShellRecord(): ShellRecord {
  return {
    started: false,
    menu: undefined,
    line: "",
    history: [],
    historyIndex: 0,
    escape: "",
    foreground: undefined,
    pendingInput: [],
  };
}

export function newSchedulerRecord(): SchedulerRecord {
  return {
    current: undefined,
    ready: [],
    nextPid: 1,
    tick: 0,
    dispatchedAt: 0,
    chargeTo: undefined,
    rescheduleNeeded: false,
    yieldRequested: false,
  };
}

/** The record of a machine that has never been switched on. */
export function newKernelRecord(): KernelRecord {
  return {
    status: "off",
    power: {
      bootNumber: 0,
      safeMode: false,
      booting: false,
      failedBootsInRow: 0,
      cleanBootsInRow: 0,
      bootStartedAtCycles: 0,
      recoveryOffered: false,
      firmwareUntil: 0,
      cyclesBeforeThisBoot: 0,
      rebootRequested: undefined,
      lostTransactions: 0,
    },
    scheduler: newSchedulerRecord(),
    processes: new Map(),
    drivers: new Map(),
    memory: { frames: { owners: [], free: [] }, pool: { base: 0, end: 0 }, kernelDirectory: 0 },
    bugcheck: undefined,
    crashDump: undefined,
    log: newLogRecord(),
    shell: newShellRecord(),
  };
}
