/**
 * One lesson on one machine: the machine set up as the lesson says, its timeline, its goals, and the
 * actions a learner (or the solution) can take on it. The headless runner and the app both drive a
 * lesson through this class, so `lesson check` tests exactly what the learner gets.
 */

import { parseEvent } from "../kernel/eventFeed";
import { History } from "../kernel/history";
import { Kernel, type KernelOptions } from "../kernel/kernel";
import { CYCLES_PER_SECOND, CYCLES_PER_TICK } from "../kernel/layout";
import { beforeFault, previousTrap, stepBack, stepBackLine } from "../kernel/travel";
import type { SensorEvent } from "../machine/devices/eventSource";
import type { Scope } from "./checkEval";
import { GoalTracker } from "./goals";
import type { Lesson } from "./lesson";
import type { StepSpec } from "./schema";
import { Timeline } from "./timeline";

/** How often a long run stops to evaluate goals: a tenth of a second of machine time. */
export const OBSERVE_EVERY_CYCLES = 100_000;

const BOOT_CONF_HEADER = "# boot-start drivers: PATH MODE (kernel or user), one per line\n";

/**
 * What the host may add to a lesson's machine: the browser gives the firmware's safe-mode wait; the
 * app, and the checker for a lesson with rewind steps, keep a history to travel back in.
 */
export type LessonMachineOptions = Pick<KernelOptions, "bootMenuCycles"> & { history?: boolean };

const NOT_RUNNING: Record<string, string> = {
  bugcheck: "the machine is on a bluescreen; reboot it first",
  off: "the machine is off; reboot it first",
  firmware: "the machine is still in its firmware; wait first",
  running: "",
};

/**
 * A step's outcome. `said`: what a shell command printed when it failed (its first line names the
 * command, as `insmod: pipes.sys is already loaded` does, or is a usage line); the learner would see
 * it, so lesson check shows it too.
 */
export type StepResult = { ok: true; said?: string } | { ok: false; message: string };

export class LessonSession {
  readonly kernel: Kernel;
  readonly timeline: Timeline;
  /** The machine's history, when the host asked for one: runs then go through it (history.ts). */
  history: History | undefined;
  /**
   * Whether the machine stands in the past. The app sets this to its own history's answer (its session
   * keeps the history of a lesson's machine); headless, it is this session's history's.
   */
  inPast: () => boolean = () => this.history !== undefined && !this.history.atHead;
  /** Set once the setup has run: the goals start there. */
  tracker!: GoalTracker;

  private constructor(
    readonly lesson: Lesson,
    extra: LessonMachineOptions,
  ) {
    const machine = lesson.machine ?? {};
    const files: Record<string, string> = {};
    for (const file of lesson.files) files[file.path] = file.text;
    if (machine.bootDrivers?.length)
      files["/boot/drivers.conf"] =
        BOOT_CONF_HEADER + machine.bootDrivers.map((d) => `${d.path} ${d.mode}\n`).join("");
    const { history: _, ...kernelExtra } = extra;
    this.kernel = new Kernel({
      seed: machine.seed ?? 1,
      ...(machine.memory !== undefined ? { memoryBytes: machine.memory * 1024 } : {}),
      ...(machine.events
        ? { events: eventFeed(machine.events.map(toSensorEvent), machine.repeatEvents) }
        : {}),
      ...(machine.services ? { services: machine.services } : {}),
      ...(machine.watchdogTicks !== undefined ? { watchdogTicks: machine.watchdogTicks } : {}),
      files,
      ...kernelExtra,
    });
    this.timeline = new Timeline(this.kernel);
  }

  /**
   * Powers the machine on, runs the setup steps and starts the goals. A setup step that fails gives
   * its index and why (the lesson is broken, not the learner's doing).
   */
  static start(
    lesson: Lesson,
    options: LessonMachineOptions = {},
  ): { ok: true; session: LessonSession } | { ok: false; step: number; message: string } {
    const session = new LessonSession(lesson, options);
    // The first power-on skips the firmware's safe-mode wait: the lesson starts where its setup says.
    session.kernel.boot({ firmwareWait: false });
    const rewinds = lesson.solution.some((step) => step.rewind !== undefined);
    if (options.history ?? rewinds) session.history = new History(session.kernel);
    const setup = lesson.machine?.setup ?? [];
    for (let i = 0; i < setup.length; i++) {
      const result = session.perform(setup[i]);
      if (!result.ok) {
        session.dispose();
        return { ok: false, step: i, message: result.message };
      }
    }
    session.tracker = new GoalTracker(
      lesson.goals,
      session.timeline,
      session.kernel,
      session.timeline.now(),
      () => session.inPast(),
    );
    return { ok: true, session };
  }

  dispose(): void {
    this.timeline.dispose();
  }

  /** The window goal `index` is evaluated over now (from when it became active), for explaining it. */
  evaluationScope(index: number): Scope {
    const status = this.tracker.statuses[index];
    return {
      timeline: this.timeline,
      kernel: this.kernel,
      from: status?.activeFrom ?? this.tracker.start,
      now: this.timeline.now(),
      streaks: new WeakMap(),
    };
  }

