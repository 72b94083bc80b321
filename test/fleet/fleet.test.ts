// The fleet model: determinism, conservation, policies, monotone effects, calibration, a fixed driver.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../src/cli/fleet";
import { ASSUMED } from "../../src/fleet/assumptions";
import { JULY_CRASHED } from "../../src/fleet/facts";
import { type FleetRequest, runFleet } from "../../src/fleet/fleet";
import { fleetMap } from "../../src/fleet/fleetMap";
import { BUILT_IN_POLICIES, type Policy } from "../../src/fleet/policy";
import { parsePolicy } from "../../src/fleet/policyFile";
import { STATES } from "../../src/fleet/simulation";

const scenario = defaultScenario();
const SMALL = 300_000;

function run(overrides: Partial<FleetRequest> = {}) {
  return runFleet({
    scenario,
    mode: "kernel",
    policy: BUILT_IN_POLICIES["all-at-once"],
    machines: SMALL,
    ...overrides,
  });
}

function policyFrom(text: string): Policy {
  const parsed = parsePolicy("test.yaml", text);
  if ("errors" in parsed) throw new Error(JSON.stringify(parsed.errors));
  return parsed.policy;
}

/** The totals without the policy's name. */
function totalsOf(r: ReturnType<typeof run>) {
  const { policy: _name, ...rest } = r.report;
  return rest;
}

describe("the fleet", () => {
  it("is deterministic: the same seed gives the same totals and curves", () => {
    const a = run({ seed: 7, policy: { ...BUILT_IN_POLICIES["all-at-once"], automaticRecovery: true } });
    const b = run({ seed: 7, policy: { ...BUILT_IN_POLICIES["all-at-once"], automaticRecovery: true } });
    expect(b.report).toEqual(a.report);
    expect(b.series).toEqual(a.series);
    const c = run({ seed: 8, policy: { ...BUILT_IN_POLICIES["all-at-once"], automaticRecovery: true } });
    expect(c.report.machineHoursLost).not.toBe(a.report.machineHoursLost);
  });

  it("conserves machines: each is in exactly one state at every moment", () => {
    const { result, series } = run({
      policy: { ...BUILT_IN_POLICIES.rings, healthGate: null, revertAfterMinutes: 600 },
    });
    const machines = result.population.machines;
    expect(machines).toBe(SMALL);
    // The pieces cut the line of machines into disjoint ranges that cover it.
    const ranges = result.pieces.map((p) => [p.start, p.count]).sort((x, y) => x[0] - y[0]);
    let next = 0;
    for (const [start, count] of ranges) {
      expect(start).toBe(next);
      expect(count).toBeGreaterThan(0);
      next += count;
    }
    expect(next).toBe(machines);
    // At every sample the states add up to the fleet, and none is negative.
    const samples = series.down.length;
    for (let k = 0; k < samples; k++) {
      let sum = 0;
      for (const state of STATES) {
        expect(series.byState[state][k]).toBeGreaterThanOrEqual(0);
        sum += series.byState[state][k];
      }
      expect(sum).toBe(machines);
    }
    // And in the fleet picture, at moments between samples too.
    for (const minute of [0, 7, 95, 1234.5, 6000, 14_400]) {
      const frame = fleetMap(result, minute, 500);
      for (let cell = 0; cell < frame.cells; cell++) {
        let share = 0;
        for (let s = 0; s < STATES.length; s++) share += frame.shares[cell * STATES.length + s];
        expect(share).toBeCloseTo(1, 4);
      }
    }
  });

  it("a one-ring policy from a file is the July 2024 push", () => {
    const oneRing = policyFrom("rings:\n  - { percent: 100, soakMinutes: 600 }\nrevertAfterMinutes: 78\n");
    expect(totalsOf(run({ policy: oneRing }))).toEqual(totalsOf(run()));
  });

  it("a lower health-gate threshold never crashes more machines", () => {
    const crashed = [100, 80, 50, 20, 5, 1, 0.5, 0.1].map(
      (threshold) =>
        run({
          policy: {
            ...BUILT_IN_POLICIES.rings,
            healthGate: { thresholdPercent: threshold, telemetryMinutes: 15 },
          },
        }).report.crashed,
    );
    for (let i = 1; i < crashed.length; i++) expect(crashed[i]).toBeLessThanOrEqual(crashed[i - 1]);
    expect(crashed[crashed.length - 1]).toBeLessThan(crashed[0]);
  });

  it("the ringed rollout halts at the first ring and crashes a small share of what the push did", () => {
    const push = run();
    const rings = run({ policy: BUILT_IN_POLICIES.rings });
    expect(rings.report.haltedAtRing).toBe(1);
    expect(push.report.haltedAtRing).toBeNull();
    expect(rings.report.crashed).toBeGreaterThan(0);
    expect(rings.report.crashed).toBeLessThan(push.report.crashed / 50);
  });

  it("a driver with a bound check crashes no machine, in either mode", () => {
    const fixed = scenario.driverSource.replace(
      "if (!contains(inputs->value[field], criterion)) return 0;",
      "if (field >= IPC_VALUES || !contains(inputs->value[field], criterion)) return 0;",
    );
    expect(fixed).not.toBe(scenario.driverSource);
    for (const mode of ["kernel", "user"] as const) {
      const r = run({ scenario: { ...scenario, driverSource: fixed }, mode });
      expect(r.report.loadError).toBeNull();
      expect(r.report.crashed).toBe(0);
      expect(r.report.sensorFailed).toBe(0);
      expect(r.report.machineHoursLost).toBe(0);
    }
  });

  it("in user mode the same driver takes down sensors, not machines", () => {
    const r = run({ mode: "user" });
    expect(r.report.classes[0].effect).toBe("sensor-fails");
    expect(r.report.crashed).toBe(0);
    expect(r.report.peakDown).toBe(0);
    expect(r.report.sensorFailed).toBeGreaterThan(0);
  });

  it("automatic recovery brings machines back sooner", () => {
    const manual = run();
    const automatic = run({ policy: { ...BUILT_IN_POLICIES["all-at-once"], automaticRecovery: true } });
    expect(automatic.report.crashed).toBe(manual.report.crashed);
    expect(automatic.report.machineHoursLost).toBeLessThan(manual.report.machineHoursLost);
  });

  it("costs cohorts and events, not machines", () => {
    const small = run({ machines: 4_000_000 });
    const large = run({ machines: 40_000_000 });
    expect(large.report.crashed).toBeGreaterThan(8 * small.report.crashed);
    expect(large.report.events).toBeLessThan(1.5 * small.report.events);
    expect(large.report.events).toBeLessThan(large.report.cohorts * 4);
  });
});

