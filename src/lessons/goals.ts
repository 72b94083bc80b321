/**
 * A lesson's goals, met in order.
 *
 * The first goal becomes active when the lesson starts (after the machine's setup). Each later goal
 * becomes active at the mark where the goal before it was met: just after the event that completed
 * it, or, for a goal that ended on a state or time check, the moment it was evaluated. "Since the goal
 * became active" means from that mark on. A met goal stays met. Goals are evaluated whenever the
 * machine is observed: after every action and every slice of running (the runner's and the app's).
 */
import type { Kernel } from "../kernel/kernel";
import { evaluateCheck, type Scans, type Streaks } from "./checkEval";
import type { GoalSpec } from "./schema";
import type { Mark, Timeline } from "./timeline";

export interface GoalStatus {
  text: string;
  state: "met" | "active" | "waiting";
  /** When it became active and when it was met. */
  activeFrom?: Mark;
  metAt?: Mark;
}

export class GoalTracker {
  readonly statuses: GoalStatus[];
  private readonly streaks: Streaks = new WeakMap();
  private readonly scans: Scans = new WeakMap();

  constructor(
    readonly goals: readonly GoalSpec[],
    private readonly timeline: Timeline,
    private readonly kernel: Kernel,
    readonly start: Mark,
    /** Whether the machine stands in the past (for pausedAt); false when there is no history. */
    private readonly inPast: () => boolean = () => false,
  ) {
    this.statuses = goals.map((g, i) => ({
      text: g.text,
      state: i === 0 ? "active" : "waiting",
      ...(i === 0 ? { activeFrom: start } : {}),
    }));
  }

  /** Index of the active goal, or -1 when every goal is met. */
  get active(): number {
    return this.statuses.findIndex((s) => s.state === "active");
  }

  get allMet(): boolean {
    return this.statuses.every((s) => s.state === "met");
  }

  /** Evaluates the active goal, and the ones after it as each is met; the indexes newly met. */
  update(): number[] {
    const met: number[] = [];
    const now = this.timeline.now();
    for (let i = this.active; i >= 0 && i < this.goals.length; i = this.active) {
      const status = this.statuses[i];
      const outcome = evaluateCheck(this.goals[i].check, {
        timeline: this.timeline,
        kernel: this.kernel,
        from: status.activeFrom as Mark,
        now,
        streaks: this.streaks,
        scans: this.scans,
        inPast: this.inPast,
      });
      if (!outcome.met) break;
      status.state = "met";
      status.metAt = outcome.at;
      met.push(i);
      const next = this.statuses[i + 1];
      if (next) {
        next.state = "active";
        next.activeFrom = outcome.at;
      }
    }
    // No window reaches back before the active goal's start: the timeline may let go of the rest.
    const active = this.statuses[this.active];
    this.timeline.release(active?.activeFrom?.seq ?? now.seq);
    return met;
  }

  /** Goals that would count as met if each were active from the start: a lesson must have none. */
  metAtStart(): number[] {
    const now = this.timeline.now();
    return this.goals
      .map((goal, i) =>
        evaluateCheck(goal.check, {
          timeline: this.timeline,
          kernel: this.kernel,
          from: this.start,
          now,
          streaks: new WeakMap(),
        }).met
          ? i
          : -1,
      )
      .filter((i) => i >= 0);
  }
}
