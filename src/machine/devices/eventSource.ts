/**
 * The event source: delivers a scripted feed of security events (process start, pipe open, ...) at set
 * cycle times, as a sensor's kernel hooks would see them. Events are copied into guest memory as
 * `struct event { int kind; int pid; char name[32]; char arg[64]; }` (104 bytes).
 */
export interface SensorEvent {
  /** Cycle time at which the event becomes ready. */
  at: number;
  kind: number;
  pid: number;
  name: string;
  arg: string;
}

export const EVENT_STRUCT_SIZE = 104;
/** EventSource.origin while the feed is held back. */
const HELD = -1;
export const EVENT_NAME_BYTES = 32;
export const EVENT_ARG_BYTES = 64;

export class EventSource {
  feed: SensorEvent[] = [];
  /** Index of the next event to deliver. */
  cursor = 0;
  /** Port register (see PORT.EVT_RESULT). */
  result = 0;
  /** How many events of the feed have arrived and raised the event line (the machine counts them). */
  announced = 0;
  /**
   * The cycle time the feed's `at` times count from, or HELD while nothing has started it. The kernel
   * holds the feed at every boot and starts it when a driver loads, so a sensor loaded a minute after
   * boot sees the same events, spaced the same way, as one loaded at once.
   */
  origin = 0;

  /** Replaces the feed; its events arrive (and raise the event line) from the start again. */
  load(feed: readonly SensorEvent[]): void {
    this.feed = [...feed].sort((a, b) => a.at - b.at);
    this.startAt(0);
  }

  /** Keeps the feed back until startAt. */
  hold(): void {
    this.startAt(HELD);
  }

  /** Plays the feed from its first event, its times counted from `now`. */
  startAt(now: number): void {
    this.origin = now;
    this.cursor = 0;
    this.announced = 0;
  }

  held(): boolean {
    return this.origin === HELD;
  }

  ended(): boolean {
    return this.cursor >= this.feed.length;
  }

  /** Cycle time at which event `index` arrives (Infinity while the feed is held). */
  arrival(index: number): number {
    return this.held() ? Number.POSITIVE_INFINITY : this.feed[index].at + this.origin;
  }

  /** 1 if an event is ready at `now`, 0 if the next one is still to come, -1 if the feed has ended. */
  status(now: number): number {
    if (this.ended()) return -1;
    return this.arrival(this.cursor) <= now ? 1 : 0;
  }

  /** Cycle time of the next event, or Infinity. */
  nextAt(): number {
    return this.ended() ? Number.POSITIVE_INFINITY : this.arrival(this.cursor);
  }

  /** Takes the next event if it is ready. */
  take(now: number): SensorEvent | undefined {
    if (this.status(now) !== 1) return undefined;
    return this.feed[this.cursor++];
  }
}

/** The event as the guest sees it: 104 bytes, strings NUL-padded and cut to fit with a terminating NUL. */
export function encodeEvent(event: SensorEvent): Uint8Array {
  const bytes = new Uint8Array(EVENT_STRUCT_SIZE);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, event.kind | 0, true);
  view.setInt32(4, event.pid | 0, true);
  putString(bytes, 8, EVENT_NAME_BYTES, event.name);
  putString(bytes, 40, EVENT_ARG_BYTES, event.arg);
  return bytes;
}

function putString(bytes: Uint8Array, offset: number, size: number, text: string): void {
  const encoded = new TextEncoder().encode(text).subarray(0, size - 1);
  bytes.set(encoded, offset);
}
