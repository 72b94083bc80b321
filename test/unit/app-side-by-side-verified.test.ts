// The side-by-side scenario's third machine: the same driver loaded in verified mode, next to kernel
// mode and user mode. A refused driver never runs and the machine is untouched; an accepted one runs
// in ring 0 and gives its verdicts.
import { describe, expect, it } from "vitest";
import { App } from "../../src/app/app";
import { SideBySideRunner } from "../../src/app/sideBySide";

function run(driver: string, seed = 1) {
  const runner = new SideBySideRunner({ seed, driver });
  runner.runToEnd();
  return {
    runner,
    kernel: runner.summary(runner.kernelSide),
    user: runner.summary(runner.userSide),
    verified: runner.summary(runner.verifiedSide),
  };
}

describe("side by side in three modes: null-handler.c (null-driver's bug as an event handler)", () => {
  const { runner, kernel, user, verified } = run("/drivers/null-handler.c");

  it("runs three machines, one per mode, from the same seed", () => {
    expect(runner.sides().map((s) => s.mode)).toEqual(["kernel", "user", "verified"]);
  });

  it("kernel mode bugchecks and user mode loses only the driver's process, as with a main loop", () => {
    expect(kernel.outcome).toBe("bugcheck");
    expect(kernel.stopCode).toBe("PAGE_FAULT_IN_NONPAGED_AREA");
    expect(kernel.module).toBe("null-handler.sys");
    expect(user.outcome).toBe("process-fault");
    expect(user.driverRestarts).toBeGreaterThanOrEqual(1);
  });

  it("verified mode: the verifier refuses it at the C line of the bad read, with a suggestion", () => {
    const report = runner.verifiedSide.verifier;
    expect(report?.accepted).toBe(false);
    const [first] = report?.messages ?? [];
    expect(first.file).toBe("/drivers/null-handler.c");
    expect(first.line).toBe(12);
    expect(first.code).toBe("if (ev->kind == EV_PIPE_OPEN) table->count = table->count + 1;");
    expect(first.message).toMatch(/not a pointer the verifier can trust/);
    expect(first.suggestion).toBeTruthy();
    expect(verified.outcome).toBe("refused");
  });

  it("verified mode: the driver never ran and the machine lost nothing", () => {
    const k = runner.verifiedSide.kernel;
    expect(k.state).toBe("running");
    expect(k.bootNumber).toBe(1);
    expect([...k.drivers.values()].map((d) => d.name)).not.toContain("null-handler.sys");
    expect(verified.processesLost).toEqual([]);
    expect(verified.unsavedTransactionsLost).toBe(0);
    expect(verified.downtimeSeconds).toBe(0);
    expect(verified.machineReboots).toBe(0);
    expect(verified.driverCrashes).toBe(0);
    expect(runner.verifiedSide.verdicts).toEqual({ allowed: 0, blocked: 0 });
  });

  it("is deterministic: the same seed gives the same verified machine, report and all", () => {
    const again = run("/drivers/null-handler.c");
    expect(again.verified).toEqual(verified);
    expect(again.runner.verifiedSide.verifier).toEqual(runner.verifiedSide.verifier);
  });
});

describe("side by side in three modes: null-driver.c (a main loop, no on_event)", () => {
  const { runner, verified } = run("/drivers/null-driver.c");

  it("verified mode refuses a driver written the old way, and says why", () => {
    const report = runner.verifiedSide.verifier;
    expect(report?.accepted).toBe(false);
    expect(report?.message).toMatch(/null-driver\.sys has no on_event/);
    expect(report?.messages[0].message).toMatch(/no on_event/);
    expect(report?.messages[0].suggestion).toMatch(/int on_event\(const struct event \*ev\)/);
    // The finding is about the whole file (at line 1, a comment): there is no line of code to quote.
    expect(report?.messages[0].code).toBeNull();
    expect(verified.outcome).toBe("refused");
    expect(verified.processesLost).toEqual([]);
  });
});

