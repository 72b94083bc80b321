/**
 * The lesson's view of time: every kernel event is stamped by the kernel, as it is recorded, with the
 * machine time since power-on (the machine's own clock restarts at every boot) and how much the console
 * had printed. A Mark is a point on this timeline: "after event seq - 1, at this time, at this console
 * offset". Goal windows run from one mark to another.
 *
 * The kernel's log is bounded (it drops its oldest events), so the timeline keeps what the lesson still
 * reads: it copies events out of the log as they arrive (`sync`, at every observation: far more often
 * than the log can fill), and forgets them once no goal's window reaches back to them (`release`). The
 * checks themselves count as events arrive (checkEval.ts), so a long window costs no rescan.
 */
import type { Kernel } from "../kernel/kernel";
import { eventsSince, type KernelEvent } from "../kernel/kernelLog";

export interface Mark {
  /** Events with seq >= this happened after the mark. */
  seq: number;
  /** Cycles since power-on. */
  time: number;
  /** Console characters written since power-on at the mark. */
  transcript: number;
}

/** Events the timeline keeps at most, oldest dropped first (and counted): a bound on the host's memory. */
export const TIMELINE_EVENT_LIMIT = 100_000;

/** A lesson's timeline: what it has read of its kernel's log, stamped with what a mark needs. */
export class Timeline {
  private kept: KernelEvent[] = [];
  /** The seq of the next event to read from the log. */
  private next: number;
  /** Bumped when a restore (time travel) took the log back: counts kept from before are void. */
  generation = 0;
  /** Events the timeline never saw (the log had dropped them) or let go of at its limit. */
  dropped = 0;
  /** Boots that were safe-mode or recovery boots, by boot number, kept as their boot events arrive. */
  private readonly specialBoots = new Set<number>();

  constructor(readonly kernel: Kernel) {
    this.next = kernel.log.events[0]?.seq ?? kernel.log.nextSeq;
    this.sync();
  }

  /** Nothing to let go of: the timeline only reads the log. */
  dispose(): void {}

  /** Reads what the log recorded since the last call. */
  sync(): void {
    const log = this.kernel.log;
    this.forgetRewound();
    const fresh = eventsSince(log, this.next);
    if (fresh.length > 0 && fresh[0].seq > this.next) this.dropped += fresh[0].seq - this.next;
    for (const event of fresh) {
      this.kept.push(event);
      if (event.kind === "boot" && (event.safeMode || event.recovery))
        this.specialBoots.add(event.bootNumber);
    }
    this.next = Math.max(this.next, log.nextSeq);
    if (this.kept.length > TIMELINE_EVENT_LIMIT) {
      const over = this.kept.length - TIMELINE_EVENT_LIMIT;
      this.kept.splice(0, over);
      this.dropped += over;
    }
  }

  /**
   * A restore puts back an older log. Its events up to the restored moment are the same objects (a
   * snapshot shares them); anything kept beyond that is from a future that is no longer.
   */
  private forgetRewound(): void {
    const log = this.kernel.log;
    const first = log.events[0]?.seq ?? log.nextSeq;
    let rewound = log.nextSeq < this.next;
    while (this.kept.length > 0) {
      const last = this.kept[this.kept.length - 1];
      if (last.seq < log.nextSeq && (last.seq < first || log.events[last.seq - first] === last)) break;
      this.kept.pop();
      rewound = true;
    }
    if (!rewound) return;
    this.generation++;
    const lastKept = this.kept[this.kept.length - 1];
    this.next = Math.min(this.next, lastKept ? lastKept.seq + 1 : log.nextSeq, log.nextSeq);
  }

  /** Lets go of the events before `seq`: no window the lesson evaluates reaches back to them. */
  release(seq: number): void {
    let n = 0;
    while (n < this.kept.length && this.kept[n].seq < seq) n++;
    if (n > 0) this.kept.splice(0, n);
  }

  /** Every event the timeline keeps, oldest first. */
  get events(): readonly KernelEvent[] {
    this.sync();
    return this.kept;
  }

  /** Whether a boot was a safe-mode or recovery boot, however long ago its boot event was. */
  specialBoot(bootNumber: number): boolean {
    return this.specialBoots.has(bootNumber);
  }

  /** The mark for this moment. */
  now(): Mark {
    this.sync();
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
    return this.eventsIn(from.seq, to.seq);
  }

  /** The events with seq in [from, to), oldest first. */
  eventsIn(from: number, to: number): KernelEvent[] {
    this.sync();
    const kept = this.kept;
    if (kept.length === 0) return [];
    // Kept in seq order with no gaps; the oldest may have been released or dropped.
    const first = kept[0].seq;
    const start = Math.max(0, from - first);
    const end = Math.max(start, Math.min(kept.length, to - first));
    return kept.slice(start, end);
  }

  /**
   * What the console printed between two marks, with \r\n as \n: from the transcript while it holds
   * the window (its first TRANSCRIPT_LIMIT characters), else from what the screen still holds.
   */
  consoleBetween(from: Mark, to: Mark): string {
    const console = this.kernel.machine.devices.console;
    const text =
      to.transcript <= console.transcript.length
        ? console.transcript.slice(from.transcript, to.transcript)
        : screenBetween(console.screen, console.written, from.transcript, to.transcript);
    return text.replace(/\r\n?/g, "\n");
  }
}

/** The part of [from, to) of everything written that the screen (the last characters written) still holds. */
function screenBetween(screen: string, written: number, from: number, to: number): string {
  const kept = written - screen.length;
  return screen.slice(Math.max(0, from - kept), Math.max(0, to - kept));
}

export function compareMarks(a: Mark, b: Mark): number {
  return a.seq - b.seq || a.time - b.time || a.transcript - b.transcript;
}

export function laterMark(a: Mark, b: Mark): Mark {
  return compareMarks(a, b) >= 0 ? a : b;
}
