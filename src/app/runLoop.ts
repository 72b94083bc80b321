/**
 * Budgeted slices: each frame, the machine gets the cycles its speed asks for (machine seconds per
 * real second) but never more host time than a frame can spare, so the page keeps answering even
 * while a driver spins for ever in kernel mode. When the host cannot keep up the machine simply runs
 * slower, and the loop reports the speed it reached.
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

/** Cycles per call to `advance`: two timer ticks, small enough to stop on time. */
export const SLICE_CYCLES = 20_000;
/** Host milliseconds a frame may spend running the machine. */
export const FRAME_BUDGET_MS = 10;
/** A frame never makes up for more than this much lost real time (a background tab, a breakpoint). */
const MAX_FRAME_MS = 100;

export class RunLoop {
  constructor(
    private readonly now: () => number,
    private readonly budgetMs = FRAME_BUDGET_MS,
  ) {}

  frame(target: Runnable, speed: number, elapsedMs: number): FrameResult {
    const realMs = Math.min(Math.max(elapsedMs, 0), MAX_FRAME_MS);
    const wanted = Math.round((speed * CYCLES_PER_SECOND * realMs) / 1000);
    const started = this.now();
    let ran = 0;
    while (ran < wanted) {
      const slice = Math.min(SLICE_CYCLES, wanted - ran);
      const running = target.advance(slice);
      ran += slice;
      if (!running) break;
      if (this.now() - started >= this.budgetMs) break;
    }
    return { wanted, ran, speed: realMs > 0 ? (ran / CYCLES_PER_SECOND) * (1000 / realMs) : speed };
  }
}