describe("side by side in three modes: guard.c (a handler the verifier accepts)", () => {
  const { runner, kernel, user, verified } = run("/drivers/guard.c");

  it("verified mode: accepted, with the verifier's counts", () => {
    const report = runner.verifiedSide.verifier;
    expect(report?.accepted).toBe(true);
    expect(report?.instructions).toBeGreaterThan(0);
    expect(report?.loops).toBe(1);
    expect(report?.message).toMatch(/^verified: \d+ instructions, 1 loop bounded/);
  });

  it("verified mode: the driver runs in ring 0, in verified mode, and nothing faults", () => {
    const driver = runner.verifiedSide.kernel.drivers.get("guard.sys");
    expect(driver?.mode).toBe("verified");
    // The default feed ends 4 s after the load; the handler saw every event and ended without a fault.
    expect(driver?.state).toBe("exited");
    expect(driver?.crashes).toBe(0);
    expect(verified.outcome).toBe("none");
    for (const b of [kernel, user, verified]) expect(b.processesLost).toEqual([]);
  });

  it("counts each machine's verdicts: the same feed gets the same verdicts in all three modes", () => {
    const counts = runner.sides().map((s) => s.verdicts);
    expect(counts[2].blocked).toBeGreaterThanOrEqual(1);
    expect(counts[2].allowed).toBeGreaterThan(counts[2].blocked);
    expect(counts[0]).toEqual(counts[2]);
    expect(counts[1]).toEqual(counts[2]);
  });

  it("kernel and user mode record no verifier report: only verified mode asks the verifier", () => {
    expect(runner.kernelSide.verifier).toBeNull();
    expect(runner.userSide.verifier).toBeNull();
  });
});

describe("side by side in three modes: scenario time", () => {
  it("stamps what the load records with the moment of the load, on every machine", () => {
    const runner = new SideBySideRunner({ seed: 1, driver: "/drivers/null-handler.c" });
    // Slices that do not end at the moment of the load, as the page's frames do not.
    while (!runner.loaded) runner.advance(30_000);
    for (const side of runner.sides()) {
      const loads = side
        .takePending()
        .filter((e) => e.event.kind === "verifier" || e.event.kind === "driver-load");
      expect(loads.length, side.mode).toBeGreaterThan(0);
      for (const { at } of loads) expect(at, side.mode).toBe(runner.loadAt);
    }
  });
});

describe("side by side in three modes, in the app", () => {
  it("keeps the verified machine's view: the refusal, its timeline entry, and nothing lost", () => {
    const app = new App({ now: () => 0 });
    app.navigate("side-by-side");
    app.sideBySide.start({ driver: "/drivers/null-handler.c", seed: 1 });
    app.sideBySide.finish();
    const v = app.state.sideBySide.verified;
    expect(v?.mode).toBe("verified");
    expect(v?.verifier?.accepted).toBe(false);
    expect(v?.verifier?.messages[0].line).toBe(12);
    expect(v?.timeline.some((e) => e.kind === "verifier" && /refused null-handler\.sys/.test(e.title))).toBe(
      true,
    );
    expect(v?.summary.outcome).toBe("refused");
    expect(v?.state).toBe("running");
    expect(app.state.sideBySide.kernel?.verifier).toBeNull();
  });

  it("shows blocked verdicts in the timeline and counts the allowed ones instead of listing them", () => {
    const app = new App({ now: () => 0 });
    app.navigate("side-by-side");
    app.sideBySide.start({ driver: "/drivers/guard.c", seed: 1 });
    app.sideBySide.finish();
    for (const key of ["kernel", "user", "verified"] as const) {
      const v = app.state.sideBySide[key];
      expect(v?.verdicts.blocked, key).toBeGreaterThanOrEqual(1);
      expect(v?.verdicts.allowed, key).toBeGreaterThan(0);
      const verdicts = v?.timeline.filter((e) => e.kind === "verdict") ?? [];
      expect(verdicts.length, key).toBeGreaterThan(0);
      expect(
        verdicts.every((e) => e.title.startsWith("Blocked by guard.sys")),
        key,
      ).toBe(true);
    }
    expect(app.state.sideBySide.verified?.drivers.find((d) => d.name === "guard.sys")?.mode).toBe("verified");
  });

  it("shows all three modes by default, lets one be hidden and shown again, never all of them", () => {
    const app = new App({ now: () => 0 });
    const columns = () => app.state.sideBySide.columns;
    expect(columns()).toEqual(["kernel", "user", "verified"]);
    expect(app.sideBySide.showColumn("user", false)).toBe(true);
    expect(columns()).toEqual(["kernel", "verified"]);
    expect(app.sideBySide.showColumn("kernel", false)).toBe(true);
    // The last one shown stays: a demo with no machine on the screen shows nothing.
    expect(app.sideBySide.showColumn("verified", false)).toBe(false);
    expect(columns()).toEqual(["verified"]);
    // Shown again, a mode takes its place in the usual order, not at the end.
    app.sideBySide.showColumn("kernel", true);
    app.sideBySide.showColumn("user", true);
    expect(columns()).toEqual(["kernel", "user", "verified"]);
  });
});
