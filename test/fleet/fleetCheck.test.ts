// The lessons' `fleet` check: the fleet run from the files on a lesson machine's disk.
import { describe, expect, it } from "vitest";
import { defaultScenario } from "../../src/cli/fleet";
import { SCENARIO_FILES } from "../../src/fleet/scenario";
import { Kernel } from "../../src/kernel/kernel";
import { type CheckSpec, checkSchema } from "../../src/lessons/checkSchema";
import { fleetCheckHolds, fleetTotals } from "../../src/lessons/fleetCheck";

const scenario = defaultScenario();
const RINGS =
  "rings:\n  - { percent: 0.1, soakMinutes: 60 }\n  - { percent: 99.9 }\nhealthGate: { threshold: 1, telemetryMinutes: 15 }\n";
const JULY = "rings:\n  - { percent: 100 }\nrevertAfterMinutes: 78\n";

function machine(driver = scenario.driverSource): Kernel {
  const kernel = new Kernel({
    files: {
      [SCENARIO_FILES.driver]: driver,
      [SCENARIO_FILES.update]: scenario.update,
      [SCENARIO_FILES.revert]: scenario.revert,
      "/fleet/rings.yaml": RINGS,
      "/fleet/july.yaml": JULY,
      "/fleet/broken.yaml": "rings: 100\n",
    },
  });
  kernel.boot();
  return kernel;
}

const check = (spec: CheckSpec) => checkSchema.parse(spec);

describe("the fleet check", () => {
  it("compares the fleet's totals under the policy file on the disk", () => {
    const kernel = machine();
    expect(fleetTotals(kernel, "/fleet/july.yaml", "kernel")?.crashed).toBeGreaterThan(8_000_000);
    expect(
      fleetCheckHolds(check({ fleet: "/fleet/rings.yaml", crashedAtMost: 50_000, haltedAtRing: 1 }), kernel),
    ).toBe(true);
    expect(
      fleetCheckHolds(check({ fleet: "/fleet/rings.yaml", crashedAtMost: 50_000, haltedAtRing: 2 }), kernel),
    ).toBe(false);
    expect(fleetCheckHolds(check({ fleet: "/fleet/july.yaml", crashedAtMost: 50_000 }), kernel)).toBe(false);
    expect(
      fleetCheckHolds(check({ fleet: "/fleet/july.yaml", crashedAtMost: 0, mode: "user" }), kernel),
    ).toBe(true);
  });

  it("is not met for a missing or broken policy, or in verified mode", () => {
    const kernel = machine();
    expect(fleetCheckHolds(check({ fleet: "/fleet/none.yaml", crashedAtMost: 10 ** 9 }), kernel)).toBe(false);
    expect(fleetCheckHolds(check({ fleet: "/fleet/broken.yaml", crashedAtMost: 10 ** 9 }), kernel)).toBe(
      false,
    );
    expect(
      fleetCheckHolds(check({ fleet: "/fleet/july.yaml", crashedAtMost: 10 ** 9, mode: "verified" }), kernel),
    ).toBe(false);
  });

  it("runs the driver on the disk: with the bound check, the July push crashes nothing", () => {
    const fixed = scenario.driverSource.replace(
      "if (!contains(inputs->value[field], criterion)) return 0;",
      "if (field >= IPC_VALUES || !contains(inputs->value[field], criterion)) return 0;",
    );
    expect(fleetCheckHolds(check({ fleet: "/fleet/july.yaml", crashedAtMost: 0 }), machine(fixed))).toBe(
      true,
    );
  });

  it("needs crashedAtMost", () => {
    const parsed = checkSchema.safeParse({ fleet: "/fleet/rings.yaml", haltedAtRing: 1 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toBe(
      "fleet needs crashedAtMost: the most machines of the fleet that may crash (a whole number, 0 for none)",
    );
  });
});
