// Policy files: valid ones read as policies, every mistake located at its line and column.
import { describe, expect, it } from "vitest";
import { BUILT_IN_POLICIES } from "../../src/fleet/policy";
import { formatPolicyError, parsePolicy, policyToYaml } from "../../src/fleet/policyFile";

function errors(text: string): string[] {
  const parsed = parsePolicy("p.yaml", text);
  if (!("errors" in parsed)) throw new Error("expected errors");
  return parsed.errors.map((e) => formatPolicyError("p.yaml", e));
}

describe("policy files", () => {
  it("reads the built-in ringed policy written out as a file", () => {
    const text = [
      "name: rings with a health gate",
      "rings:",
      "  - { percent: 0.1, soakMinutes: 60 }",
      "  - { percent: 1, soakMinutes: 240 }",
      "  - { percent: 10, soakMinutes: 1440 }",
      "  - { percent: 88.9 }",
      "healthGate: { threshold: 1, telemetryMinutes: 15 }",
      "rollbackMinutes: 15",
    ].join("\n");
    expect(parsePolicy("p.yaml", text)).toEqual({ policy: BUILT_IN_POLICIES.rings });
  });

  it("locates a wrong type, an unknown key and rings that do not add up", () => {
    const text = [
      "rings:",
      "  - { percent: 10, soak: 60 }",
      "  - { percent: 80 }",
      "healthGate:",
      "  threshold: high",
    ].join("\n");
    expect(errors(text)).toEqual([
      "p.yaml:2:3: rings: the rings' percents must add up to 100, they add up to 90",
      "p.yaml:2:20: rings[0].soak: unknown key (expected one of percent, soakMinutes)",
      'p.yaml:5:14: healthGate.threshold: expected a number, got "high"',
    ]);
  });

  it("locates a missing field, a negative time and a YAML syntax error", () => {
    expect(errors("name: x\nrollbackMinutes: -5\n")).toEqual([
      "p.yaml:1:1: rings: missing: expected a list",
      "p.yaml:2:18: rollbackMinutes: expected a number >= 0, got -5",
    ]);
    const [syntax] = errors("rings: [ { percent: 100 }\n");
    expect(syntax).toMatch(/^p\.yaml:\d+:\d+: YAML: /);
  });
});

describe("policyToYaml", () => {
  it("writes every built-in policy so that it reads back the same", () => {
    for (const policy of Object.values(BUILT_IN_POLICIES)) {
      expect(parsePolicy("p.yaml", policyToYaml(policy))).toEqual({ policy });
      expect(parsePolicy("p.yaml", policyToYaml({ ...policy, automaticRecovery: true }))).toEqual({
        policy: { ...policy, automaticRecovery: true },
      });
    }
  });
});
