/**
 * The side-by-side page's controller: starts a scenario run, drives it from the frame loop, and keeps
 * the sideBySide slice of the store up to date (the three machines' state, recent events, verifier
 * report, verdicts, and the blast radius summaries, live while it runs and final at the end). It also
 * keeps which modes the page shows: a 1024-pixel projector may have room for two.
 */
import type { DriverMode } from "../kernel/kernelLog";
import { CYCLES_PER_SECOND } from "../kernel/layout";
import type { Runnable } from "./runLoop";
import { bugcheckView, driverRows, processRows } from "./session";
import { type SideBySideOptions, SideBySideRunner, type SideMachine } from "./sideBySide";
import { SIDE_MODES, type SideView } from "./sideBySideState";
import type { AppState } from "./state";
import type { Store } from "./store";
import { timelineEntry } from "./timeline";

const EVENTS_SHOWN = 6;
const REFRESH_MS = 150;

export class SideBySideController implements Runnable {
  runner: SideBySideRunner | undefined;
  private sinceRefresh = 0;

  constructor(private readonly store: Store<AppState>) {}

  /** Starts (or restarts) the demo with the slice's driver and seed. */
  start(options: Partial<SideBySideOptions> = {}): SideBySideRunner {
    const slice = this.store.get().sideBySide;
    const files = this.store.get().scenario.files;
    const runner = new SideBySideRunner({
      seed: options.seed ?? slice.seed,
      driver: options.driver ?? slice.driver,
      files: options.files ?? files,
      ...options,
    });
    this.runner = runner;
    this.store.update((s) => {
      const v = s.sideBySide;
      v.generation++;
      v.status = "running";
      v.driver = runner.driver;
      v.seed = options.seed ?? slice.seed;
      v.elapsed = 0;
      v.duration = runner.duration / CYCLES_PER_SECOND;
      v.loadAt = runner.loadAt / CYCLES_PER_SECOND;
      v.kernel = null;
      v.user = null;
      v.verified = null;
    });
    this.sync(true);
    return runner;
  }

  advance(cycles: number): boolean {
    const runner = this.runner;
    if (!runner || runner.done) return false;
    const running = runner.advance(cycles);
    const pending = runner.sides().reduce((n, side) => n + side.pending.length, 0);
    if (pending > 0 || !running) this.sync(!running);
    return running;
  }

  afterFrame(realMs: number): void {
    this.sinceRefresh += realMs;
    if (this.runner && this.sinceRefresh >= REFRESH_MS) this.sync(true);
  }

  /** Runs the rest of the scenario at once. */
  finish(): void {
    this.runner?.runToEnd();
    this.sync(true);
  }

  /**
   * Shows or hides one mode's column (the machine runs either way, so showing it again loses nothing).
   * False when asked to hide the last one shown: a demo needs a machine to look at.
   */
  showColumn(mode: DriverMode, shown: boolean): boolean {
    const columns = this.store.get().sideBySide.columns;
    if (!shown && columns.length === 1 && columns[0] === mode) return false;
    this.store.update((s) => {
      const now = new Set(s.sideBySide.columns);
      if (shown) now.add(mode);
      else now.delete(mode);
      s.sideBySide.columns = SIDE_MODES.filter((m) => now.has(m));
    });
    return true;
  }

  sync(full: boolean): void {
    const runner = this.runner;
    if (!runner) return;
    if (full) this.sinceRefresh = 0;
    const views = runner.sides().map((side) => ({ side, events: side.takePending() }));
    this.store.update((s) => {
      const v = s.sideBySide;
      v.elapsed = runner.clock / CYCLES_PER_SECOND;
      v.status = runner.done ? "done" : "running";
      for (const { side, events } of views) {
        const key = side.mode;
        const previous = v[key];
        const timeline = previous ? previous.timeline.slice() : [];
        for (const { event, at, boot } of events) {
          // A handler allows most events: listed, they would push out what matters; sideView counts them.
          if (event.kind === "verdict" && !event.blocked) continue;
          const entry = timelineEntry(event, boot);
          // Side by side, time is the scenario's: it keeps counting through the reboot.
          timeline.push({ ...entry, seconds: at / CYCLES_PER_SECOND });
        }
        v[key] = sideView(
          runner,
          side,
          timeline.slice(-EVENTS_SHOWN),
          full || !previous ? undefined : previous,
        );
      }
    });
  }
}

function sideView(
  runner: SideBySideRunner,
  side: SideMachine,
  timeline: SideView["timeline"],
  previous: SideView | undefined,
): SideView {
  const k = side.kernel;
  return {
    mode: side.mode,
    state: k.state,
    bootNumber: k.bootNumber,
    bugcheck: k.state === "bugcheck" ? bugcheckView(k) : null,
    rebootIn: side.holdLeft === null ? null : side.holdLeft / CYCLES_PER_SECOND,
    processes: previous?.processes ?? processRows(k),
    drivers: previous?.drivers ?? driverRows(k),
    timeline,
    summary: runner.summary(side),
    verifier: side.verifier,
    verdicts: { ...side.verdicts },
  };
}
