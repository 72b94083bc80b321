// realloc on the real kernel: the user heap library in ring 3 and the kernel pool in ring 0 give a
// program the same results, and a pointer that is no block is treated as free treats it: the process
// ends in user mode, the machine bugchecks with BAD_POOL_CALLER in kernel mode.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../src/kernel/kernel";
import { runUntil } from "../../src/kernel/replay";
import { readExpectations } from "../support/cExpectations";
import { bootedKernel, eventsOf } from "../support/kernelHarness";

const PROGRAM = readFileSync(join(import.meta.dirname, "..", "c", "conformance", "lib-realloc.c"), "utf8");

function load(source: string, mode: "user" | "kernel", cycles = 2_000_000): Kernel {
  const k = bootedKernel({ "/drivers/grow.c": source });
  k.input({ kind: "insmod", path: "/drivers/grow.c", mode });
  runUntil(k, k.cyclesSincePowerOn + cycles);
  return k;
}

describe("realloc", () => {
  it.each(["user", "kernel"] as const)("keeps contents, frees on 0 and fails cleanly in %s mode", (mode) => {
    const k = load(PROGRAM, mode);
    expect(k.state).toBe("running");
    expect(eventsOf(k, "process-fault")).toEqual([]);
    const transcript = k.machine.devices.console.transcript.replaceAll("\r\n", "\n");
    const wanted = readExpectations(PROGRAM).output.join("\n");
    expect(transcript).toContain(wanted);
  });

  it("moves a kernel-mode block with its owner's pool tag", () => {
    const k = load(
      `int main(void) {
        char *a = malloc(16);
        char *fence = malloc(16);
        a = realloc(a, 200);
        printf("moved %d\\n", a != 0 && a != fence);
        while (1) sleep(100);
        return 0;
      }`,
      "kernel",
    );
    expect(k.machine.devices.console.transcript).toContain("moved 1");
    const blocks = k.pool.walk();
    expect(blocks.ok).toBe(true);
    const grown = blocks.ok ? blocks.value.filter((b) => b.inUse && b.size >= 200 + 16) : [];
    expect(grown.some((b) => b.tag === "Grow")).toBe(true);
  });

  it("of an address the pool never handed out bugchecks with BAD_POOL_CALLER 0x46 in kernel mode", () => {
    const k = load("int x; int main(void) { realloc(&x, 64); return 0; }", "kernel");
    expect(k.bugcheckRecord).toMatchObject({ stopCode: "BAD_POOL_CALLER", module: "grow.sys" });
    expect(k.bugcheckRecord?.parameters[0]).toBe(0x46);
    expect(k.bugcheckRecord?.message).toMatch(
      /^realloc\(0x[0-9a-f]+\): the address is not a kernel pool block/,
    );
  });

  it("of a freed block bugchecks with BAD_POOL_CALLER 7 in kernel mode, also when it frees (size 0)", () => {
    for (const size of [64, 0]) {
      const k = load(
        `int main(void) { char *p = malloc(16); free(p); realloc(p, ${size}); return 0; }`,
        "kernel",
      );
      expect(k.bugcheckRecord).toMatchObject({ stopCode: "BAD_POOL_CALLER", module: "grow.sys" });
      expect(k.bugcheckRecord?.parameters[0]).toBe(7);
    }
  });

  it("of a bogus pointer ends only the process in user mode, as free does", () => {
    const k = load(
      `int x; int main(void) { char *p = malloc(16); free(p); realloc(p, 64); printf("survived\\n"); return 0; }`,
      "user",
    );
    expect(k.state).toBe("running");
    const faults = eventsOf(k, "process-fault").filter((e) => e.name === "grow.sys");
    expect(faults[0]?.message).toMatch(/panicked: realloc\(\): invalid pointer 0x1000/);
    expect(k.machine.devices.console.transcript).not.toContain("survived");
    const wild = load(`int x; int main(void) { realloc(&x, 64); return 0; }`, "user");
    expect(eventsOf(wild, "process-fault")[0]?.message).toMatch(/panicked: realloc\(\): invalid pointer/);
  });
});
