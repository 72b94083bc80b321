// The timeline, dmesg and the status line read one clock: the kernel's, since that boot. With the
// firmware's one-second wait for the safe-mode key before the kernel starts, the timeline used to say
// 1.00 s where dmesg said 0.00.
import { describe, expect, it } from "vitest";
import { App } from "../../src/app/app";
import { CYCLES_PER_SECOND } from "../../src/kernel/layout";

describe("one clock", () => {
  it("stamps an event in the timeline with the time dmesg gives it", () => {
    const app = new App({ now: () => 0, bootMenuCycles: CYCLES_PER_SECOND });
    app.navigate("workbench");
    for (let t = 16; t < 3000; t += 16) app.frame(t);
    const started = app.state.timeline.find((e) => e.kind === "process-start" && /clock/.test(e.title));
    const line = app.session.kernel.log.lines.find((l) => /started clock/.test(l)) ?? "";
    const dmesgSeconds = Number(/^\[\s*([\d.]+)\]/.exec(line)?.[1]);
    expect(started).toBeDefined();
    expect(started?.seconds.toFixed(2)).toBe(dmesgSeconds.toFixed(2));
    // The firmware's second is not on the kernel's clock.
    expect(app.session.kernel.cyclesSincePowerOn).toBeGreaterThan(CYCLES_PER_SECOND);
    expect(app.state.clock.tick / 100).toBeLessThan(
      app.session.kernel.cyclesSincePowerOn / CYCLES_PER_SECOND,
    );
  });
});
