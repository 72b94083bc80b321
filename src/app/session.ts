/**
 * The workbench session: one machine (a booted kernel) built from the scenario (seed and files), and
 * what the app keeps about it. After each slice the views catch up with the kernel's log (every event
 * carries what a view needs) and the summaries (processes, drivers, the disk, the clock) are refreshed
 * a few times a second. Everything the learner does reaches the machine through the kernel's door for
 * inputs, so a session can be replayed from its journal. Nothing here touches the DOM: the page drives
 * `advance` from its frame loop, the tests drive it directly.
 */

import { History } from "../kernel/history";
import type { SystemInput } from "../kernel/inputs";
import { Kernel } from "../kernel/kernel";
import { eventsSince, type KernelEvent } from "../kernel/kernelLog";
import { formatLocation } from "../kernel/modules";
import { ringOf } from "../kernel/process";
import { STOP_CODES, type StopCodeName } from "../kernel/stopCodes";
import type { AppState, BugcheckView, DiskEntry, DriverRow, FaultView, ProcessRow } from "./state";
import type { Store } from "./store";
import { describeEvent, hex32, TIMELINE_LIMIT, timelineEntry } from "./timeline";

/** Seconds the bluescreen stays before the machine restarts by itself. */
export const BLUESCREEN_SECONDS = 15;
/** Real milliseconds between refreshes of the process, driver and disk summaries. */
const REFRESH_MS = 200;
const ANNOUNCEMENTS_KEPT = 6;

export interface SessionOptions {
  /** Cycles the firmware waits at power-on for S or F8 (safe mode); 0 boots at once. */
  bootMenuCycles?: number;
}

export class Session {
  kernel!: Kernel;
  /** The machine's history: every run goes through it, so the learner can go back (timeTravel.ts). */
  history!: History;
  /** The log's sequence number up to which the views have been brought. */
  private seenSeq = 0;
  /** The boot the next unseen event belongs to. */
  private boot = 0;
  private sinceRefresh = 0;
  private nextAnnouncement = 1;

  constructor(
    private readonly store: Store<AppState>,
    private readonly options: SessionOptions = {},
  ) {
    this.start();
    this.sync(true);
  }

  /** Powers on a new machine built from the scenario: a fresh disk with the learner's files on it. */
  reset(): void {
    this.start();
    this.store.update((s) => {
      s.machine.generation++;
      s.machine.fault = null;
      s.machine.bugcheck = null;
      s.machine.rebootIn = null;
      s.timeline = [];
      s.step = null;
    });
    this.sync(true);
  }

  /** Restarts the same machine (after a bugcheck, or on request); the disk survives. */
  reboot(safeMode = false): void {
    this.kernel.input({ kind: "boot", ...(safeMode ? { safeMode } : {}) });
    this.store.update((s) => {
      s.machine.bugcheck = null;
      s.machine.rebootIn = null;
      s.machine.fault = null;
      s.step = null;
    });
    this.sync(true);
  }

  /** Where new machines come from when not from the scenario: an open lesson's (see useMachine). */
  private factory: (() => Kernel) | undefined;

  /**
   * From now on new machines come from `factory` (a lesson's machine, already booted and set up), or
   * from the scenario again when it is undefined. A new machine replaces the current one at once.
   */
  useMachine(factory: (() => Kernel) | undefined): void {
    this.factory = factory;
    this.reset();
  }

  private start(): void {
    const { seed, files } = this.store.get().scenario;
    if (this.factory) {
      // A lesson's machine: its events so far belong to its setup, not to the views.
      this.kernel = this.factory();
      this.history = new History(this.kernel);
      this.seenSeq = this.kernel.log.nextSeq;
      this.boot = this.kernel.bootNumber;
      return;
    }
    this.kernel = new Kernel({
      seed,
      files: { ...files },
      bootMenuCycles: this.options.bootMenuCycles ?? 0,
    });
    this.seenSeq = 0;
    this.boot = 0;
    this.kernel.boot();
    this.history = new History(this.kernel);
  }

