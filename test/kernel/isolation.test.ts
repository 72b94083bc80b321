// Isolation probes: a user program that misbehaves in any way ends, and only it ends.
import { describe, expect, it } from "vitest";
import { TEXT_KVA } from "../../src/kernel/layout";
import { bootedKernel, callThenExit, eventsOf, SLEEPER } from "../support/kernelHarness";

const PROBES: Record<string, string> = {
  "writes kernel memory": "  li t0, 0x80009000\n  stw t0, [t0]",
  "reads kernel memory": "  li t0, 0x80009000\n  ldw t1, [t0]",
  "reads the null page": "  ldw t1, [zero + 16]",
  "jumps into kernel text": `  li t0, ${TEXT_KVA}\n  jr t0`,
  "runs cli": "  cli",
  "runs sti": "  sti",
  "runs halt": "  halt",
  "runs iret": "  iret",
  "switches page tables": "  mtcr ptbr, zero",
  "reads a control register": "  mfcr t0, tvec",
  "does port I/O (in)": "  in t0, 0x20",
  "does port I/O (out)": "  out 0x50, zero",
  "calls a kernel service directly": "  hcall 1",
  "executes zeroed memory": "  la t0, blank\n  jr t0",
  "divides by zero": "  li t0, 1\n  div t1, t0, zero",
  "hits a breakpoint": "  brk",
};

describe("a misbehaving user program is stopped, and nothing else is", () => {
  for (const [name, body] of Object.entries(PROBES)) {
    it(name, () => {
      const probe = `.text\nmain:\n${body}\n  j main\n.data\nblank: .space 16\n`;
      const kernel = bootedKernel({ "/bin/probe.s": probe, "/bin/sleeper.s": SLEEPER });
      kernel.shell.execute("run /bin/sleeper.s");
      const sleeper = kernel.shell.foreground;
      kernel.shell.foreground = undefined;
      kernel.shell.execute("run /bin/probe.s");
      kernel.run(300_000);
      expect(kernel.state).toBe("running");
      const faults = eventsOf(kernel, "process-fault");
      expect(faults.map((f) => f.name)).toEqual(["probe"]);
      expect(sleeper && kernel.processes.has(sleeper.pid)).toBe(true);
      expect(eventsOf(kernel, "bugcheck")).toEqual([]);
    });
  }
});

describe("a page fault's event says what the MMU said", () => {
  const cases: [string, string, object | null][] = [
    ["writes kernel memory", "write", { access: "write", reason: "protection" }],
    ["reads the null page", "read", { access: "read", reason: "not-mapped" }],
    ["jumps into kernel text", "execute", { access: "execute", reason: "protection" }],
    ["divides by zero", "none", null],
  ];
  for (const [probe, access, pageFault] of cases) {
    it(`${probe}: ${access}`, () => {
      const kernel = bootedKernel({ "/bin/probe.s": `.text\nmain:\n${PROBES[probe]}\n  j main\n` });
      kernel.shell.execute("run /bin/probe.s");
      kernel.run(300_000);
      expect(eventsOf(kernel, "process-fault").map((f) => f.pageFault)).toEqual([pageFault]);
    });
  }
});

describe("bad pointers handed to the kernel get -EFAULT and harm nothing", () => {
  const BAD = [0, 0x10, 0x80009000, 0xc0000000, 0x7ffeffff + 0x10000];
  const cases: [string, (bad: number) => (number | string)[]][] = [
    ["printf", (bad) => [bad]],
    ["read_file", (bad) => [bad, 0, 4]],
    ["write_file", (bad) => [bad, 0, 4]],
    ["remove", (bad) => [bad]],
    ["next_event", (bad) => [bad]],
    ["set_status", (bad) => [bad]],
    ["panic", (bad) => [bad]],
  ];
  for (const [service, args] of cases) {
    for (const bad of BAD) {
      it(`${service}(0x${bad.toString(16)})`, () => {
        const kernel = bootedKernel({ "/bin/probe.s": callThenExit(service, args(bad)) });
        kernel.shell.execute("run /bin/probe.s");
        kernel.run(200_000);
        expect(kernel.state).toBe("running");
        if (service === "panic") {
          // panic ends the caller by design; an unreadable message must not hurt the kernel.
          expect(eventsOf(kernel, "process-fault")[0].message).toContain("panicked");
          return;
        }
        const exit = eventsOf(kernel, "process-exit");
        expect(exit.map((e) => e.code)).toEqual([7]);
      });
    }
  }

  it("a buffer pointer that is valid for reading but not writing is refused for read_file", () => {
    const program = `.kapi read_file
.kapi exit
.text
main:
  la a0, path
  la a1, main
  li a2, 8
  call read_file
  call exit
.rodata
path: .asciz "/drivers/sensor.c"
`;
    const kernel = bootedKernel({ "/bin/probe.s": program });
    kernel.shell.execute("run /bin/probe.s");
    kernel.run(200_000);
    expect(eventsOf(kernel, "process-exit").map((e) => e.code)).toEqual([-14]);
  });

  it("an unknown system call number gets -ENOSYS", () => {
    const program = ".kapi exit\n.text\nmain:\n  sys 999\n  call exit\n";
    const kernel = bootedKernel({ "/bin/probe.s": program });
    kernel.shell.execute("run /bin/probe.s");
    kernel.run(200_000);
    expect(eventsOf(kernel, "process-exit").map((e) => e.code)).toEqual([-38]);
  });
});
