// Time travel in the workbench: from the bluescreen back to just before the fault, the analysis of it,
// forward again to the same bluescreen, and a branch: the same driver loaded in user mode instead.
import { describe, expect, it } from "vitest";
import { App } from "../../src/app/app";
import { systemFingerprint } from "../../src/kernel/fingerprint";

function play(app: App, seconds: number, clock = { t: 0 }): void {
  for (let i = 0; i < (seconds * 1000) / 16; i++) {
    clock.t += 16;
    app.frame(clock.t);
  }
}

function crashedWorkbench(): App {
  const app = new App({ now: () => 0 });
  app.navigate("workbench");
  const clock = { t: 0 };
  play(app, 0.5, clock);
  expect(app.editor.load("kernel")).toBe(true);
  play(app, 5, clock);
  expect(app.state.machine.state).toBe("bugcheck");
  return app;
}

describe("time travel in the workbench", () => {
  it("goes back to just before the fault, explains it, and forward again to the same bluescreen", () => {
    const app = crashedWorkbench();
    const crashed = systemFingerprint(app.session.kernel);
    expect(app.travel.back("fault")).toBe(true);
    expect(app.state.run.status).toBe("paused");
    expect(app.state.machine.state).toBe("running");
    expect(app.state.machine.bugcheck).toBeNull();
    expect(app.state.travel.where).toMatch(/^null-driver\.c:17 in main$/);
    expect(app.state.travel.atEnd).toBe(false);
    // The timeline was rebuilt from the log as it was then: no bugcheck in it yet.
    expect(app.state.timeline.map((e) => e.kind)).not.toContain("bugcheck");
    const text = app.travel.analyze();
    expect(text).toContain("PAGE_FAULT_IN_NONPAGED_AREA");
    expect(text).toContain("ldw t0, [t0 + 4]");
    app.travel.toEnd();
    expect(app.state.machine.state).toBe("bugcheck");
    expect(systemFingerprint(app.session.kernel)).toBe(crashed);
  });

  it("stepping back then resuming replays the recorded run", () => {
    const app = crashedWorkbench();
    const crashed = systemFingerprint(app.session.kernel);
    app.travel.back("fault");
    app.travel.back("instruction");
    app.travel.back("line");
    app.travel.back("trap");
    app.stepInstruction();
    app.stepLine();
    app.resume();
    play(app, 3, { t: 10_000 });
    expect(app.state.machine.state).toBe("bugcheck");
    expect(systemFingerprint(app.session.kernel)).toBe(crashed);
  });

  it("branches off: back to before the load, then the same driver in user mode; the machine lives", () => {
    const app = crashedWorkbench();
    const load = app.session.history.inputs.find((e) => e.input.kind === "insmod");
    expect(load).toBeDefined();
    expect(app.travel.seek((load?.at ?? 0) - 1)).toBe(true);
    expect(app.session.kernel.drivers.size).toBe(0);
    expect(app.editor.load("user")).toBe(true);
    app.resume();
    play(app, 5, { t: 10_000 });
    expect(app.state.machine.state).toBe("running");
    expect(
      app.session.history.inputs.some((e) => e.input.kind === "insmod" && e.input.mode === "kernel"),
    ).toBe(false);
    expect(app.state.drivers[0]).toMatchObject({ name: "null-driver.sys", mode: "user" });
    expect(app.state.drivers[0].crashes).toBeGreaterThan(0);
  });
});
