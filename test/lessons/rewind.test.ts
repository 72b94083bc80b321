// The rewind step and the pausedAt check: going back to just before the fault meets "paused in
// contains" only while the machine stands in the past, and the lesson's solution reaches the bad read.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLesson } from "../../src/lessons/lesson";
import { LessonSession } from "../../src/lessons/session";

function start(): LessonSession {
  const file = "04b-rewind-to-the-bad-read.md";
  const parsed = parseLesson(file, readFileSync(`lessons/${file}`, "utf8"));
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  const started = LessonSession.start(parsed.lesson);
  if (!started.ok) throw new Error(started.message);
  return started.session;
}

describe("rewind steps and pausedAt", () => {
  it("pausedAt is met only in the past, with pc in the function, on the line with the text", () => {
    const session = start();
    expect(session.history).toBeDefined();
    const steps = session.lesson.solution;
    for (const step of steps.slice(0, 4)) expect(session.perform(step)).toEqual({ ok: true });
    expect(session.kernel.state).toBe("bugcheck");
    expect(session.tracker.statuses.map((s) => s.state)).toEqual(["met", "active", "waiting"]);
    // Just before the fault, but as if the machine were at the end of its recording: not met.
    const inPast = session.inPast;
    session.inPast = () => false;
    expect(session.perform({ rewind: "before-fault" })).toEqual({ ok: true });
    expect(session.tracker.statuses[1].state).toBe("active");
    session.inPast = inPast;
    session.observe();
    expect(session.tracker.statuses[1].state).toBe("met");
    // One C line back is still in contains: the bad read's line is not reached yet.
    expect(session.perform({ rewind: "line" })).toEqual({ ok: true });
    expect(session.tracker.statuses[2].state).toBe("active");
    expect(session.perform({ rewind: "line" })).toEqual({ ok: true });
    expect(session.tracker.statuses[2].state).toBe("met");
    session.dispose();
  });

  it("a rewind step without history fails with a reason", () => {
    const session = start();
    session.history = undefined;
    expect(session.perform({ rewind: "trap" })).toEqual({
      ok: false,
      message: "cannot go back in time: this machine keeps no history",
    });
    session.dispose();
  });
});
