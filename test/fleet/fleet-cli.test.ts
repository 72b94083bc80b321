// `ringlab fleet`, in-process: the JSON line, policy files, bad input with exit 2.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, usage } from "../../src/cli/main";

const dir = mkdtempSync(join(tmpdir(), "ringlab-fleet-"));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function lastJson(out: string): Record<string, unknown> {
  const lines = out.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

describe("ringlab fleet", () => {
  it("is in the usage", () => {
    expect(usage()).toContain("fleet [--policy all-at-once|rings|FILE]");
  });

  it("ends with one JSON object with the totals", async () => {
    const { code, out } = await cli("fleet", "--machines", "50000", "--policy", "rings", "--json");
    expect(code).toBe(0);
    const json = lastJson(out);
    for (const key of [
      "machines",
      "crashed",
      "peakDown",
      "machineHoursLost",
      "haltedAtRing",
      "hoursToRecover90",
    ])
      expect(json).toHaveProperty(key);
    expect(json.machines).toBe(50_000);
    expect(json.haltedAtRing).toBe(1);
    expect(out).toContain("the health gate halted the rollout at ring 1");
  });

  it("runs a policy file and a driver file", async () => {
    const policy = join(dir, "one-ring.yaml");
    writeFileSync(policy, "name: one ring\nrings:\n  - { percent: 100 }\nrevertAfterMinutes: 78\n");
    const a = lastJson((await cli("fleet", "--machines", "20000", "--policy", policy, "--json")).out);
    const b = lastJson((await cli("fleet", "--machines", "20000", "--json")).out);
    expect({ ...a, policy: "" }).toEqual({ ...b, policy: "" });

    const driver = join(dir, "quiet.c");
    writeFileSync(
      driver,
      "int main(void) {\n  struct event ev;\n  while (next_event(&ev)) {\n  }\n  return 0;\n}\n",
    );
    const quiet = lastJson((await cli("fleet", "--machines", "20000", "--driver", driver, "--json")).out);
    expect(quiet.crashed).toBe(0);
  });

  it("refuses bad input with a located message and exit 2", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "rings:\n  - { percent: 100, soakMinutes: soon }\n");
    const policy = await cli("fleet", "--policy", bad);
    expect(policy.code).toBe(2);
    expect(policy.err).toBe(`${bad}:2:34: rings[0].soakMinutes: expected a number, got "soon"`);

    const broken = join(dir, "broken.c");
    writeFileSync(broken, "int main(void) {\n  return missing;\n}\n");
    const driver = await cli("fleet", "--driver", broken);
    expect(driver.code).toBe(2);
    expect(driver.err).toContain(`${broken}:2:`);

    expect((await cli("fleet", "--machines", "0")).code).toBe(2);
    expect((await cli("fleet", "--policy", join(dir, "nowhere.yaml"))).code).toBe(2);
    // Lesson 4's sensor has its own main loop: the verifier refuses it, and no machine loads it.
    const verified = await cli("fleet", "--mode", "verified");
    expect(verified.code).toBe(2);
    expect(verified.err).toContain("the verifier refused sensor.sys");
  });

  it("runs a sensor written as an event handler in verified mode: no machine crashes", async () => {
    const handler = join(dir, "handler.c");
    writeFileSync(handler, "int on_event(const struct event *ev) { return ev->kind == 2; }\n");
    const run = await cli(
      "fleet",
      "--mode",
      "verified",
      "--driver",
      handler,
      "--machines",
      "10000",
      "--json",
    );
    expect(run.code).toBe(0);
    const totals = JSON.parse(run.out.trim().split("\n").at(-1) ?? "{}");
    expect(totals).toMatchObject({ mode: "verified", crashed: 0 });
  });
});
