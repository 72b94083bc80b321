/**
 * Moving about in time, on top of History: back one instruction, back one C line, back to the previous
 * trap, and to "just before the fault" of a crash. Each finds a moment (an instruction boundary, in
 * machine time since power-on) and goes there with `seek`, so going forward again from it replays the
 * same run.
 *
 * Instruction boundaries are found by stepping one instruction at a time from a little earlier, reached
 * by a replay at full speed; the history keeps a near checkpoint there, so that the final move back and
 * the next step back restore it instead of replaying a whole checkpoint interval again. Traps
 * are found by narrowing down over time, because the number of traps taken only grows: with the boot
 * number in front (the machine's counts restart at each boot) it is a clock of its own. The checkpoints
 * keep the counts, so whole intervals without the trap wanted are skipped without a replay.
 */
import { TRAP } from "../machine/isa";
import type { History } from "./history";
import type { Kernel } from "./kernel";
import { sourceLocation } from "./modules";

/** Traps that are faults (what ends a process or bugchecks the machine). */
export const FAULT_CAUSES: readonly number[] = [
  TRAP.PAGE_FAULT,
  TRAP.PROTECTION_FAULT,
  TRAP.ILLEGAL_INSTRUCTION,
  TRAP.DIVIDE_BY_ZERO,
  TRAP.BREAKPOINT,
];
/** Traps a learner steps between: faults and system calls (timer and device interrupts are left out). */
export const STEP_CAUSES: readonly number[] = [...FAULT_CAUSES, TRAP.SYSCALL];

/**
 * How many cycles back the first search for a previous boundary or line looks; it grows fourfold. A
 * boundary is rarely more than a few cycles back (an instruction costs a few, taking an interrupt some
 * tens, a halted processor has one every cycle), a line's start usually a few hundred.
 */
const FIRST_REACH = 64;
const LINE_REACH = 256;
/** How far before the moment a trap search first looks, in cycles, before it falls back on checkpoints. */
const NEAR_REACHES = [256, 4096];
/** A span a trap search steps through one instruction at a time rather than narrowing further. */
const STEP_THROUGH = 512;
/** Boundaries a line search records at most before giving up. */
const MAX_LINE_STEPS = 1 << 16;

/**
 * Goes back one instruction. False at the start of the window. It looks a few cycles back (one restore
 * and a replay at full speed), leaves a near checkpoint there, steps to now noting the boundaries, and
 * goes to the last one before now (a restore of that near checkpoint and a few cycles of replay).
 */
export function stepBack(h: History): boolean {
  const target = h.now;
  for (let reach = FIRST_REACH; ; reach *= 4) {
    const from = Math.max(h.start, target - reach);
    const boundaries = boundariesBetween(h, from, target, 1);
    if (boundaries === undefined) return false;
    if (boundaries.length > 0) return h.seek(boundaries[boundaries.length - 1]);
    if (from === h.start) {
      h.seek(target);
      return false;
    }
  }
}

/**
 * The instruction boundaries in [from, to): steps one at a time from seek(from), which it leaves a near
 * checkpoint at. Undefined when `from` cannot be reached; keeps the latest `max` boundaries.
 */
function boundariesBetween(h: History, from: number, to: number, max: number): number[] | undefined {
  if (!h.seek(from)) return undefined;
  h.keepNearCheckpoint();
  const found: number[] = [];
  while (h.now < to) {
    found.push(h.now);
    if (found.length > max) found.shift();
    const before = h.now;
    // Halted until after `to`: every cycle up to it is a boundary (the clock ticks on one at a time
    // while nothing runs), so the last one before `to` is `to - 1`.
    const wake = wakeAt(h);
    if (wake !== undefined && wake > to && before < to - 1) h.runTo(to - 1);
    else h.runTo(before + 1);
    if (h.now === before) break;
  }
  return found;
}

/**
 * When a halted processor wakes at the earliest: its next device deadline, or the next recorded input
 * (a key, a file). Undefined when it is not halted.
 */
function wakeAt(h: History): number | undefined {
  const k = h.kernel;
  const m = k.machine;
  if (!m.waiting || k.state !== "running") return undefined;
  const input = h.inputs[k.journal.length]?.at ?? Number.POSITIVE_INFINITY;
  return Math.min(h.now + (m.nextDeviceDeadline() - m.cpu.cycles), input);
}

/**
 * Where pc is in source: "pid:file:line" of the process on the CPU, or undefined. In a program built
 * from C, only its C lines count (the assembly of its kernel-call stubs is passed over).
 */
export function lineAt(k: Kernel): string | undefined {
  const process = k.current;
  if (!process) return undefined;
  const where = sourceLocation(process, k.machine.cpu.pc >>> 0);
  if (!where || (process.image.debug && where.file.endsWith(".s"))) return undefined;
  return `${process.pid}:${where.file}:${where.line}`;
}

/**
 * The next moment at which what lineAt says can change: the next boundary, or while the processor is
 * halted (nothing runs until a device wakes it) the device deadline that ends the wait.
 */
function nextChange(h: History, limit: number): number {
  const wake = wakeAt(h);
  return wake === undefined ? h.now + 1 : Math.max(h.now + 1, Math.min(limit, wake));
}

/**
 * Goes back to the start of the previous source line executed (code without a source map, the
 * kernel's, is passed over). False when no earlier line is found inside the window. Each try replays
 * from a little earlier (at full speed, then boundary by boundary, a halted wait in one go), and the
 * moment found is reached from the near checkpoint the try left.
 */
