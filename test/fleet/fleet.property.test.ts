// Properties of the fleet over random policies: machines are conserved, and lowering the health
// gate's threshold never crashes more machines.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../src/cli/fleet";
import { runFleet } from "../../src/fleet/fleet";
import type { Policy } from "../../src/fleet/policy";
import { STATES } from "../../src/fleet/simulation";

const scenario = defaultScenario();
const MACHINES = 60_000;

/** Random rings: 1 to 5 shares of the fleet adding up to 100, with soak times up to two days. */
const policyArb = fc
  .record({
    weights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 5 }),
    soaks: fc.array(fc.integer({ min: 0, max: 2880 }), { minLength: 5, maxLength: 5 }),
    telemetry: fc.integer({ min: 0, max: 240 }),
    rollback: fc.integer({ min: 0, max: 240 }),
    revert: fc.option(fc.integer({ min: 0, max: 14_400 }), { nil: null }),
    automatic: fc.boolean(),
  })
  .map(({ weights, soaks, telemetry, rollback, revert, automatic }) => {
    const total = weights.reduce((a, b) => a + b, 0);
    const percents = weights.map((w) => (100 * w) / total);
    return {
      policy: {
        name: "random",
        rings: percents.map((percent, i) => ({ percent, soakMinutes: soaks[i] })),
        healthGate: { thresholdPercent: 50, telemetryMinutes: telemetry },
        rollbackMinutes: rollback,
        revertAfterMinutes: revert,
        automaticRecovery: automatic,
      } satisfies Policy,
    };
  });

describe("the fleet, over random policies", () => {
  it("keeps every machine in exactly one state at every sample", () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 0, max: 1000 }), ({ policy }, seed) => {
        const { series, report } = runFleet({ scenario, mode: "kernel", policy, machines: MACHINES, seed });
        for (let k = 0; k < series.down.length; k += 7) {
          let sum = 0;
          for (const state of STATES) {
            expect(series.byState[state][k]).toBeGreaterThanOrEqual(0);
            sum += series.byState[state][k];
          }
          expect(sum).toBe(report.machines);
        }
        expect(report.peakDown).toBeLessThanOrEqual(report.crashed);
      }),
      { numRuns: 12 },
    );
  });

  it("never crashes more machines with a lower health-gate threshold", () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        ({ policy }, a, b) => {
          const [low, high] = a < b ? [a, b] : [b, a];
          const crashed = (threshold: number) =>
            runFleet({
              scenario,
              mode: "kernel",
              policy: {
                ...policy,
                healthGate: {
                  ...(policy.healthGate as NonNullable<Policy["healthGate"]>),
                  thresholdPercent: threshold,
                },
              },
              machines: MACHINES,
            }).report.crashed;
          expect(crashed(low)).toBeLessThanOrEqual(crashed(high));
        },
      ),
      { numRuns: 12 },
    );
  });
});
