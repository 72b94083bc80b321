/**
 * What happened, as typed events: the timeline the app draws and the facts lesson checks test.
 * Each entry carries the machine time it happened at, and everything a view needs to show it: a view
 * never has to read the machine back at the moment an event happens.
 */
import type { VerifierMessage } from "../verifier/report";
import type { SourceLocation } from "./modules";

export type KernelEventBody =
  | { kind: "boot"; bootNumber: number; safeMode: boolean; recovery: boolean }
  | { kind: "boot-complete"; bootNumber: number }
  | { kind: "process-start"; pid: number; name: string; role: "program" | "driver" }
  | { kind: "process-exit"; pid: number; name: string; code: number }
  | {
      kind: "process-fault";
      pid: number;
      name: string;
      message: string;
      address: number;
      pc: number;
      /** For a page fault: the access that faulted and why; null for every other way a process ends. */
      pageFault: PageFaultDetail | null;
      /** The C (or assembly) line the faulting pc came from, when the source map knows it. */
      location: SourceLocation | null;
      /** The physical frame behind the faulting address, if a page backs it. */
      frame: number | null;
    }
  | { kind: "process-killed"; pid: number; name: string; reason: string }
  | { kind: "driver-load"; driver: string; mode: DriverMode; path: string; boot: boolean }
  | { kind: "driver-load-failed"; path: string; mode: DriverMode; message: string }
  | { kind: "driver-unload"; driver: string }
  | { kind: "driver-crash"; driver: string; mode: DriverMode; message: string; crashes: number }
  | { kind: "driver-hung"; driver: string; ticks: number }
  | { kind: "driver-restart"; driver: string; attempt: number }
  | { kind: "driver-restart-scheduled"; driver: string; attempt: number; delayTicks: number }
  | { kind: "driver-give-up"; driver: string; failures: number; windowTicks: number }
  | { kind: "request-terminated"; driver: string; request: string; status: "DRIVER_PROCESS_TERMINATED" }
  | {
      kind: "bugcheck";
      stopCode: string;
      code: number;
      parameters: number[];
      module: string | null;
      message: string;
      duringBoot: boolean;
      location: SourceLocation | null;
      fault: FaultFacts | null;
    }
  /** The verifier's report on a driver loaded in verified mode (no time in it: a replay is identical). */
  | {
      kind: "verifier";
      driver: string;
      accepted: boolean;
      /** "verified: 312 instructions, ..." or the root cause in a few lines. */
      message: string;
      instructions: number;
      states: number;
      loops: number;
      messages: VerifierMessage[];
    }
  /**
   * A driver's verdict on an event (event_verdict), or the failure policy's when no verdict came (the
   * handler's process died with the event in flight).
   */
  | { kind: "verdict"; driver: string; event: string; blocked: boolean; byPolicy: boolean }
  | { kind: "file-removed"; path: string }
  /** A user-mode process was refused a file operation by the disk's access model (fileAccess.ts). */
  | {
      kind: "access-denied";
      pid: number;
      name: string;
      account: string;
      path: string;
      operation: "read" | "write" | "remove";
      reason: string;
    }
  /** The machine powered off; `module` names the kernel-mode driver whose code asked, when one did. */
  | { kind: "shutdown"; module: string | null; location: SourceLocation | null };

export type DriverMode = "kernel" | "user" | "verified";

/**
 * A memory fault, as the MMU reported it and the kernel read it at that moment: the faulting address,
 * the access, why it failed, the pc, and the frame behind the address (null when no page backs it).
 */
export interface FaultFacts extends PageFaultDetail {
  address: number;
  pc: number;
  frame: number | null;
}

/** What the MMU said about a page fault, so views need not read it back out of the message. */
export interface PageFaultDetail {
  access: "read" | "write" | "execute";
  reason: "not-mapped" | "protection";
}

/**
 * An event as the log keeps it: its body, its sequence number, and when it happened: the machine's
 * clock in this boot (`cycles`, `tick`), machine time since power-on (`time`, the clock restarts at every
 * boot), and how many characters the console had written by then (`console`), so views can line events
 * up with the screen without listening as they happen.
 */
export type KernelEvent = KernelEventBody & {
  seq: number;
  cycles: number;
  tick: number;
  time: number;
  console: number;
};

/** When an event happened, as the kernel stamps it. */
export type EventStamp = Pick<KernelEvent, "cycles" | "tick" | "time" | "console">;

/**
 * The kernel log as the kernel's record keeps it: plain data. Events are never changed once recorded,
 * so snapshots may share them. Both lists are bounded: a guest that makes the kernel log forever costs
 * the host a fixed amount, and the log says how much it dropped.
 */
export interface LogRecord {
  events: KernelEvent[];
  /** dmesg: the kernel's text log. */
  lines: string[];
  /** The sequence number the next event gets (events dropped from the front keep theirs). */
  nextSeq: number;
  droppedEvents: number;
  droppedLines: number;
}

/** Events kept; older ones are dropped (counted in droppedEvents). */
export const LOG_EVENT_LIMIT = 20_000;
/** dmesg lines kept. */
export const LOG_LINE_LIMIT = 2_000;

export function newLogRecord(): LogRecord {
  return { events: [], lines: [], nextSeq: 0, droppedEvents: 0, droppedLines: 0 };
}

export function recordEvent(log: LogRecord, body: KernelEventBody, stamp: EventStamp): KernelEvent {
  const event = Object.freeze({ ...body, seq: log.nextSeq++, ...stamp }) as KernelEvent;
  log.events.push(event);
  if (log.events.length > LOG_EVENT_LIMIT) {
    // Drop a batch at a time, so a flood costs amortised constant time per event.
    const drop = log.events.length - LOG_EVENT_LIMIT + LOG_EVENT_LIMIT / 10;
    log.events.splice(0, drop);
    log.droppedEvents += drop;
  }
  return event;
}

export function recordLine(log: LogRecord, line: string, tick: number): void {
  log.lines.push(`[${(tick / 100).toFixed(2).padStart(8)}] ${line}`);
  if (log.lines.length > LOG_LINE_LIMIT) {
    const drop = log.lines.length - LOG_LINE_LIMIT;
    log.lines.splice(0, drop);
    log.droppedLines += drop;
  }
}

/** Events with seq >= `seq`, oldest first: how a view catches up with what happened since it last looked. */
export function eventsSince(log: LogRecord, seq: number): KernelEvent[] {
  const events = log.events;
  if (events.length === 0 || seq >= log.nextSeq) return [];
  const first = events[0].seq;
  return events.slice(Math.max(0, seq - first));
}
