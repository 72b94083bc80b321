/**
 * The lesson's view of time: every kernel event stamped, as it is recorded, with the machine time
 * since power-on (the machine's own clock restarts at every boot) and how much the console had
 * printed. A Mark is a point on this timeline: "after event seq - 1, at this time, at this console
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

interface Stamp {
  time: number;
  transcript: number;
}

export class Timeline {
  private readonly stamps = new Map<number, Stamp>();
  private readonly unsubscribe: () => void;

  constructor(readonly kernel: Kernel) {
    this.unsubscribe = kernel.log.subscribe((event) => {
      this.stamps.set(event.seq, {
        time: kernel.cyclesSincePowerOn,
        transcript: kernel.machine.devices.console.transcript.length,
      });
    });
  }

  dispose(): void {
    this.unsubscribe();
  }

  get events(): readonly KernelEvent[] {
    return this.kernel.log.events;
  }

  /** The mark for this moment. */
  now(): Mark {
    const events = this.kernel.log.events;
    return {
      seq: events.length === 0 ? 0 : events[events.length - 1].seq + 1,
      time: this.kernel.cyclesSincePowerOn,
      transcript: this.kernel.machine.devices.console.transcript.length,
    };
  }

  /** The mark just after an event. */
  after(event: KernelEvent): Mark {
    const stamp = this.stamps.get(event.seq);
    return { seq: event.seq + 1, time: stamp?.time ?? event.cycles, transcript: stamp?.transcript ?? 0 };
  }

  /** The events between two marks, oldest first. */
  between(from: Mark, to: Mark): KernelEvent[] {
    const events = this.kernel.log.events;
    // Events are stored in seq order from seq 0, so seq is (normally) the index.
    let start = Math.min(from.seq, events.length);
    while (start > 0 && events[start - 1].seq >= from.seq) start--;
    while (start < events.length && events[start].seq < from.seq) start++;
    const out: KernelEvent[] = [];
    for (let i = start; i < events.length && events[i].seq < to.seq; i++) out.push(events[i]);
    return out;
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
