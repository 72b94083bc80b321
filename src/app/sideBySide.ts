/**
 * The side-by-side scenario, the classroom demo: three machines from the same seed with the same files
 * and the same workloads (the clock and the bank). After a second of running, the same driver is
 * loaded into all three: in kernel mode, in user mode, and in verified mode, where the verifier reads
 * it first and either refuses it (it never runs; the machine goes on untouched) or lets it run in
 * ring 0. They run in lock step on one scenario clock; a machine that bugchecks shows its bluescreen
 * for a few seconds and reboots, as a real one does, while the scenario clock keeps counting. Each
 * machine's blast radius, verifier report and verdicts are tracked.
 */
import { driverName } from "../kernel/drivers";
import { Kernel, type KernelState } from "../kernel/kernel";
import { type DriverMode, eventsSince, type KernelEvent } from "../kernel/kernelLog";
import { CYCLES_PER_SECOND } from "../kernel/layout";
import { type BlastRadius, BlastRadiusTracker } from "./blastRadius";
import type { Runnable } from "./runLoop";
import type { VerdictCounts, VerifierView } from "./sideBySideState";

export interface SideBySideOptions {
  seed: number;
  /** The driver's path on the disk, e.g. /drivers/null-driver.c. */
  driver: string;
  /** Extra files for every disk (a learner's own driver). */
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
  /** The verifier's report on the driver: only a verified-mode load asks for one. */
  verifier: VerifierView | null = null;
  verdicts: VerdictCounts = { allowed: 0, blocked: 0 };
  /** The log's sequence number up to which events have been read. */
  private seenSeq = 0;
  private boot = 0;
  private readonly driver: string;

  constructor(
    readonly mode: DriverMode,
    options: SideBySideOptions,
    private readonly clock: () => number,
  ) {
    this.kernel = new Kernel({ seed: options.seed, files: { ...options.files } });
    this.driver = driverName(options.driver);
    this.tracker = new BlastRadiusTracker(mode, this.driver);
  }

  /** Loads the driver through the kernel's door for inputs, as the learner's load button does. */
  load(path: string): void {
    // The load happens now, between slices: what it records is stamped from here, not from the last slice's start.
    this.sliceStart = this.kernel.machine.cpu.cycles;
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
      this.noteVerifier(event);
      this.pending.push({ event, at, boot: this.boot });
    }
    this.seenSeq = k.log.nextSeq;
  }

  /** Keeps the verifier's report and counts the driver's verdicts, from the events that carry them. */
  private noteVerifier(event: KernelEvent): void {
    if (event.kind === "verifier" && event.driver === this.driver) {
      const { accepted, message, instructions, states, loops } = event;
      this.verifier = {
        accepted,
        message,
        messages: event.messages.map((m) => ({
          ...m,
          ...(m.notes ? { notes: [...m.notes] } : {}),
          code: this.sourceLine(m.file, m.line),
        })),
        instructions,
        states,
        loops,
      };
    } else if (event.kind === "verdict" && event.driver === this.driver) {
      if (event.blocked) this.verdicts.blocked++;
      else this.verdicts.allowed++;
    }
  }

  /**
   * A line of a file on this machine's disk, for the report to quote. Not a comment: a finding about
   * the whole file (no on_event) points at line 1, and quoting its comment would say nothing.
   */
  private sourceLine(file: string, line: number): string | null {
    const text = this.kernel.machine.devices.disk.readText(file);
    const found = text?.split("\n")[line - 1]?.trim();
    return found && !found.startsWith("//") && !found.startsWith("/*") ? found : null;
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
  readonly verifiedSide: SideMachine;
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
    this.verifiedSide = new SideMachine("verified", options, now);
    for (const side of this.sides()) {
      side.kernel.boot();
      side.catchUp();
    }
  }

  /** In the page's order: kernel, user, verified. */
  sides(): [SideMachine, SideMachine, SideMachine] {
    return [this.kernelSide, this.userSide, this.verifiedSide];
  }

  get done(): boolean {
    return this.clock >= this.duration;
  }

  /** Runs every machine `cycles` further on the scenario clock; false once the scenario is over. */
  advance(cycles: number): boolean {
    if (this.done) return false;
    const step = Math.min(cycles, this.duration - this.clock);
    if (!this.loaded && this.clock + step >= this.loadAt) {
      // Run up to the moment of loading exactly, so every machine gets the driver at the same time.
      const before = this.loadAt - this.clock;
      if (before > 0) this.runAll(before);
      for (const side of this.sides()) if (side.kernel.state === "running") side.load(this.driver);
      this.loaded = true;
      if (step - before > 0) this.runAll(step - before);
    } else this.runAll(step);
    return !this.done;
  }

  private runAll(cycles: number): void {
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
