/**
 * The watchdog: a counter of cycles that interrupts cannot mask (an NMI), as the hardware behind
 * Windows' CLOCK_WATCHDOG_TIMEOUT and Linux's hard-lockup detector. The kernel arms it once and pets
 * it from every timer interrupt; when code in ring 0 disables interrupts and never gives them back,
 * switches the timer off or masks its line, no tick comes, the deadline passes, and the processor
 * takes the watchdog trap whatever IE says. Once armed it cannot be disarmed until reset, so a driver
 * cannot switch off the one thing that would name it.
 */

/** The longest period a write can set: a driver cannot postpone the watchdog for ever. */
export const WATCHDOG_MAX_PERIOD = 1 << 26;

export class Watchdog {
  /** Cycles between a pet and the trap; 0 = not armed (the state at reset). */
  period = 0;
  /** Cycle count at which the trap is due (Infinity when not armed, or once it has fired). */
  deadline = Number.POSITIVE_INFINITY;

  /** A write to the port: arms the watchdog, or pets it, for `period` cycles from `now`. */
  pet(period: number, now: number): void {
    const cycles = Math.min(period >>> 0, WATCHDOG_MAX_PERIOD);
    // Writing 0 to an armed watchdog does not disarm it: it pets it for the period it has.
    if (cycles > 0) this.period = cycles;
    if (this.period > 0) this.deadline = now + this.period;
  }

  get armed(): boolean {
    return this.period > 0;
  }

  /** True, once, when the deadline has passed: it fires again only after the next pet. */
  fire(now: number): boolean {
    if (now < this.deadline) return false;
    this.deadline = Number.POSITIVE_INFINITY;
    return true;
  }

  reset(): void {
    this.period = 0;
    this.deadline = Number.POSITIVE_INFINITY;
  }
}
