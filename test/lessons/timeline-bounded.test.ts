// Issue 10, item 6: the kernel's log is bounded, and the lesson checker keeps what it reads: window
// checks count events as they arrive, so an event the log has since dropped still counts, and the
// timeline's own memory is bounded too.
import { describe, expect, it } from "vitest";
import { Kernel } from "../../src/kernel/kernel";
import { LOG_EVENT_LIMIT } from "../../src/kernel/kernelLog";
import { GoalTracker } from "../../src/lessons/goals";
import type { GoalSpec } from "../../src/lessons/schema";
import { TIMELINE_EVENT_LIMIT, Timeline } from "../../src/lessons/timeline";

function booted(): Kernel {
  const k = new Kernel({ services: [], shell: false });
  k.boot();
  return k;
}

const crash = (k: Kernel) =>
  k.emit({ kind: "driver-crash", driver: "d.sys", mode: "user", message: "x", crashes: 1 });
const noise = (k: Kernel, n: number, observe: () => void) => {
  for (let i = 0; i < n; i++) {
    k.emit({ kind: "file-removed", path: `/tmp/${i}` });
    if (i % 1000 === 0) observe();
  }
};

describe("the lesson timeline over a bounded log", () => {
  it("a count spread over more events than the log keeps is still met", () => {
    const k = booted();
    const timeline = new Timeline(k);
    const goals: GoalSpec[] = [{ text: "crash twice", check: { crashed: 2, driver: "d" } } as GoalSpec];
    const tracker = new GoalTracker(goals, timeline, k, timeline.now());
    crash(k);
    tracker.update();
    noise(k, LOG_EVENT_LIMIT * 2, () => tracker.update());
    // The first crash has left the kernel's log...
    expect(k.log.events.some((e) => e.kind === "driver-crash")).toBe(false);
    crash(k);
    // ... and still counts.
    expect(tracker.update()).toEqual([0]);
  });

  it("lets go of what no goal's window reaches, and keeps at most TIMELINE_EVENT_LIMIT events", () => {
    const k = booted();
    const timeline = new Timeline(k);
    const goals = [{ text: "never", check: { crashed: 1, driver: "nobody" } } as GoalSpec];
    const tracker = new GoalTracker(goals, timeline, k, timeline.now());
    noise(k, TIMELINE_EVENT_LIMIT + 5_000, () => tracker.update());
    tracker.update();
    expect(timeline.events.length).toBe(TIMELINE_EVENT_LIMIT);
    expect(timeline.dropped).toBeGreaterThanOrEqual(5_000);
    // Once every goal is met, nothing need be kept.
    crash(k);
    const all = new GoalTracker(
      [{ text: "a crash", check: { crashed: 1, driver: "d" } } as GoalSpec],
      timeline,
      k,
      timeline.now(),
    );
    crash(k);
    all.update();
    expect(timeline.events.length).toBe(0);
  });

  it("a console check sees output written after the transcript filled", () => {
    const k = booted();
    const timeline = new Timeline(k);
    const tracker = new GoalTracker(
      [{ text: "says hi", check: { console: "late hello" } } as GoalSpec],
      timeline,
      k,
      timeline.now(),
    );
    const console = k.machine.devices.console;
    console.writeText("x".repeat(1024 * 1024 + 10));
    expect(console.transcriptDropped).toBeGreaterThan(0);
    console.writeText("late hello\r\n");
    expect(tracker.update()).toEqual([0]);
  });
});
