// Issue 10, item 1: the kernel never walks a user process's heap. malloc and free in user mode are a
// library in the process's own memory (over sbrk); a forged or overrun block header is the process's
// own problem, found by its own library, and costs nothing but that process.
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../src/kernel/kernel";
import { runUntil } from "../../src/kernel/replay";
import { bootedKernel, eventsOf } from "../support/kernelHarness";

function load(source: string, mode: "user" | "kernel", cycles = 400_000): Kernel {
  const k = bootedKernel({ "/drivers/attack.c": source });
  k.input({ kind: "insmod", path: "/drivers/attack.c", mode });
  runUntil(k, k.cyclesSincePowerOn + cycles);
  return k;
}

/** Frees a block whose header was forged to name a kernel address as the block before it. */
const FORGED_PREVIOUS = `
int main(void) {
  unsigned *p = malloc(16);
  unsigned *h = p - 4;
  unsigned header = (unsigned)h;
  h[2] = header - 0x80002000;            /* the "previous block" is in the kernel's data page */
  h[3] = h[0] ^ h[1] ^ h[2] ^ 0x5a17c0de; /* a valid check word */
  free(p);
  printf("survived\\n");
  return 0;
}
`;

describe("a user-mode driver that forges its heap headers", () => {
  it("reaches kernel memory only through its own page tables, and only its own process dies", () => {
    const k = load(FORGED_PREVIOUS, "user");
    expect(k.state).toBe("running");
    expect(eventsOf(k, "bugcheck")).toEqual([]);
    const faults = eventsOf(k, "process-fault").filter((e) => e.name === "attack.sys");
    expect(faults.length).toBeGreaterThan(0);
    // The library read the forged address in ring 3: a protection fault, not a kernel access.
    expect(faults[0].address >>> 0).toBe(0x8000_2000);
    expect(faults[0].pageFault).toEqual({ access: "read", reason: "protection" });
    expect(k.machine.devices.console.transcript).not.toContain("survived");
    // The bystanders are untouched.
    expect(eventsOf(k, "process-fault").every((e) => e.name === "attack.sys")).toBe(true);
  });

  it("an overrun found by the next malloc ends the process with the library's message", () => {
    const k = load(
      `int main(void) {
        char *a = malloc(16);
        int i;
        for (i = 0; i < 40; i++) a[i] = 0x41;   /* past the end, over the next block's header */
        malloc(16);
        printf("survived\\n");
        return 0;
      }`,
      "user",
    );
    expect(k.state).toBe("running");
    const faults = eventsOf(k, "process-fault").filter((e) => e.name === "attack.sys");
    expect(faults[0].message).toMatch(/panicked: heap corruption detected at 0x1000[0-9a-f]{4}/);
    expect(k.machine.devices.console.transcript).not.toContain("survived");
  });

  it("a double free ends the process, not the machine", () => {
    const k = load(
      `int main(void) { char *a = malloc(16); free(a); free(a); printf("survived\\n"); return 0; }`,
      "user",
    );
    const faults = eventsOf(k, "process-fault").filter((e) => e.name === "attack.sys");
    expect(faults[0].message).toMatch(/panicked: free\(\): double free or invalid pointer 0x1000/);
    expect(k.state).toBe("running");
  });

  it("a raw system call to the kernel pool's malloc gets nothing in user mode", () => {
    const k = load(`int main(void) { printf("malloc %p\\n", malloc(16)); return 0; }`, "user");
    // Through the bound library: an address in the process's own heap.
    expect(k.machine.devices.console.transcript).toMatch(/malloc 0x1000[0-9a-f]{4}/);
    const raw = bootedKernel({
      "/bin/raw.s": `.kapi printf
.kapi exit
.text
main:
  li a0, 16
  sys 2
  mov a1, a0
  la a0, fmt
  call printf
  li a0, 0
  call exit
.rodata
fmt: .asciz "raw %p\\n"
`,
    });
    raw.shell.execute("run /bin/raw.s");
    runUntil(raw, raw.cyclesSincePowerOn + 200_000);
    expect(raw.machine.devices.console.transcript).toContain("raw 0x00000000");
  });

  it("grows with sbrk up to its limit, then malloc returns NULL", () => {
    const k = load(
      `int main(void) {
        int n = 0;
        while (malloc(4000) != 0) n++;
        printf("blocks %d\\n", n);
        printf("end %p\\n", sbrk(0));
        return 0;
      }`,
      "user",
      3_000_000,
    );
    const blocks = Number(/blocks (\d+)/.exec(k.machine.devices.console.transcript)?.[1]);
    expect(blocks).toBeGreaterThan(50);
    expect(blocks).toBeLessThan(66);
    expect(k.machine.devices.console.transcript).toContain("end 0x10040000");
    expect(k.state).toBe("running");
  });

  it("kernel-mode malloc still comes from the kernel pool", () => {
    const k = load(`int main(void) { printf("malloc %p\\n", malloc(16)); return 0; }`, "kernel");
    expect(k.machine.devices.console.transcript).toMatch(/malloc 0x800[0-9a-f]{5}/);
  });
});