  /**
   * Runs the machine for up to `cycles` cycles (time passes in the firmware's wait for the safe-mode
   * key too); false once it cannot run (bugcheck, powered off).
   */
  advance(cycles: number): boolean {
    // In the past, a stopped machine still has its recorded future (the reboot after a bluescreen).
    if (!runs(this.kernel) && this.history.atHead) return false;
    const before = this.kernel.state;
    this.history.run(cycles);
    // Something happened: bring every summary up to date with it at once (it is cheap).
    if (this.kernel.log.nextSeq > this.seenSeq || this.kernel.state !== before) this.sync(true);
    return runs(this.kernel) || !this.history.atHead;
  }

  /**
   * After travelling in time the log and the machine are as they were then: the views start over from
   * the log (without announcing again what was announced), and the bluescreen shows only if the
   * machine is on one at that moment.
   */
  afterTravel(): void {
    const k = this.kernel;
    this.seenSeq = k.log.events[0]?.seq ?? k.log.nextSeq;
    this.boot = k.log.events[0]?.kind === "boot" ? k.log.events[0].bootNumber : k.bootNumber;
    this.store.update((s) => {
      s.timeline = [];
      s.machine.bugcheck = null;
      s.machine.rebootIn = null;
      s.machine.fault = null;
      s.step = null;
    });
    this.sync(true, false);
  }

  /**
   * After each frame: counts down the bluescreen (at the run speed when faster than real time, so a
   * fast-forwarded demo does not wait) and refreshes the summaries every REFRESH_MS.
   */
  afterFrame(realMs: number, speed: number): void {
    const { machine, run } = this.store.get();
    if (machine.rebootIn !== null && run.status === "running") {
      const left = machine.rebootIn - (realMs / 1000) * Math.max(1, speed);
      if (left <= 0) this.reboot();
      else if (Math.ceil(left) !== Math.ceil(machine.rebootIn) || left !== machine.rebootIn)
        this.store.update((s) => {
          s.machine.rebootIn = left;
        });
    }
    this.sinceRefresh += realMs;
    if (this.sinceRefresh >= REFRESH_MS) this.sync(true);
  }

  /** Types into the machine's console, as the keyboard would. */
  type(text: string): void {
    this.kernel.input({ kind: "keys", text });
  }

  /** Runs a shell command as if typed at the prompt (echoed on the console first); false if the machine is down. */
  command(line: string): boolean {
    if (this.kernel.state !== "running") return false;
    this.kernel.input({ kind: "command", line });
    this.sync(true);
    return true;
  }

  /** Sends an input to the machine (see kernel/inputs.ts) and brings the views up to date. */
  input(input: SystemInput): string {
    const said = this.kernel.input(input);
    this.sync(true);
    return said;
  }

  /**
   * Brings the views up to date with the kernel's log and, with `full`, refreshes every summary. The
   * views are derived from the log and the state: nothing is collected while the machine runs.
   */
  sync(full: boolean, announce = true): void {
    const k = this.kernel;
    const fresh = eventsSince(k.log, this.seenSeq);
    this.seenSeq = k.log.nextSeq;
    const processes = full ? processRows(k) : undefined;
    const drivers = full ? driverRows(k) : undefined;
    const disk = full ? diskEntries(k) : undefined;
    if (full) this.sinceRefresh = 0;
    this.store.update((s) => {
      for (const event of fresh) {
        if (event.kind === "boot") this.boot = event.bootNumber;
        s.timeline.push(timelineEntry(event, this.boot));
        const announcement = announce ? describeEvent(event).announce : undefined;
        if (announcement) {
          s.announcements.push({ id: this.nextAnnouncement++, ...announcement });
          if (s.announcements.length > ANNOUNCEMENTS_KEPT) s.announcements.shift();
        }
        const fault = faultOf(k, event);
        if (fault) s.machine.fault = fault;
      }
      if (s.timeline.length > TIMELINE_LIMIT) s.timeline.splice(0, s.timeline.length - TIMELINE_LIMIT);
      s.machine.state = k.state;
      s.machine.bootNumber = k.bootNumber;
      s.machine.safeMode = k.safeMode;
      if (k.state === "bugcheck" && k.bugcheckRecord && s.machine.bugcheck === null) {
        s.machine.bugcheck = bugcheckView(k);
        // In the past the recorded future decides when the machine restarts, not the countdown.
        s.machine.rebootIn = this.history.atHead ? BLUESCREEN_SECONDS : null;
      }
      if (full) {
        s.clock.tick = k.tick;
        s.clock.cycles = k.machine.cpu.cycles;
        s.clock.instructions = k.machine.cpu.instructions;
        if (!sameRows(s.processes, processes)) s.processes = processes as ProcessRow[];
        if (!sameRows(s.drivers, drivers)) s.drivers = drivers as DriverRow[];
        if (!sameRows(s.disk, disk)) s.disk = disk as DiskEntry[];
      }
    });
  }
}