export function stepBackLine(h: History): boolean {
  const target = h.now;
  const current = lineAt(h.kernel);
  for (let reach = LINE_REACH; ; reach *= 4) {
    const from = Math.max(h.start, target - reach);
    if (!h.seek(from)) return false;
    h.keepNearCheckpoint();
    const trace: { time: number; line: string | undefined }[] = [];
    while (h.now < target && trace.length < MAX_LINE_STEPS) {
      trace.push({ time: h.now, line: lineAt(h.kernel) });
      const before = h.now;
      h.runTo(nextChange(h, target));
      if (h.now === before) break;
    }
    let i = trace.length - 1;
    while (i >= 0 && (trace[i].line === undefined || trace[i].line === current)) i--;
    if (i >= 0) {
      const line = trace[i].line;
      let first = i;
      for (let j = i - 1; j >= 0; j--) {
        if (trace[j].line === line) first = j;
        else if (trace[j].line !== undefined) break;
      }
      // The run of that line reaches back to the start of the trace: it may begin earlier still.
      const whole = first > 0 || from === h.start;
      if (whole || trace.length >= MAX_LINE_STEPS) return h.seek(trace[first].time);
    }
    if (from === h.start || trace.length >= MAX_LINE_STEPS) {
      h.seek(target);
      return false;
    }
  }
}

/** Boot number and traps of the given causes taken so far, as one number that only grows. */
function trapClock(boot: number, counts: readonly number[], causes: readonly number[]): number {
  let n = 0;
  for (const cause of causes) n += counts[cause] ?? 0;
  return boot * 2 ** 32 + n;
}

function clockNow(h: History, causes: readonly number[]): number {
  return trapClock(h.kernel.bootNumber, h.kernel.machine.trapCounts, causes);
}

/**
 * Goes to the last instruction boundary before `before` at which the trap clock is below `below`: the
 * moment just before the trap that brought it to `below` was taken. False if that is before the window.
 */
function lastBoundaryBelow(h: History, causes: readonly number[], below: number, before: number): boolean {
  const isBelow = () => h.now < before && clockNow(h, causes) < below;
  // A low end: a moment shortly before (a fault is usually a few instructions before its crash), else
  // the latest checkpoint whose clock is below.
  let lo: number | undefined;
  for (const reach of NEAR_REACHES) {
    const at = before - reach;
    if (at < h.start) break;
    h.seek(at);
    if (isBelow()) {
      lo = at;
      break;
    }
  }
  if (lo === undefined) {
    let index = h.checkpointBefore(before);
    while (index >= 0) {
      const c = h.checkpointAt(index);
      if (c && trapClock(c.boot, c.trapCounts, causes) < below) break;
      index--;
    }
    if (index < 0) return false;
    lo = h.checkpointAt(index)?.time ?? h.start;
  }
  let hi = before;
  // Invariant: seek(lo) is below the clock wanted and seek(hi) is not. Each pass replays from lo in
  // 32 steps and keeps the one the trap is in, until the span is short enough to step through.
  while (hi - lo > STEP_THROUGH) {
    const chunk = Math.max(1, Math.ceil((hi - lo) / 32));
    if (!h.seek(lo)) return false;
    let narrowed = false;
    while (h.now < hi) {
      const at = h.now;
      const to = Math.min(hi, at + chunk);
      h.runTo(to);
      if (h.now === at) return false;
      if (!isBelow()) {
        lo = at;
        hi = to;
        narrowed = true;
        break;
      }
    }
    if (!narrowed) return false;
  }
  // Step through the rest one instruction at a time: the last boundary still below is the one.
  if (!h.seek(lo) || !isBelow()) return false;
  let last = h.now;
  for (;;) {
    const at = h.now;
    h.runTo(at + 1);
    if (h.now === at || !isBelow()) break;
    last = h.now;
  }
  h.seek(last);
  return isBelow();
}

/** Goes back to just before the previous trap (a fault or a system call) was taken. */
export function previousTrap(h: History): boolean {
  const now = h.now;
  const clock = clockNow(h, STEP_CAUSES);
  if (lastBoundaryBelow(h, STEP_CAUSES, clock, now)) return true;
  h.seek(now);
  return false;
}

/** A crash whose fault to go back to: a bugcheck, or a user-mode driver's process fault. */
export interface CrashMoment {
  /** Machine time since power-on of the crash's event. */
  time: number;
}

/**
 * Goes to just before the fault behind a crash: the boundary at which the faulting instruction is the
 * next to run (pc points at it, nothing of it done). Without a crash given, the latest bugcheck or
 * process fault in the log up to now. False when there is none, or its fault left the window.
 */
export function beforeFault(h: History, crash?: CrashMoment): boolean {
  const now = h.now;
  const time = crash?.time ?? latestCrash(h.kernel)?.time;
  if (time === undefined) return false;
  // The clock of faults just after the crash: go there (its event is recorded as it happened).
  if (!h.seek(time)) return false;
  const clock = clockNow(h, FAULT_CAUSES);
  if (lastBoundaryBelow(h, FAULT_CAUSES, clock, time)) return true;
  h.seek(now);
  return false;
}

/** The latest crash in the kernel's log: a bugcheck with a fault, or a process fault. */
export function latestCrash(k: Kernel): CrashMoment | undefined {
  const events = k.log.events;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind === "process-fault" || (e.kind === "bugcheck" && e.fault !== null)) return { time: e.time };
  }
  return undefined;
}
