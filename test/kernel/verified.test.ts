// Verified mode, the kernel's side: the verifier decides whether a handler driver may run in ring 0,
// verdicts are recorded, and the failure policy answers for an event whose verdict never comes.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { runUntil } from "../../src/kernel/replay";
import { bootedKernel, eventsOf } from "../support/kernelHarness";

const FEED = [1, 2, 3, 2].map((kind, i) => ({
  at: 50_000 + i * 50_000,
  kind,
  pid: 100 + i,
  name: `e${i}`,
  arg: "",
}));

const BLOCKS_PIPES = `
int seen[8];
int on_event(const struct event *ev) {
  if (ev->kind >= 0 && ev->kind < 8) seen[ev->kind]++;
  return ev->kind == 2;   /* block pipe opens */
}
`;

const READS_PAST = `
int table[20];
int on_event(const struct event *ev) {
  int i = ev->kind * 10;
  return table[i];
}
`;

function loaded(source: string, mode: "verified" | "user", extra: Record<string, unknown> = {}) {
  const k = bootedKernel({ "/drivers/sensor.c": source }, { events: FEED });
  const said = k.input({ kind: "insmod", path: "/drivers/sensor.c", mode, ...extra });
  runUntil(k, k.cyclesSincePowerOn + 600_000);
  return { k, said };
}

describe("insmod --mode verified", () => {
  it("loads a handler the verifier accepts into ring 0, and records its verdicts", () => {
    const { k, said } = loaded(BLOCKS_PIPES, "verified");
    expect(said).toBe("sensor.sys loaded in verified mode (ring 0)");
    expect(k.drivers.get("sensor.sys")?.mode).toBe("verified");
    // Mapped into a driver slot of the kernel half, as a kernel-mode driver is.
    expect(k.drivers.get("sensor.sys")?.slot).toBeDefined();
    expect(eventsOf(k, "bugcheck")).toEqual([]);
    const [report] = eventsOf(k, "verifier");
    expect(report).toMatchObject({ driver: "sensor.sys", accepted: true });
    expect(report.message).toMatch(/^verified: \d+ instructions/);
    const verdicts = eventsOf(k, "verdict").map((v) => [v.event.split(":")[0], v.blocked, v.byPolicy]);
    expect(verdicts).toEqual([
      ["1", false, false],
      ["2", true, false],
      ["3", false, false],
      ["2", true, false],
    ]);
    expect(k.machine.devices.console.transcript).toContain("[event 2:e1 blocked by sensor.sys]");
    expect(k.state).toBe("running");
  });

  it("refuses a handler that reads past its array, says where and why, and loads nothing", () => {
    const { k, said } = loaded(READS_PAST, "verified");
    expect(said).toMatch(
      /insmod: the verifier refused sensor\.sys:\n\/drivers\/sensor\.c:5:\d+: rejected: reads table\[i\]/,
    );
    expect(said).toMatch(/suggestion: check `i (>= 0 && i )?< 20` before line 5/);
    expect(k.drivers.has("sensor.sys")).toBe(false);
    const [report] = eventsOf(k, "verifier");
    expect(report.accepted).toBe(false);
    expect(report.messages[0]).toMatchObject({ file: "/drivers/sensor.c", line: 5 });
    expect(eventsOf(k, "driver-load-failed")[0]).toMatchObject({ mode: "verified" });
  });

  it("refuses a driver with its own main loop, and says it must be an event handler", () => {
    const { said } = loaded(
      "int main(void) { struct event ev; while (next_event(&ev)) {} return 0; }",
      "verified",
    );
    expect(said).toMatch(/has no on_event: verified mode loads event handlers/);
  });

  it("the same bad handler in kernel mode is loaded without a proof, and takes the machine down", () => {
    const k = bootedKernel(
      { "/drivers/sensor.c": READS_PAST.replace("table[i]", "*(int *)(i * 4096)") },
      {
        events: FEED,
      },
    );
    k.input({ kind: "insmod", path: "/drivers/sensor.c", mode: "kernel" });
    runUntil(k, k.cyclesSincePowerOn + 600_000);
    expect(k.state).toBe("bugcheck");
  });
});

describe("the failure policy", () => {
  const CRASHES_ON_PIPES = `
int on_event(const struct event *ev) {
  if (ev->kind == 2) return *(int *)0;
  return 0;
}
`;
  it("fails open by default: the event the dead handler held is allowed", () => {
    const { k } = loaded(CRASHES_ON_PIPES, "user");
    const byPolicy = eventsOf(k, "verdict").filter((v) => v.byPolicy);
    expect(byPolicy.length).toBeGreaterThan(0);
    expect(byPolicy.every((v) => !v.blocked)).toBe(true);
  });

  it("--on-failure block fails closed", () => {
    const { k } = loaded(CRASHES_ON_PIPES, "user", { onFailure: "block" });
    const byPolicy = eventsOf(k, "verdict").filter((v) => v.byPolicy);
    expect(byPolicy.length).toBeGreaterThan(0);
    expect(byPolicy.every((v) => v.blocked)).toBe(true);
    expect(k.machine.devices.console.transcript).toMatch(/blocked: sensor\.sys failed closed/);
  });

  it("is set from the shell", () => {
    const k = bootedKernel({ "/drivers/sensor.c": CRASHES_ON_PIPES });
    expect(k.shell.execute("insmod /drivers/sensor.c --mode user --on-failure maybe")).toBe(
      "insmod: --on-failure must be allow or block, not 'maybe'",
    );
    k.shell.execute("insmod /drivers/sensor.c --mode user --on-failure block");
    expect(k.drivers.get("sensor.sys")?.onFailure).toBe("block");
  });
});

describe("ringlab run --mode verified --json", () => {
  it("ends with outcome rejected and the verifier's report for a refused driver", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ringlab-verified-")), "sensor.c");
    writeFileSync(file, READS_PAST);
    const out: string[] = [];
    const code = await runCli(["run", file, "--mode", "verified", "--json"], {
      out: (t: string) => out.push(t),
      err: () => {},
    });
    expect(code).toBe(0);
    const summary = JSON.parse(out[out.length - 1]);
    expect(summary.outcome).toBe("rejected");
    expect(summary.verifier).toMatchObject({ accepted: false });
    expect(summary.verifier.messages[0]).toMatchObject({ line: 5 });
    expect(typeof summary.verifier.ms).toBe("number");
    expect(Object.keys(summary.verifier).sort()).toEqual([
      "accepted",
      "instructions",
      "messages",
      "ms",
      "states",
    ]);
  });
});
