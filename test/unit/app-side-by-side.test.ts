// The side-by-side scenario with real kernels: the same driver, the same seed, kernel mode against
// user mode, and the blast radius of each.
import { describe, expect, it } from "vitest";
import { App } from "../../src/app/app";
import { SCENARIO, SideBySideRunner } from "../../src/app/sideBySide";

function run(driver: string, seed = 1) {
  const runner = new SideBySideRunner({ seed, driver });
  runner.runToEnd();
  return { runner, kernel: runner.summary(runner.kernelSide), user: runner.summary(runner.userSide) };
}

describe("side by side: null-driver.c (a null pointer on the first pipe_open event)", () => {
  const { runner, kernel, user } = run("/drivers/null-driver.c");

  it("kernel mode: the whole machine bugchecks, naming the stop code and the module", () => {
    expect(kernel.outcome).toBe("bugcheck");
    expect(kernel.stopCode).toBe("PAGE_FAULT_IN_NONPAGED_AREA");
    expect(kernel.module).toBe("null-driver.sys");
    const lost = kernel.processesLost.map((p) => p.name).sort();
    expect(lost).toEqual(["bank", "clock", "null-driver.sys"]);
    expect(kernel.processesLost.every((p) => p.cause === "bugcheck")).toBe(true);
  });

  it("kernel mode: unsaved bank transactions are lost, the machine is down until it reboots", () => {
    expect(kernel.unsavedTransactionsLost).toBeGreaterThan(0);
    expect(kernel.machineReboots).toBe(1);
    expect(kernel.stillDown).toBe(false);
    // The bluescreen holds for 3 s, then the boot takes 1 s before it counts as complete.
    expect(kernel.downtimeSeconds).toBeGreaterThanOrEqual(SCENARIO.bluescreenSeconds + 1);
    expect(kernel.downtimeSeconds).toBeLessThan(SCENARIO.bluescreenSeconds + 1.2);
    expect(runner.kernelSide.kernel.state).toBe("running");
    expect(runner.kernelSide.kernel.bootNumber).toBe(2);
  });

  it("user mode: only the driver's own process is lost, and it is restarted", () => {
    expect(user.outcome).toBe("process-fault");
    expect(user.stopCode).toBeNull();
    expect(new Set(user.processesLost.map((p) => p.name))).toEqual(new Set(["null-driver.sys"]));
    expect(user.unsavedTransactionsLost).toBe(0);
    expect(user.downtimeSeconds).toBe(0);
    expect(user.machineReboots).toBe(0);
    expect(user.driverRestarts).toBeGreaterThanOrEqual(1);
    expect(user.requestsFailed).toBeGreaterThanOrEqual(1);
    const k = runner.userSide.kernel;
    expect(k.state).toBe("running");
    expect(k.bootNumber).toBe(1);
    expect([...k.processes.values()].map((p) => p.name)).toEqual(expect.arrayContaining(["clock", "bank"]));
  });

  it("user mode: the restart policy gives up after repeated failures, and says so", () => {
    expect(user.driverCrashes).toBe(user.driverRestarts + 1);
    expect(user.gaveUp).toBe(true);
  });

  it("is deterministic: the same seed gives the same blast radius", () => {
    const again = run("/drivers/null-driver.c");
    expect(again.kernel).toEqual(kernel);
    expect(again.user).toEqual(user);
  });
});

describe("side by side: spin.c (an infinite loop)", () => {
  const { kernel, user } = run("/drivers/spin.c");

  it("kernel mode: the watchdog bugchecks the machine", () => {
    expect(kernel.outcome).toBe("bugcheck");
    expect(kernel.stopCode).toBe("DPC_WATCHDOG_VIOLATION");
    expect(kernel.module).toBe("spin.sys");
    expect(kernel.processesLost.length).toBe(3);
  });

  it("user mode: the driver is killed for missing its heartbeat and restarted; the rest runs on", () => {
    expect(user.outcome).toBe("process-fault");
    expect(user.driverRestarts).toBeGreaterThanOrEqual(1);
    expect(user.downtimeSeconds).toBe(0);
  });
});

describe("side by side in the app", () => {
  it("starts, runs to the end and leaves a final summary for both machines in the store", () => {
    const app = new App({ now: () => 0 });
    app.navigate("side-by-side");
    app.sideBySide.start({ driver: "/drivers/null-driver.c", seed: 1 });
    expect(app.state.sideBySide.status).toBe("running");
    app.sideBySide.finish();
    const v = app.state.sideBySide;
    expect(v.status).toBe("done");
    expect(v.elapsed).toBe(SCENARIO.durationSeconds);
    expect(v.kernel?.summary.stopCode).toBe("PAGE_FAULT_IN_NONPAGED_AREA");
    expect(v.user?.summary.outcome).toBe("process-fault");
    expect(v.kernel?.timeline.some((e) => e.kind === "bugcheck")).toBe(true);
    expect(v.user?.timeline.some((e) => e.kind === "driver-restart" || e.kind === "driver-give-up")).toBe(
      true,
    );
  });
});