/** The machine takes time: running, or waiting in its firmware for the safe-mode key. */
export function runs(k: Kernel): boolean {
  return k.state === "running" || k.state === "firmware";
}

/** What a fault event says, as the views show it: every fact is in the event (see kernelLog.ts). */
function faultOf(k: Kernel, event: KernelEvent): FaultView | null {
  if (event.kind === "process-fault") {
    if (event.address === 0 && !event.pageFault) return null;
    return {
      address: event.address >>> 0,
      access: event.pageFault?.access ?? null,
      frame: event.frame,
      pc: event.pc >>> 0,
      who: `${event.name} (pid ${event.pid})`,
      ring: "user",
      message: event.message,
      source: event.location ? formatLocation(event.location) : null,
    };
  }
  if (event.kind === "bugcheck" && event.fault) {
    // The machine stays stopped on the bugcheck, so the thread that was on the CPU is still there.
    const process = k.state === "bugcheck" ? k.current : undefined;
    return {
      address: event.fault.address >>> 0,
      access: event.fault.access,
      frame: event.fault.frame,
      pc: event.fault.pc >>> 0,
      who: process ? `${process.name} (pid ${process.pid})` : (event.module ?? "the kernel"),
      ring: "kernel",
      message: event.message,
      source: event.location ? formatLocation(event.location) : null,
    };
  }
  return null;
}

export function bugcheckView(k: Kernel): BugcheckView | null {
  const r = k.bugcheckRecord;
  if (!r) return null;
  return {
    stopCode: r.stopCode,
    code: r.code,
    parameters: [...r.parameters],
    module: r.module,
    message: r.message,
    source: r.source ?? null,
    explanation: STOP_CODES[r.stopCode as StopCodeName]?.explanation ?? "",
    duringBoot: r.duringBoot,
  };
}

export function processRows(k: Kernel): ProcessRow[] {
  return [...k.processes.values()]
    .map((p) => ({
      pid: p.pid,
      name: p.name,
      ring: p.ring,
      role: p.role,
      state: k.state === "bugcheck" ? "stopped" : p.thread.state,
      cycles: p.thread.cycles,
      status: p.status ?? null,
    }))
    .sort((a, b) => a.pid - b.pid);
}

export function driverRows(k: Kernel): DriverRow[] {
  return [...k.drivers.values()].map((d) => ({
    name: d.name,
    path: d.path,
    mode: d.mode,
    state:
      k.state === "bugcheck" && ringOf(d.mode) === "kernel" && d.state === "running" ? "crashed" : d.state,
    crashes: d.crashes + (k.state === "bugcheck" && k.bugcheckRecord?.module === d.name ? 1 : 0),
    restarts: d.restarts,
    boot: d.boot,
    pid: d.pid ?? null,
    lastMessage: d.lastMessage ?? null,
  }));
}

export function diskEntries(k: Kernel): DiskEntry[] {
  const disk = k.machine.devices.disk;
  return disk.list().map((path) => ({ path, size: disk.read(path)?.length ?? 0 }));
}

/** Shallow equality of two lists of flat records, to leave the store alone when nothing changed. */
function sameRows<T extends object>(a: readonly T[], b: readonly T[] | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Record<string, unknown>;
    const y = b[i] as Record<string, unknown>;
    for (const key of Object.keys(y)) if (!Object.is(x[key], y[key])) return false;
  }
  return true;
}

export { hex32 };
