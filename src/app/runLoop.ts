/**
 * Budgeted slices: each frame, the machine gets the cycles its speed asks for (machine seconds per
 * real second) but never more host time than a frame can spare, so the page keeps answering even
 * while a driver spins for ever in kernel mode. When the host cannot keep up the machine simply runs
 * slower, and the loop reports the speed it reached.
 *
 * A slice is cut by host time as well as by cycles: the loop learns what a cycle costs the host (a
 * driver that makes the kernel work hard costs more per cycle than one that adds numbers) and sizes
 * each slice to a quarter of the frame's budget, so one expensive slice cannot eat a whole frame.
 */
import { CYCLES_PER_SECOND } from "../kernel/layout";

export interface Runnable {
  /** Runs up to `cycles` machine cycles; false once there is nothing to run (the machine stopped). */
  advance(cycles: number): boolean;
}

export interface FrameResult {
  /** Cycles asked for and cycles run. */
  wanted: number;
  ran: number;
  /** Machine seconds per real second reached in this frame. */
  speed: number;
}

/** Cycles per call to `advance` at most: two timer ticks, small enough to stop on time. */
export const SLICE_CYCLES = 20_000;
/** Cycles per call at least, however expensive cycles are: a tenth of a tick. */
export const MIN_SLICE_CYCLES = 1_000;
/** Host milliseconds a frame may spend running the machine. */
export const FRAME_BUDGET_MS = 10;
/** A frame never makes up for more than this much lost real time (a background tab, a breakpoint). */
const MAX_FRAME_MS = 100;

export class RunLoop {
  /** Host milliseconds per machine cycle, as last measured (0 until a slice took measurable time). */
  private msPerCycle = 0;

  constructor(
    private readonly now: () => number,
    private readonly budgetMs = FRAME_BUDGET_MS,
  ) {}

  /** Cycles for the next slice: a quarter of the frame's budget at what cycles have been costing. */
  get sliceCycles(): number {
    if (this.msPerCycle <= 0) return SLICE_CYCLES;
    const fit = Math.floor(this.budgetMs / 4 / this.msPerCycle);
    return Math.max(MIN_SLICE_CYCLES, Math.min(SLICE_CYCLES, fit));
  }

  frame(target: Runnable, speed: number, elapsedMs: number): FrameResult {
    const realMs = Math.min(Math.max(elapsedMs, 0), MAX_FRAME_MS);
    const wanted = Math.round((speed * CYCLES_PER_SECOND * realMs) / 1000);
    const started = this.now();
    let ran = 0;
    while (ran < wanted) {
      const slice = Math.min(this.sliceCycles, wanted - ran);
      const before = this.now();
      const running = target.advance(slice);
      const after = this.now();
      // A running average, so one slow slice (a garbage collection) does not shrink the next ones much.
      const cost = (after - before) / slice;
      this.msPerCycle = this.msPerCycle > 0 ? (this.msPerCycle + cost) / 2 : cost;
      ran += slice;
      if (!running) break;
      if (after - started >= this.budgetMs) break;
    }
    return { wanted, ran, speed: realMs > 0 ? (ran / CYCLES_PER_SECOND) * (1000 / realMs) : speed };
  }
}
