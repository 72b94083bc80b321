// Issue 10, items 3, 4 and 5: every hang ends in a stop code, kernel code cannot pass itself off as a
// user-mode crash, a driver that misuses the pool is named, and a heartbeat tells a sleeping driver
// from a hung one.
import { describe, expect, it } from "vitest";
import { Kernel } from "../../src/kernel/kernel";
import { runUntil } from "../../src/kernel/replay";
import { bootedKernel, eventsOf } from "../support/kernelHarness";

function run(source: string, mode: "kernel" | "user", cycles: number, path = "/drivers/d.c") {
  const k = bootedKernel({ [path]: source });
  k.input({ kind: "insmod", path, mode });
  runUntil(k, k.cyclesSincePowerOn + cycles);
  return k;
}

/** A kernel-mode assembly driver: `body` runs as its main. */
function runAssembly(body: string, cycles = 3_000_000) {
  return run(`.text\nmain:\n${body}\n`, "kernel", cycles, "/drivers/d.s");
}

describe("every hang ends in a stop code (the watchdog no mask stops)", () => {
  const hangs: [string, string][] = [
    ["cli, then a loop", "  cli\nspin:\n  j spin"],
    ["the timer switched off, then a loop", "  out 0x10, zero\nspin:\n  j spin"],
    ["the timer's line masked, then a loop", "  li t0, -2\n  out 0x01, t0\nspin:\n  j spin"],
  ];
  for (const [what, body] of hangs)
    it(`${what}: CLOCK_WATCHDOG_TIMEOUT naming the driver`, () => {
      const k = runAssembly(body);
      expect(k.state).toBe("bugcheck");
      expect(k.bugcheckRecord).toMatchObject({ stopCode: "CLOCK_WATCHDOG_TIMEOUT", module: "d.sys" });
      expect(k.bugcheckRecord?.parameters[0]).toBe(k.lockupTicks);
      expect(k.bugcheckRecord?.parameters[3]).toBe(0);
    });

  it("`cli; halt` is a stop code too, naming the driver at the halt, not a silent power-off", () => {
    const k = runAssembly("  nop\n  cli\n  halt\n  nop");
    expect(k.state).toBe("bugcheck");
    expect(k.bugcheckRecord).toMatchObject({ stopCode: "CLOCK_WATCHDOG_TIMEOUT", module: "d.sys" });
    const image = k.drivers.get("d.sys")?.loadedImage;
    // The third instruction of main is the halt.
    expect(k.bugcheckRecord?.parameters[2]).toBe((image?.entry ?? 0) + 8);
    expect(k.bugcheckRecord?.parameters[3]).toBe(1);
  });

  it("a driver that also broke the trap path (tvec into its own loop) is stopped by the second stage", () => {
    const k = runAssembly("  la t0, spin\n  mtcr tvec, t0\n  cli\nspin:\n  j spin", 5_000_000);
    expect(k.bugcheckRecord).toMatchObject({ stopCode: "CLOCK_WATCHDOG_TIMEOUT", module: "d.sys" });
    expect(k.bugcheckRecord?.parameters[3]).toBe(2);
  });

  it("comes when the lockup limit says: not before it, and within a tick or two after", () => {
    const k = run(".text\nmain:\n  cli\nspin:\n  j spin\n", "kernel", 0, "/drivers/d.s");
    const limit = (k.lockupTicks ?? 0) * Kernel.CYCLES_PER_TICK;
    expect(limit).toBeGreaterThan(0);
    runUntil(k, k.cyclesSincePowerOn + limit - Kernel.CYCLES_PER_TICK);
    expect(k.state).toBe("running");
    runUntil(k, k.cyclesSincePowerOn + 3 * Kernel.CYCLES_PER_TICK);
    expect(k.bugcheckRecord?.stopCode).toBe("CLOCK_WATCHDOG_TIMEOUT");
  });

  it("a driver that turns the power off is named on the console and in the log", () => {
    const k = runAssembly("  nop\n  out 0x50, zero");
    expect(k.state).toBe("off");
    expect(eventsOf(k, "shutdown")).toMatchObject([{ module: "d.sys" }]);
    expect(k.machine.devices.console.transcript).toContain("d.sys turned the power off");
  });
});

describe("a wrecked trap path names the driver", () => {
  it("a triple fault (no trap handler can be entered) is UNEXPECTED_KERNEL_MODE_TRAP naming the driver", () => {
    const k = runAssembly("  li t0, 0x7ffff000\n  mtcr tvec, t0\n  mtcr dfvec, t0\n  brk\n  nop", 200_000);
    expect(k.bugcheckRecord).toMatchObject({ stopCode: "UNEXPECTED_KERNEL_MODE_TRAP", module: "d.sys" });
  });

  it("a forged trap entry (a jump into the kernel's trap path) bugchecks naming the driver", () => {
    // Cause 3, an illegal instruction, as if one had trapped at the forged EPC inside the driver.
    const k = runAssembly(
      "  li t0, 3\n  mtcr cause, t0\n  la t0, spin\n  mtcr epc, t0\n  hcall 0xfff0\nspin:\n  j spin",
      200_000,
    );
    expect(k.bugcheckRecord).toMatchObject({ stopCode: "KMODE_EXCEPTION_NOT_HANDLED", module: "d.sys" });
  });

  it("an unknown hcall number is ENOSYS, as an unknown system call is: the machine runs on", () => {
    const k = runAssembly("  hcall 0xff00\nspin:\n  j spin", 200_000);
    expect(k.state).toBe("running");
  });
});

describe("kernel code that drops itself to ring 3", () => {
  const drops: [string, string][] = [
    ["mtcr status", "  li t0, 1\n  mtcr status, t0\n  nop"],
    [
      "iret to user mode",
      "  li t0, 1\n  mtcr estatus, t0\n  la t0, after\n  mtcr epc, t0\n  iret\nafter:\n  nop",
    ],
  ];
  for (const [how, body] of drops)
    it(`(${how}) bugchecks naming the driver, and is not restarted as a user-mode crash`, () => {
      const k = runAssembly(body, 200_000);
      expect(k.state).toBe("bugcheck");
      expect(k.bugcheckRecord).toMatchObject({
        stopCode: "SYSTEM_THREAD_EXCEPTION_NOT_HANDLED",
        module: "d.sys",
      });
      expect(eventsOf(k, "process-fault")).toEqual([]);
    });
});

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
