// The page's worker job, run in Node: two policies, their curves and the fleet pictures.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../src/cli/fleet";
import { MAP_LAYERS, runFleetJob } from "../../src/fleet/fleetJob";
import { BUILT_IN_POLICIES } from "../../src/fleet/policy";

describe("the fleet job", () => {
  it("runs each policy and packs the pictures at the moments asked for", () => {
    const progress: number[] = [];
    const result = runFleetJob(
      {
        id: 3,
        scenario: defaultScenario(),
        mode: "kernel",
        policies: [BUILT_IN_POLICIES["all-at-once"], BUILT_IN_POLICIES.rings],
        machines: 40_000,
        seed: 1,
        cells: 100,
        frameHours: [0, 3, 240],
      },
      () => performance.now(),
      (done) => progress.push(done),
    );
    expect(result.id).toBe(3);
    expect(result.runs).toHaveLength(2);
    expect(result.simulationMs).toHaveLength(2);
    expect(progress[progress.length - 1]).toBe(1);
    const [push, rings] = result.runs;
    expect(push.frames).toHaveLength(3 * 100 * MAP_LAYERS.length);
    const downAt = (run: typeof push, frame: number) => {
      let sum = 0;
      for (let c = 0; c < run.cells; c++) sum += run.frames[(frame * run.cells + c) * MAP_LAYERS.length];
      return sum / 255 / run.cells;
    };
    expect(downAt(push, 0)).toBe(0);
    // Three hours in, the share of the fleet the picture shows down is the share the curve shows.
    const curve = push.down[(3 * 60) / push.stepMinutes] / push.report.machines;
    expect(downAt(push, 1)).toBeCloseTo(curve, 2);
    expect(downAt(rings, 1)).toBeLessThan(0.01);
    expect(push.machineHours[push.machineHours.length - 1]).toBeGreaterThan(0);
  });
});
