// Issue 10, items 4 and 5: what kernel mode promises when a driver misuses the pool, and a heartbeat
// that tells a sleeping driver from a hung one.
import { describe, expect, it } from "vitest";
import { runUntil } from "../../src/kernel/replay";
import { bootedKernel, eventsOf } from "../support/kernelHarness";

function run(source: string, mode: "kernel" | "user", cycles: number) {
  const k = bootedKernel({ "/drivers/d.c": source });
  k.input({ kind: "insmod", path: "/drivers/d.c", mode });
  runUntil(k, k.cyclesSincePowerOn + cycles);
  return k;
}

describe("freeing what is not yours in kernel mode", () => {
  it("a double free bugchecks with BAD_POOL_CALLER, parameter 1 = 7, naming the driver", () => {
    const k = run("int main(void) { char *p = malloc(16); free(p); free(p); return 0; }", "kernel", 200_000);
    expect(k.bugcheckRecord).toMatchObject({ stopCode: "BAD_POOL_CALLER", module: "d.sys" });
    expect(k.bugcheckRecord?.parameters[0]).toBe(7);
  });

  it("freeing an address the pool never handed out bugchecks with parameter 1 = 0x46", () => {
    const k = run("int x; int main(void) { free(&x); return 0; }", "kernel", 200_000);
    expect(k.bugcheckRecord).toMatchObject({ stopCode: "BAD_POOL_CALLER", module: "d.sys" });
    expect(k.bugcheckRecord?.parameters[0]).toBe(0x46);
  });

  it("the same double free in user mode ends only the driver's process", () => {
    const k = run("int main(void) { char *p = malloc(16); free(p); free(p); return 0; }", "user", 200_000);
    expect(k.state).toBe("running");
    expect(eventsOf(k, "process-fault").some((e) => e.name === "d.sys")).toBe(true);
  });
});

describe("the heartbeat", () => {
  it("does not kill a user-mode driver that sleeps longer than the heartbeat in a loop", () => {
    const k = run("int main(void) { while (1) sleep(150); return 0; }", "user", 5_000_000);
    expect(eventsOf(k, "driver-hung")).toEqual([]);
    expect(k.drivers.get("d.sys")?.crashes).toBe(0);
  });

  it("still kills one that spins without ever reaching the kernel", () => {
    const k = run("int main(void) { volatile int x = 0; while (1) x++; return 0; }", "user", 3_000_000);
    expect(eventsOf(k, "driver-hung").length).toBeGreaterThan(0);
  });
});
