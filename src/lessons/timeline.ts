/**
 * The lesson's view of time: every kernel event is stamped by the kernel, as it is recorded, with the
 * machine time since power-on (the machine's own clock restarts at every boot) and how much the console
 * had printed. A Mark is a point on this timeline: "after event seq - 1, at this time, at this console
 * offset". Goal windows run from one mark to another.
 */
import type { Kernel } from "../kernel/kernel";
import type { KernelEvent } from "../kernel/kernelLog";

export interface Mark {
  /** Events with seq >= this happened after the mark. */
  seq: number;
  /** Cycles since power-on. */
  time: number;
  /** Length of the console transcript at the mark. */
  transcript: number;
}

/** A lesson's timeline: a reading of its kernel's log, which stamps every event with what a mark needs. */
export class Timeline {
  constructor(readonly kernel: Kernel) {}

  /** Nothing to let go of: the timeline only reads the log. */
  dispose(): void {}

  get events(): readonly KernelEvent[] {
    return this.kernel.log.events;
  }

  /** The mark for this moment. */
  now(): Mark {
    return {
      seq: this.kernel.log.nextSeq,
      time: this.kernel.cyclesSincePowerOn,
      transcript: this.kernel.machine.devices.console.written,
    };
  }

  /** The mark just after an event. */
  after(event: KernelEvent): Mark {
    return { seq: event.seq + 1, time: event.time, transcript: event.console };
  }

  /** The events between two marks, oldest first. */
  between(from: Mark, to: Mark): KernelEvent[] {
    const events = this.kernel.log.events;
    if (events.length === 0) return [];
    // Events are kept in seq order with no gaps; the oldest may have been dropped.
    const first = events[0].seq;
    const start = Math.max(0, from.seq - first);
    const end = Math.max(start, Math.min(events.length, to.seq - first));
    return events.slice(start, end);
  }

  /** What the console printed between two marks, with \r\n as \n. */
  consoleBetween(from: Mark, to: Mark): string {
    return this.kernel.machine.devices.console.transcript
      .slice(from.transcript, to.transcript)
      .replace(/\r\n?/g, "\n");
  }
}

export function compareMarks(a: Mark, b: Mark): number {
  return a.seq - b.seq || a.time - b.time || a.transcript - b.transcript;
}

export function laterMark(a: Mark, b: Mark): Mark {
  return compareMarks(a, b) >= 0 ? a : b;
}