describe("calibration (the default population, the July 2024 parameters)", () => {
  const july = runFleet({ scenario, mode: "kernel", policy: BUILT_IN_POLICIES["all-at-once"] });

  it("crashes about 8.5 million machines (within 5%)", () => {
    expect(july.report.machines).toBe(ASSUMED.defaultMachines);
    expect(Math.abs(july.report.crashed - JULY_CRASHED) / JULY_CRASHED).toBeLessThan(0.05);
  });

  it("brings most of them back within about ten days", () => {
    const back = july.series.byState.recovered;
    const atTenDays = back[back.length - 1];
    expect(atTenDays / july.report.crashed).toBeGreaterThan(0.95);
    expect(july.report.hoursToRecover90).not.toBeNull();
    expect(july.report.hoursToRecover90 as number).toBeGreaterThan(48);
    expect(july.report.hoursToRecover90 as number).toBeLessThan(240);
  });
});

describe("the boot race", () => {
  it("brings machines back by themselves when the fix is out before their second failed boot", () => {
    const fast = run({
      policy: {
        ...BUILT_IN_POLICIES.rings,
        healthGate: { thresholdPercent: 0.1, telemetryMinutes: 0 },
        rollbackMinutes: 0,
      },
    });
    const slow = run({ policy: BUILT_IN_POLICIES.rings });
    // Before the IT staff start (three hours in), only the race can have brought a machine back.
    const beforeStaff = (r: typeof fast) =>
      r.series.byState.recovered[(ASSUMED.remediationStartHours * 60) / 10 - 1];
    expect(fast.report.crashed).toBeGreaterThan(0);
    expect(beforeStaff(fast)).toBeGreaterThan(0);
    expect(beforeStaff(slow)).toBe(0);
  });
});
