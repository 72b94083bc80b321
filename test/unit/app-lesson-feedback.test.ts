// A wrong action in a lesson gets an answer: loading a driver the current goal does not ask for, or in
// the other ring, says what the goal expected; the right load, or a goal met, clears it.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { App } from "../../src/app/app";
import { LessonController, type LessonStatus, sessionHost } from "../../src/app/lessonController";
import { expectedLoads, loadFeedback } from "../../src/app/lessonFeedback";
import { lessonFiles } from "../../src/cli/lesson";

const sources = lessonFiles().map((f) => ({ file: basename(f), text: readFileSync(f, "utf8") }));

describe("lesson feedback", () => {
  it("reads the loads a goal asks for, inside combinations too", () => {
    expect(expectedLoads({ loaded: "pipes.sys", mode: "kernel" })).toEqual([
      { driver: "pipes.sys", mode: "kernel" },
    ]);
    expect(
      expectedLoads({ all: [{ loaded: "pipes.sys", mode: "kernel" }, { any: [{ loaded: "netlog.sys" }] }] }),
    ).toEqual([
      { driver: "pipes.sys", mode: "kernel" },
      { driver: "netlog.sys", mode: undefined },
    ]);
    expect(expectedLoads({ bugcheck: true })).toEqual([]);
  });

  it("says which ring or which driver was expected", () => {
    const goal = { loaded: "pipes.sys", mode: "kernel" as const };
    expect(loadFeedback(goal, "pipes.sys", "kernel")).toBeNull();
    expect(loadFeedback(goal, "pipes.sys", "user")).toBe(
      "You loaded pipes.sys in user mode; this goal wants it in kernel mode.",
    );
    expect(loadFeedback(goal, "null-driver.sys", "kernel")).toBe(
      "You loaded null-driver.sys in kernel mode; this goal expects pipes.sys in kernel mode.",
    );
    expect(loadFeedback({ bugcheck: true }, "anything.sys", "kernel")).toBeNull();
  });

  it("shows in the lesson's status when the learner loads in the wrong ring, and clears on the right load", () => {
    const app = new App({ now: () => 0 });
    const controller = new LessonController(app.store, sessionHost(app.session), sources);
    controller.attach();
    expect(controller.open("first-driver-kernel-mode")).toBe(true);
    const status = () => app.state.lesson.data as LessonStatus;
    const run = (cycles: number) => {
      for (let done = 0; done < cycles; done += 20_000) app.session.advance(20_000);
      app.session.sync(true);
    };
    expect(status().feedback).toBeNull();
    app.session.command("insmod /drivers/pipes.c --mode user");
    run(100_000);
    expect(status().feedback).toMatch(/pipes\.sys in user mode; this goal wants it in kernel mode/);
    expect(status().goals[0]).toBe("active");
    app.session.command("rmmod pipes.sys");
    app.session.command("insmod /drivers/pipes.c --mode kernel");
    run(100_000);
    expect(status().goals[0]).toBe("met");
    expect(status().feedback).toBeNull();
  });
});