  /** Evaluates the goals; the indexes newly met. */
  observe(): number[] {
    return this.tracker ? this.tracker.update() : [];
  }

  /** Runs the machine for `cycles`, observing the goals every OBSERVE_EVERY_CYCLES. */
  run(cycles: number): void {
    let left = cycles;
    while (left > 0 && this.kernel.state === "running") {
      const slice = Math.min(left, OBSERVE_EVERY_CYCLES);
      const before = this.kernel.cyclesSincePowerOn;
      (this.history ?? this.kernel).run(slice);
      this.observe();
      // A reboot restarts the machine's clock; count what ran either way.
      left -= Math.max(slice, this.kernel.cyclesSincePowerOn - before);
    }
    this.observe();
  }

  /** Types a command into the console, as the learner's run button does (the machine must run to see it). */
  type(command: string): void {
    this.kernel.input({ kind: "keys", text: `${command}\r` });
  }

  /** Performs one setup or solution step. */
  perform(step: StepSpec): StepResult {
    const k = this.kernel;
    const disk = k.machine.devices.disk;
    if (step.shell !== undefined) {
      if (k.state !== "running") return fail(`cannot type "${step.shell}": ${NOT_RUNNING[k.state]}`);
      const said = failedCommandOutput(step.shell, k.input({ kind: "command", line: step.shell }));
      this.observe();
      this.run(CYCLES_PER_TICK);
      return said ? { ok: true, said } : { ok: true };
    }
    if (step.wait !== undefined) {
      this.run(step.wait);
      return { ok: true };
    }
    if (step.reboot !== undefined) {
      k.reboot({ safeMode: step.reboot === "safe" });
      this.observe();
      return { ok: true };
    }
    if (step.write !== undefined) {
      if (k.input({ kind: "write-file", path: step.write.file, text: step.write.text }) !== "")
        return fail(`cannot write ${step.write.file}: the disk is full`);
      this.observe();
      return { ok: true };
    }
    if (step.edit !== undefined) {
      const { file, find, replace } = step.edit;
      const text = disk.readText(file);
      if (text === undefined) return fail(`cannot edit ${file}: no such file`);
      const at = text.indexOf(find);
      if (at < 0) return fail(`cannot edit ${file}: it does not contain ${JSON.stringify(find)}`);
      k.input({
        kind: "write-file",
        path: file,
        text: text.slice(0, at) + replace + text.slice(at + find.length),
      });
      this.observe();
      return { ok: true };
    }
    if (step.rewind !== undefined) {
      if (!this.history) return fail("cannot go back in time: this machine keeps no history");
      const moved = travel(this.history, step.rewind);
      this.observe();
      return moved
        ? { ok: true }
        : fail(`cannot go back (${step.rewind}): nothing to go back to in the history window`);
    }
    return fail("an empty step");
  }
}

/**
 * The output of a shell command that failed, without the prompt; undefined if it did not fail. The
 * verifier's refusal of a driver is not a failure: the command did its job, and a lesson may ask for
 * that answer (the `verifierRejected` check).
 */
export function failedCommandOutput(commandLine: string, printed: string): string | undefined {
  const name = commandLine.trim().split(/\s+/)[0];
  const text = printed
    .replace(/\r\n?/g, "\n")
    .replace(/\n?\$ $/, "")
    .trim();
  const first = text.split("\n")[0] ?? "";
  if (name === "insmod" && first.startsWith("insmod: the verifier refused ")) return undefined;
  const failed =
    first.startsWith(`${name}: `) || first.startsWith("usage: ") || /^\/\S+:\d+:\d+: error: /.test(first);
  return failed ? text : undefined;
}

function travel(h: History, kind: NonNullable<StepSpec["rewind"]>): boolean {
  if (kind === "before-fault") return beforeFault(h);
  if (kind === "instruction") return stepBack(h);
  if (kind === "line") return stepBackLine(h);
  return previousTrap(h);
}

function fail(message: string): StepResult {
  return { ok: false, message };
}

/** How long a repeated event list keeps playing after each boot: 30 minutes or 50,000 events. */
export const REPEAT_EVENTS_FOR_SECONDS = 1800;
export const REPEAT_EVENTS_LIMIT = 50_000;

/** The feed: the list once, or played again every `period` seconds. */
export function eventFeed(events: SensorEvent[], period: number | undefined): SensorEvent[] {
  if (period === undefined || events.length === 0) return events;
  const feed: SensorEvent[] = [];
  const step = Math.max(1, Math.round(period * CYCLES_PER_SECOND));
  for (let start = 0; start < REPEAT_EVENTS_FOR_SECONDS * CYCLES_PER_SECOND; start += step) {
    if (feed.length + events.length > REPEAT_EVENTS_LIMIT) break;
    for (const event of events) feed.push({ ...event, at: event.at + start });
  }
  return feed;
}

function toSensorEvent(spec: NonNullable<NonNullable<Lesson["machine"]>["events"]>[number]): SensorEvent {
  const parsed = parseEvent(spec);
  // The schema has already checked what parseEvent checks; a string here is a bug in one of them.
  return typeof parsed === "string" ? { at: 0, kind: 0, pid: 0, name: "", arg: "" } : parsed;
}
