/**
 * The watchdog: a counter of cycles that interrupts cannot mask (an NMI), as the hardware behind
 * Windows' CLOCK_WATCHDOG_TIMEOUT and Linux's hard-lockup detector. The kernel arms it once and pets
 * it from every timer interrupt; when code in ring 0 disables interrupts and never gives them back,
 * switches the timer off or masks its line, no tick comes, the deadline passes, and the processor
 * takes the watchdog trap whatever IE says. Once armed it cannot be disarmed until reset, so a driver
 * cannot switch off the one thing that would name it.
 *
 * Two stages, as many hardware watchdogs have (a pre-timeout interrupt, then a reset): if no pet comes
 * within another period after the trap, the trap was not handled either (the code that froze the
 * machine also broke its trap path, so every trap lands in a loop), and the watchdog stops the
 * processor outright: the run returns to the host, which owns the machine.
 */

/** The longest period a write can set: a driver cannot postpone the watchdog for ever. */
export const WATCHDOG_MAX_PERIOD = 1 << 26;

export class Watchdog {
  /** Cycles between a pet and the trap; 0 = not armed (the state at reset). */
  period = 0;
  /** Cycle count at which the next stage is due (Infinity when not armed, or after the last stage). */
  deadline = Number.POSITIVE_INFINITY;
  /** 0: the next expiry is the trap; 1: the trap was taken and no pet came since, the next stops. */
  stage: 0 | 1 = 0;

  /** A write to the port: arms the watchdog, or pets it, for `period` cycles from `now`. */
  pet(period: number, now: number): void {
    const cycles = Math.min(period >>> 0, WATCHDOG_MAX_PERIOD);
    // Writing 0 to an armed watchdog does not disarm it: it pets it for the period it has.
    if (cycles > 0) this.period = cycles;
    if (this.period > 0) this.deadline = now + this.period;
    this.stage = 0;
  }

  get armed(): boolean {
    return this.period > 0;
  }

  /**
   * What is due at `now`: "trap" at the first expiry (then another period runs), "stop" at the second
   * (then nothing more until a pet), or undefined.
   */
  expire(now: number): "trap" | "stop" | undefined {
    if (now < this.deadline) return undefined;
    if (this.stage === 0) {
      this.stage = 1;
      this.deadline = now + this.period;
      return "trap";
    }
    this.deadline = Number.POSITIVE_INFINITY;
    return "stop";
  }

  reset(): void {
    this.period = 0;
    this.deadline = Number.POSITIVE_INFINITY;
    this.stage = 0;
  }
}
