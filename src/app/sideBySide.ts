/**
 * The side-by-side scenario, the classroom demo: two machines from the same seed with the same files
 * and the same workloads (the clock and the bank). After a second of running, the same driver is
 * loaded into both, in kernel mode on one and in user mode on the other. Both run in lock step on one
 * scenario clock; the kernel-mode machine shows its bluescreen for a few seconds and reboots, as a
 * real one does, while the scenario clock keeps counting. Each machine's blast radius is tracked.
 */
import { driverName } from "../kernel/drivers";
import { Kernel, type KernelState } from "../kernel/kernel";
import { eventsSince, type KernelEvent } from "../kernel/kernelLog";
import { CYCLES_PER_SECOND } from "../kernel/layout";
import { type BlastRadius, BlastRadiusTracker } from "./blastRadius";
import type { Runnable } from "./runLoop";
import type { LoadMode } from "./state";

export interface SideBySideOptions {
  seed: number;
  /** The driver's path on the disk, e.g. /drivers/null-driver.c. */
  driver: string;
  /** Extra files for both disks (a learner's own driver). */
  files?: Record<string, string>;
  /** Scenario seconds in all, before the driver is loaded, and of bluescreen before the reboot. */
  durationSeconds?: number;
  loadAtSeconds?: number;
  bluescreenSeconds?: number;
}

export const SCENARIO = { durationSeconds: 10, loadAtSeconds: 1, bluescreenSeconds: 3 } as const;

export interface TimedEvent {
  event: KernelEvent;
  /** Scenario cycles. */
  at: number;
  boot: number;
}

export class SideMachine {
  readonly kernel: Kernel;
  readonly tracker: BlastRadiusTracker;
  /** Events not yet handed to the views. */
  pending: TimedEvent[] = [];
  /** Scenario cycles left on the bluescreen before the machine reboots, while it shows. */
  holdLeft: number | null = null;
  /** The kernel's cycle count when the current slice began, to stamp events with scenario time. */
  sliceStart = 0;
  /** The log's sequence number up to which events have been read. */
  private seenSeq = 0;
  private boot = 0;

  constructor(
    readonly mode: LoadMode,
    options: SideBySideOptions,
    private readonly clock: () => number,
  ) {
    this.kernel = new Kernel({ seed: options.seed, files: { ...options.files } });
    this.tracker = new BlastRadiusTracker(mode, driverName(options.driver));
  }

  /** Loads the driver through the kernel's door for inputs, as the learner's load button does. */
  load(path: string): void {
    this.kernel.input({ kind: "insmod", path, mode: this.mode });
    this.catchUp();
  }

  /**
   * Reads what the kernel logged since the last look, stamping each event with scenario time: the
   * scenario clock at the start of the slice plus how far into the slice the event happened.
   */
  catchUp(): void {
    const k = this.kernel;
    for (const event of eventsSince(k.log, this.seenSeq)) {
      if (event.kind === "boot") this.boot = event.bootNumber;
      const at = this.clock() + Math.max(0, event.cycles - this.sliceStart);
      this.tracker.observe(k, event, at);
      this.pending.push({ event, at, boot: this.boot });
    }
    this.seenSeq = k.log.nextSeq;
  }

  takePending(): TimedEvent[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }
}

export class SideBySideRunner implements Runnable {
  readonly kernelSide: SideMachine;
  readonly userSide: SideMachine;
  readonly driver: string;
  readonly duration: number;
  readonly loadAt: number;
  readonly bluescreen: number;
  /** Scenario time, in cycles. */
  clock = 0;
  loaded = false;

  constructor(options: SideBySideOptions) {
    this.driver = options.driver;
    this.duration = (options.durationSeconds ?? SCENARIO.durationSeconds) * CYCLES_PER_SECOND;
    this.loadAt = (options.loadAtSeconds ?? SCENARIO.loadAtSeconds) * CYCLES_PER_SECOND;
    this.bluescreen = (options.bluescreenSeconds ?? SCENARIO.bluescreenSeconds) * CYCLES_PER_SECOND;
    const now = () => this.clock;
    this.kernelSide = new SideMachine("kernel", options, now);
    this.userSide = new SideMachine("user", options, now);
    for (const side of this.sides()) {
      side.kernel.boot();
      side.catchUp();
    }
  }

  sides(): [SideMachine, SideMachine] {
    return [this.kernelSide, this.userSide];
  }

  get done(): boolean {
    return this.clock >= this.duration;
  }

  /** Runs both machines `cycles` further on the scenario clock; false once the scenario is over. */
  advance(cycles: number): boolean {
    if (this.done) return false;
    const step = Math.min(cycles, this.duration - this.clock);
    if (!this.loaded && this.clock + step >= this.loadAt) {
      // Run up to the moment of loading exactly, so both machines get the driver at the same time.
      const before = this.loadAt - this.clock;
      if (before > 0) this.runBoth(before);
      for (const side of this.sides()) if (side.kernel.state === "running") side.load(this.driver);
      this.loaded = true;
      if (step - before > 0) this.runBoth(step - before);
    } else this.runBoth(step);
    return !this.done;
  }

  private runBoth(cycles: number): void {
    for (const side of this.sides()) {
      const k = side.kernel;
      if (k.state === "running") {
        side.sliceStart = k.machine.cpu.cycles;
        k.run(cycles);
        side.catchUp();
        // The kernel's state changes inside run(); read it afresh.
        if ((k.state as KernelState) === "bugcheck") side.holdLeft = this.bluescreen;
      } else if (k.state === "bugcheck" && side.holdLeft !== null) {
        side.holdLeft -= cycles;
        if (side.holdLeft <= 0) {
          side.holdLeft = null;
          // The reboot happens at the current scenario time; the new boot's clock starts at zero.
          side.sliceStart = 0;
          this.clockAt(this.clock + cycles, () => {
            k.reboot();
            side.catchUp();
          });
        }
      }
    }
    this.clock += cycles;
  }

  /** Runs `action` with the scenario clock showing `at`, so the events it records carry that time. */
  private clockAt(at: number, action: () => void): void {
    const saved = this.clock;
    this.clock = at;
    try {
      action();
    } finally {
      this.clock = saved;
    }
  }

  summary(side: SideMachine): BlastRadius {
    return side.tracker.summary(side.kernel, this.clock);
  }

  /** Runs the whole scenario at once (tests, the CLI, "skip to the end"). */
  runToEnd(slice = 20_000): void {
    while (this.advance(slice));
  }
}
