/**
 * The timer: driven by the cycle clock, it raises its interrupt every `period` cycles. Time inside the
 * machine is cycles, never the host's clock, so a run repeats exactly.
 */
export class Timer {
  /** Cycles between ticks; 0 = stopped. */
  period = 0;
  /** Cycle count at which the next tick is due (Infinity when stopped). */
  nextTick = Number.POSITIVE_INFINITY;
  ticks = 0;

  setPeriod(period: number, now: number): void {
    this.period = Math.max(0, period >>> 0);
    this.nextTick = this.period > 0 ? now + this.period : Number.POSITIVE_INFINITY;
  }

  /** Advances to `now`; returns true if at least one tick fell due. */
  advance(now: number): boolean {
    if (now < this.nextTick) return false;
    // Ticks missed while the CPU was busy collapse into one interrupt but are all counted.
    const due = Math.floor((now - this.nextTick) / this.period) + 1;
    this.ticks += due;
    this.nextTick += due * this.period;
    return true;
  }
}
