// The workbench session with a real kernel: loading drivers from the editor, bugchecks and restarts
// reaching the store, the bluescreen countdown, stepping, the editor's diagnostics, the run loop.
import { describe, expect, it } from "vitest";
import { App } from "../../src/app/app";
import { RunLoop, SLICE_CYCLES } from "../../src/app/runLoop";
import { ConsoleReader } from "../../src/machine/devices/console";

/** Runs the app's frame loop for `seconds` of simulated real time, 16 ms a frame. */
function play(app: App, seconds: number, clock = { t: 0 }): void {
  for (let i = 0; i < (seconds * 1000) / 16; i++) {
    clock.t += 16;
    app.frame(clock.t);
  }
}

function workbench(): App {
  const app = new App({ now: () => 0 });
  app.navigate("workbench");
  return app;
}

describe("workbench session", () => {
  it("boots with the clock and the bank running in user mode", () => {
    const app = workbench();
    play(app, 1.5);
    const names = app.state.processes.map((p) => `${p.name}:${p.ring}`);
    expect(names).toEqual(["clock:user", "bank:user"]);
    expect(app.state.machine.state).toBe("running");
    expect(app.state.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(["boot", "boot-complete"]));
  });

  it("kernel mode: null-driver.c bugchecks the machine; the store has the stop code, module, fault and countdown", () => {
    const app = workbench();
    expect(app.editor.load("kernel")).toBe(true);
    play(app, 5);
    const { machine } = app.state;
    expect(machine.state).toBe("bugcheck");
    expect(machine.bugcheck?.stopCode).toBe("PAGE_FAULT_IN_NONPAGED_AREA");
    expect(machine.bugcheck?.module).toBe("null-driver.sys");
    expect(machine.bugcheck?.source).toMatch(/^null-driver\.c:\d+ in main$/);
    expect(machine.fault).toMatchObject({ address: 4, access: "read", frame: null, ring: "kernel" });
    expect(machine.rebootIn).toBeGreaterThan(0);
    expect(app.state.announcements.at(-1)).toMatchObject({ urgent: true });
    expect(app.state.announcements.at(-1)?.text).toMatch(/PAGE FAULT IN NONPAGED AREA.*null-driver\.sys/);
    expect(app.state.drivers[0]).toMatchObject({ name: "null-driver.sys", state: "crashed", crashes: 1 });
  });

  it("the bluescreen restarts the machine by itself after its countdown, and not while paused", () => {
    const app = workbench();
    const clock = { t: 0 };
    app.editor.load("kernel");
    play(app, 5, clock);
    expect(app.state.machine.state).toBe("bugcheck");
    app.pause();
    play(app, 20, clock);
    expect(app.state.machine.state).toBe("bugcheck");
    app.resume();
    play(app, 16, clock);
    expect(app.state.machine.state).toBe("running");
    expect(app.state.machine.bootNumber).toBe(2);
    expect(app.state.machine.bugcheck).toBeNull();
  });

  it("user mode: null-driver.c is stopped and restarted; the machine keeps running", () => {
    const app = workbench();
    app.editor.load("user");
    play(app, 5);
    expect(app.state.machine.state).toBe("running");
    const kinds = app.state.timeline.map((e) => e.kind);
    expect(kinds).toContain("process-fault");
    expect(kinds).toContain("driver-restart");
    expect(app.state.machine.fault).toMatchObject({ address: 4, ring: "user", frame: null });
    expect(app.state.announcements.some((a) => /restarted/.test(a.text))).toBe(true);
    expect(app.state.processes.map((p) => p.name)).toEqual(expect.arrayContaining(["clock", "bank"]));
  });

  it("steps one instruction and one C line, pausing the machine", () => {
    const app = workbench();
    play(app, 0.5);
    const before = app.session.kernel.machine.cpu.instructions;
    app.stepInstruction();
    expect(app.state.run.status).toBe("paused");
    expect(app.session.kernel.machine.cpu.instructions).toBeGreaterThan(before - 1);
    expect(app.state.step?.text).toMatch(/^Stepped one instruction\. Now at 0x[0-9a-f]{8}/);
    app.stepLine();
    expect(app.state.step?.text).toMatch(
      /Stepped to the next C line\. Now at 0x[0-9a-f]{8} in \w+ .*\.c:\d+\.$/,
    );
  });

  it("keeps the editor's diagnostics up to date and saves to the disk and the scenario", () => {
    const app = workbench();
    app.editor.edit("int main(void) { return undeclared; }\n");
    expect(app.state.editor.build).toBe("errors");
    expect(app.state.editor.dirty).toBe(true);
    expect(app.state.editor.diagnostics[0]).toMatchObject({ severity: "error", line: 1 });
    app.editor.edit("int main(void) { return 0; }\n");
    expect(app.state.editor.build).toBe("ok");
    expect(app.editor.save()).toBe(true);
    expect(app.state.editor.dirty).toBe(false);
    expect(app.session.kernel.machine.devices.disk.readText("/drivers/null-driver.c")).toBe(
      "int main(void) { return 0; }\n",
    );
    expect(app.state.scenario.files["/drivers/null-driver.c"]).toBe("int main(void) { return 0; }\n");
    // A reset keeps the saved file.
    app.reset();
    expect(app.session.kernel.machine.devices.disk.readText("/drivers/null-driver.c")).toBe(
      "int main(void) { return 0; }\n",
    );
    expect(app.editor.create("bad name")).toMatch(/Name the file/);
    expect(app.editor.create("/drivers/new-one.c")).toBeNull();
    expect(app.state.editor.path).toBe("/drivers/new-one.c");
    expect(app.state.editor.build).toBe("ok");
  });

  it("a shell command typed on the console reaches the shell", () => {
    const app = workbench();
    play(app, 0.5);
    const reader = new ConsoleReader(app.session.kernel.machine.devices.console, true);
    app.session.type("ps\r");
    play(app, 0.2);
    const output = reader.read();
    expect(output).toMatch(/PID\s+RING\s+STATE/);
    expect(output).toMatch(/clock/);
  });
});

describe("run loop", () => {
  it("gives the machine the cycles its speed asks for", () => {
    let ran = 0;
    const loop = new RunLoop(() => 0);
    const result = loop.frame(
      {
        advance: (c) => {
          ran += c;
          return true;
        },
      },
      4,
      16,
    );
    expect(result.wanted).toBe(64_000);
    expect(ran).toBe(64_000);
  });

  it("stops when the frame's host time is spent, so the page keeps answering", () => {
    let now = 0;
    let calls = 0;
    const loop = new RunLoop(() => now, 10);
    const result = loop.frame(
      {
        advance: () => {
          calls++;
          now += 3; // a slow machine: 3 ms per slice
          return true;
        },
      },
      64,
      16,
    );
    expect(calls).toBe(4);
    expect(result.ran).toBeLessThan(result.wanted);
    expect(result.speed).toBeLessThan(64);
  });

  it("cuts slices by host time too: expensive cycles get smaller slices, so a frame stays in budget", () => {
    let now = 0;
    const slices: number[] = [];
    const loop = new RunLoop(() => now, 10);
    // A driver that makes every cycle cost the host 1 ms per 1,000 cycles: a whole 20,000-cycle slice
    // would take 20 ms, two frames' budget.
    const expensive = {
      advance: (c: number) => {
        slices.push(c);
        now += c / 1000;
        return true;
      },
    };
    const frameMs: number[] = [];
    for (let frame = 0; frame < 5; frame++) {
      const start = now;
      loop.frame(expensive, 1, 16);
      frameMs.push(now - start);
    }
    // The first slice teaches the loop what a cycle costs; from the second frame on no frame overruns
    // its budget by more than a quarter of it.
    for (const ms of frameMs.slice(1)) expect(ms).toBeLessThanOrEqual(10 + 2.5);
    expect(Math.max(...slices.slice(1))).toBeLessThanOrEqual(2_500);
    // And cheap cycles get the full slice back.
    const cheap = {
      advance: (c: number) => {
        slices.push(c);
        now += c / 10_000_000;
        return true;
      },
    };
    for (let frame = 0; frame < 5; frame++) loop.frame(cheap, 4, 16);
    expect(slices.slice(-3)).toContain(SLICE_CYCLES);
  });

  it("stops at once when the machine stops", () => {
    let calls = 0;
    const loop = new RunLoop(() => 0);
    loop.frame(
      {
        advance: () => {
          calls++;
          return false;
        },
      },
      1,
      16,
    );
    expect(calls).toBe(1);
  });
});
