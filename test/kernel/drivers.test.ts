// The same driver in both rings: kernel mode takes the machine down, user mode loses only its process.
import { describe, expect, it } from "vitest";
import { DATA_KVA } from "../../src/kernel/layout";
import { DEFAULT_RESTART_POLICY, decideRestart } from "../../src/kernel/restartPolicy";
import { bootedKernel, eventsOf, SLEEPER } from "../support/kernelHarness";

/** Crashes (reads address 4) on every pipe_open event; otherwise waits for events. */
const NULL_DRIVER = `.kapi next_event
.kapi exit
.text
main:
  la s0, ev
.loop:
  mov a0, s0
  call next_event
  beqz a0, .done
  ldw t0, [s0]
  li t1, 2
  bne t0, t1, .loop
  ldw t2, [zero + 4]
  j .loop
.done:
  call exit
.bss
ev: .space 104
`;

const SPIN = ".text\nmain:\n  j main\n";

/** A kernel-mode driver that writes `value` to `address`, then waits for events forever. */
function writer(address: number, value: number): string {
  return `.kapi next_event
.kapi sleep
.text
main:
  li t0, ${address}
  li t1, ${value}
  stw t1, [t0]
.wait:
  li a0, 100
  call sleep
  j .wait
`;
}

const pipeFeed = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    at: 100_000 + i * 50_000,
    kind: 2,
    pid: 10 + i,
    name: "app",
    arg: "\\\\.\\pipe\\x",
  }));

describe("one faulty driver, two rings", () => {
  it("kernel mode: the machine bugchecks with PAGE_FAULT_IN_NONPAGED_AREA and names the driver", () => {
    const kernel = bootedKernel(
      { "/drivers/nul.s": NULL_DRIVER, "/bin/sleeper.s": SLEEPER },
      { events: pipeFeed(3) },
    );
    kernel.shell.execute("run /bin/sleeper.s");
    kernel.shell.foreground = undefined;
    kernel.shell.execute("insmod /drivers/nul.s --mode kernel");
    kernel.run(2_000_000);
    expect(kernel.state).toBe("bugcheck");
    expect(kernel.bugcheckRecord).toMatchObject({
      stopCode: "PAGE_FAULT_IN_NONPAGED_AREA",
      code: 0x50,
      module: "nul.sys",
    });
    expect(kernel.bugcheckRecord?.parameters[0]).toBe(4);
    expect(kernel.crashDump?.machine.memory.length).toBe(kernel.machine.memory.size);
  });

  it("user mode: only the driver's process dies; it is restarted and the bystander runs on", () => {
    const kernel = bootedKernel(
      { "/drivers/nul.s": NULL_DRIVER, "/bin/sleeper.s": SLEEPER },
      { events: pipeFeed(2) },
    );
    kernel.shell.execute("run /bin/sleeper.s");
    const sleeper = kernel.shell.foreground;
    kernel.shell.foreground = undefined;
    kernel.shell.execute("insmod /drivers/nul.s --mode user");
    kernel.run(2_000_000);
    expect(kernel.state).toBe("running");
    const record = kernel.drivers.get("nul.sys");
    // Restarted after each crash, it went on to the end of the feed and exited normally.
    expect(record).toMatchObject({ crashes: 2, restarts: 2, state: "exited" });
    expect(eventsOf(kernel, "request-terminated")).toHaveLength(2);
    expect(sleeper && kernel.processes.get(sleeper.pid)?.thread.state).not.toBe("dead");
  });
});

describe("the event feed plays from the first driver loaded in a boot", () => {
  // Ten seconds of machine time: long past the feed's last event if it counted from boot.
  const LATE = 10_000_000;

  it("a driver loaded late still meets every event, spaced as scripted", () => {
    const kernel = bootedKernel({ "/drivers/nul.s": NULL_DRIVER }, { events: pipeFeed(3) });
    kernel.run(LATE);
    const loadedAt = kernel.machine.cpu.cycles;
    kernel.shell.execute("insmod /drivers/nul.s --mode kernel");
    kernel.run(2_000_000);
    expect(kernel.state).toBe("bugcheck");
    expect(kernel.machine.cpu.cycles - loadedAt).toBeGreaterThanOrEqual(pipeFeed(1)[0].at);
  });

  it("a driver loaded after the feed ended plays it again; one loaded mid-feed does not restart it", () => {
    const kernel = bootedKernel(
      { "/drivers/a.s": NULL_DRIVER, "/drivers/b.s": NULL_DRIVER },
      {
        events: pipeFeed(2),
      },
    );
    kernel.shell.execute("insmod /drivers/a.s --mode user");
    kernel.run(100_000 + 25_000);
    // b joins after the first event: it gets only the second.
    kernel.shell.execute("insmod /drivers/b.s --mode user");
    kernel.run(LATE);
    expect(kernel.drivers.get("a.sys")).toMatchObject({ crashes: 2, state: "exited" });
    expect(kernel.drivers.get("b.sys")).toMatchObject({ crashes: 1, state: "exited" });
    kernel.shell.execute("insmod /drivers/a.s --mode user");
    kernel.run(LATE);
    expect(kernel.drivers.get("a.sys")).toMatchObject({ crashes: 2, state: "exited" });
  });
});

describe("restart policy", () => {
  it("restarts at once, then backs off doubling, then gives up", () => {
    const p = DEFAULT_RESTART_POLICY;
    expect(decideRestart(p, [100], 100)).toEqual({ action: "restart", delayTicks: 0, attempt: 1 });
    expect(decideRestart(p, [100, 110], 110)).toEqual({
      action: "restart",
      delayTicks: p.backoffTicks,
      attempt: 2,
    });
    expect(decideRestart(p, [100, 110, 120], 120)).toEqual({
      action: "restart",
      delayTicks: 2 * p.backoffTicks,
      attempt: 3,
    });
    expect(decideRestart(p, [1, 2, 3, 4, 5], 5)).toEqual({ action: "give-up", failures: 5 });
    // Failures outside the window are forgiven.
    expect(decideRestart(p, [0, 1, 2, 3, p.windowTicks + 10], p.windowTicks + 10).action).toBe("restart");
  });

  it("a driver that crashes on every start is given up after the limit", () => {
    const kernel = bootedKernel({ "/drivers/nul.s": NULL_DRIVER }, { events: pipeFeed(20) });
    kernel.shell.execute("insmod /drivers/nul.s --mode user");
    kernel.run(20_000_000);
    const record = kernel.drivers.get("nul.sys");
    expect(record?.state).toBe("failed");
    expect(record?.crashes).toBe(DEFAULT_RESTART_POLICY.maxFailures);
    expect(eventsOf(kernel, "driver-give-up")).toHaveLength(1);
    const scheduled = eventsOf(kernel, "driver-restart-scheduled").map((e) => e.delayTicks);
    expect(scheduled).toEqual([0, 10, 20, 40]);
  });

  it("insmod --restarts N --backoff MS sets the policy: N restarts, the first delay in ms, doubling", () => {
    const kernel = bootedKernel({ "/drivers/nul.s": NULL_DRIVER }, { events: pipeFeed(20) });
    kernel.shell.execute("insmod /drivers/nul.s --mode user --restarts 2 --backoff 250");
    kernel.run(20_000_000);
    const record = kernel.drivers.get("nul.sys");
    expect(record?.policy).toMatchObject({ maxFailures: 3, backoffTicks: 25 });
    expect(record?.state).toBe("failed");
    expect(record?.restarts).toBe(2);
    expect(record?.crashes).toBe(3);
    expect(eventsOf(kernel, "driver-restart-scheduled").map((e) => e.delayTicks)).toEqual([0, 25]);

    const never = bootedKernel({ "/drivers/nul.s": NULL_DRIVER }, { events: pipeFeed(20) });
    never.shell.execute("insmod /drivers/nul.s --mode user --restarts 0");
    never.run(5_000_000);
    expect(never.drivers.get("nul.sys")).toMatchObject({ state: "failed", restarts: 0, crashes: 1 });
  });

  it("insmod refuses a restart option it cannot use, and says why", () => {
    const kernel = bootedKernel({ "/drivers/nul.s": NULL_DRIVER });
    const said = (line: string) => {
      const before = kernel.machine.devices.console.transcript.length;
      kernel.shell.execute(line);
      return kernel.machine.devices.console.transcript.slice(before);
    };
    expect(said("insmod /drivers/nul.s --mode user --restarts many")).toContain(
      "insmod: --restarts needs a whole number, not 'many'",
    );
    expect(said("insmod /drivers/nul.s --mode user --backoff")).toContain(
      "insmod: --backoff needs a whole number",
    );
    expect(said("insmod /drivers/nul.s --mode kernel --restarts 3")).toContain(
      "insmod: --restarts and --backoff are for user mode",
    );
    expect(kernel.drivers.size).toBe(0);
  });
});

describe("hogging the processor", () => {
  it("kernel mode: the watchdog bugchecks with DPC_WATCHDOG_VIOLATION", () => {
    const kernel = bootedKernel({ "/drivers/spin.s": SPIN }, { watchdogTicks: 50 });
    kernel.shell.execute("insmod /drivers/spin.s --mode kernel");
    kernel.run(5_000_000);
    expect(kernel.bugcheckRecord).toMatchObject({ stopCode: "DPC_WATCHDOG_VIOLATION", module: "spin.sys" });
  });

  it("user mode: it is preempted, fails its heartbeat, and is restarted", () => {
    const kernel = bootedKernel({ "/drivers/spin.s": SPIN, "/bin/sleeper.s": SLEEPER });
    kernel.shell.execute("run /bin/sleeper.s");
    kernel.shell.foreground = undefined;
    kernel.shell.execute("insmod /drivers/spin.s --mode user");
    kernel.run(3_000_000);
    expect(kernel.state).toBe("running");
    expect(eventsOf(kernel, "driver-hung").length).toBeGreaterThanOrEqual(1);
    expect(kernel.drivers.get("spin.sys")?.restarts).toBeGreaterThanOrEqual(1);
  });
});

describe("corruption is found later, where the kernel uses what was corrupted", () => {
  it("overwriting the process list head: KERNEL_SECURITY_CHECK_FAILURE at the next integrity check", () => {
    const kernel = bootedKernel({ "/drivers/w.s": writer(DATA_KVA, 0x41414141) });
    kernel.shell.execute("insmod /drivers/w.s --mode kernel");
    kernel.run(500_000);
    expect(kernel.bugcheckRecord?.stopCode).toBe("KERNEL_SECURITY_CHECK_FAILURE");
    expect(kernel.bugcheckRecord?.module).toBe(null);
  });

  it("overwriting a dispatch table entry: CRITICAL_STRUCTURE_CORRUPTION", () => {
    const kernel = bootedKernel({ "/drivers/w.s": writer(DATA_KVA + 0x100 + 4, 0x1234) });
    kernel.shell.execute("insmod /drivers/w.s --mode kernel");
    kernel.run(500_000);
    expect(kernel.bugcheckRecord?.stopCode).toBe("CRITICAL_STRUCTURE_CORRUPTION");
  });

  it("overrunning a pool block: BAD_POOL_HEADER when an innocent program's write allocates", () => {
    const overrun = `.kapi malloc
.kapi sleep
.text
main:
  li a0, 16
  call malloc
  li t1, 0x41414141
  stw t1, [a0 + 16]
  stw t1, [a0 + 20]
  stw t1, [a0 + 24]
  stw t1, [a0 + 28]
.wait:
  li a0, 100
  call sleep
  j .wait
`;
    const innocent = `.kapi write_file
.kapi sleep
.text
main:
  li a0, 50
  call sleep
  la a0, path
  la a1, path
  li a2, 4
  call write_file
  j main
.rodata
path: .asciz "/tmp/x"
`;
    const kernel = bootedKernel({ "/drivers/over.s": overrun, "/bin/innocent.s": innocent });
    kernel.shell.execute("insmod /drivers/over.s --mode kernel");
    kernel.run(100_000);
    expect(kernel.state).toBe("running");
    kernel.shell.execute("run /bin/innocent.s");
    kernel.run(2_000_000);
    expect(kernel.bugcheckRecord?.stopCode).toBe("BAD_POOL_HEADER");
    expect(kernel.bugcheckRecord?.message).toContain("'Over'");
    // 0x20, one of Windows' codes for a corrupt header; 3 would say the free list is corrupt.
    expect(kernel.bugcheckRecord?.parameters[0]).toBe(0x20);
  });

  it("a checked-mode bounds check in kernel mode: KERNEL_SECURITY_CHECK_FAILURE type 8; panic() keeps 14", () => {
    const bounds = `int values[20];
int main(void) {
  int i = 20;
  printf("%d\\n", values[i]);
  while (1) sleep(100);
  return 0;
}
`;
    const explicit = `int main(void) {
  panic("the driver gave up");
  return 0;
}
`;
    const checked = bootedKernel({ "/drivers/b.c": bounds });
    checked.shell.execute("insmod /drivers/b.c --mode kernel --checked");
    checked.run(500_000);
    expect(checked.bugcheckRecord?.stopCode).toBe("KERNEL_SECURITY_CHECK_FAILURE");
    expect(checked.bugcheckRecord?.message).toContain(
      "index out of bounds: the len is 20 but the index is 20",
    );
    expect(checked.bugcheckRecord?.parameters[0]).toBe(8);

    const panicking = bootedKernel({ "/drivers/p.c": explicit });
    panicking.shell.execute("insmod /drivers/p.c --mode kernel --checked");
    panicking.run(500_000);
    expect(panicking.bugcheckRecord?.stopCode).toBe("KERNEL_SECURITY_CHECK_FAILURE");
    expect(panicking.bugcheckRecord?.message).toContain("the driver gave up");
    expect(panicking.bugcheckRecord?.parameters[0]).toBe(14);
  });

  it("clearing the trap vector makes the next trap a double fault: UNEXPECTED_KERNEL_MODE_TRAP", () => {
    const breaker = `.kapi sleep
.text
main:
  li t0, 0x12340000
  mtcr tvec, t0
.wait:
  li a0, 100
  call sleep
  j .wait
`;
    const kernel = bootedKernel({ "/drivers/b.s": breaker });
    kernel.shell.execute("insmod /drivers/b.s --mode kernel");
    kernel.run(500_000);
    expect(kernel.bugcheckRecord?.stopCode).toBe("UNEXPECTED_KERNEL_MODE_TRAP");
  });
});

describe("boot loops and safe mode", () => {
  /** Boots 1 and 2 crash in their boot phase (a boot-start driver, crashing at the first pipe); boot 3 is the recovery screen. */
  function afterTwoFailedBoots() {
    const kernel = bootedKernel({ "/drivers/nul.s": NULL_DRIVER }, { events: pipeFeed(3) });
    kernel.shell.execute("insmod /drivers/nul.s --mode kernel --boot");
    kernel.run(1_000_000);
    expect(kernel.state).toBe("bugcheck");
    expect(kernel.failedBootsInRow).toBe(1); // within the first second: a failed boot
    kernel.reboot();
    kernel.run(1_000_000);
    expect(kernel.state).toBe("bugcheck");
    expect(kernel.bugcheckRecord?.duringBoot).toBe(true);
    expect(kernel.failedBootsInRow).toBe(2);
    kernel.reboot();
    return kernel;
  }

  it("after two failed boots in a row the recovery screen starts, with no driver and no service", () => {
    const kernel = afterTwoFailedBoots();
    const screen = kernel.machine.devices.console.transcript;
    expect(screen).toContain("The last 2 boots failed");
    expect(screen).toMatch(
      /1 {2}Safe mode[^\n]*\r\n {2}2 {2}Recovery shell[^\n]*\r\n {2}3 {2}Restart normally/,
    );
    expect(kernel.safeMode).toBe(false);
    expect(kernel.record.power.recoveryOffered).toBe(true);
    expect(kernel.drivers.size).toBe(0);
    expect(kernel.processes.size).toBe(0);
    // Not a command line: only the three choices.
    kernel.shell.execute("rm /drivers/nul.s");
    expect(kernel.machine.devices.disk.read("/drivers/nul.s")).toBeDefined();
    expect(eventsOf(kernel, "boot").at(-1)).toMatchObject({ safeMode: false, recovery: true });
  });

  it("choice 1: safe mode, which loads no boot-start driver; then the learner removes the cause", () => {
    const kernel = afterTwoFailedBoots();
    kernel.shell.execute("1");
    kernel.run(100_000);
    expect(kernel.safeMode).toBe(true);
    expect(kernel.bootNumber).toBe(4);
    expect(eventsOf(kernel, "boot").at(-1)).toMatchObject({ safeMode: true, recovery: true });
    expect(kernel.drivers.size).toBe(0);
    expect(kernel.machine.devices.console.transcript).toContain("Safe mode: only essential drivers load");
    kernel.shell.execute("rm /drivers/nul.s");
    kernel.shell.execute("reboot");
    kernel.run(3_000_000);
    expect(kernel.state).toBe("running");
    expect(kernel.safeMode).toBe(false);
    expect(kernel.bootNumber).toBe(5);
    expect(eventsOf(kernel, "boot-complete").at(-1)?.bootNumber).toBe(5);
  });

  it("choice 2: the recovery shell on the system disk; choice 3: a normal boot, which fails again", () => {
    const kernel = afterTwoFailedBoots();
    kernel.shell.execute("2");
    kernel.shell.execute("cat /boot/drivers.conf");
    expect(kernel.machine.devices.console.transcript).toMatch(
      /Recovery shell\.[\s\S]*\/drivers\/nul\.s kernel/,
    );
    expect(kernel.drivers.size).toBe(0);

    const again = afterTwoFailedBoots();
    again.shell.execute("3");
    again.run(1_000_000);
    expect(again.safeMode).toBe(false);
    expect(again.bootNumber).toBe(4);
    expect(again.state).toBe("bugcheck");
  });
});

describe("collateral damage, with the real workloads", () => {
  const feed = pipeFeed(2).map((e) => ({ ...e, at: e.at + 1_500_000 }));
  const ledgerCount = (kernel: ReturnType<typeof bootedKernel>) => {
    const bytes = kernel.machine.devices.disk.read("/home/bank/ledger");
    return bytes ? new DataView(bytes.buffer, bytes.byteOffset).getInt32(0, true) : 0;
  };

  it("kernel mode: the bank's unsaved transactions are lost with the machine", () => {
    const kernel = bootedKernel({}, { events: feed, services: ["clock", "bank"] });
    kernel.shell.execute("insmod /drivers/null-driver.c --mode kernel");
    kernel.run(4_000_000);
    expect(kernel.bugcheckRecord).toMatchObject({
      stopCode: "PAGE_FAULT_IN_NONPAGED_AREA",
      module: "null-driver.sys",
    });
    expect(kernel.bugcheckRecord?.source).toMatch(/^null-driver\.c:\d+ in main$/);
    expect(ledgerCount(kernel)).toBeGreaterThanOrEqual(20);
    expect(kernel.lostTransactions).toBeGreaterThan(0);
  });

  it("user mode: the bank keeps applying and saving transactions through the driver's crashes", () => {
    const kernel = bootedKernel({}, { events: feed, services: ["clock", "bank"] });
    kernel.shell.execute("insmod /drivers/null-driver.c --mode user");
    kernel.run(4_000_000);
    expect(kernel.state).toBe("running");
    expect(kernel.drivers.get("null-driver.sys")?.crashes).toBe(2);
    expect(kernel.lostTransactions).toBe(0);
    // 4 s at one transaction every 5 ticks is about 80 transactions, saved every 20.
    expect(ledgerCount(kernel)).toBeGreaterThanOrEqual(60);
    expect([...kernel.processes.values()].map((p) => p.name)).toEqual(
      expect.arrayContaining(["clock", "bank"]),
    );
  });
});

describe("the firmware's safe-mode key", () => {
  it("waits for S at power-on: pressed, the kernel starts in safe mode; not pressed, normally", () => {
    const boot = (keys: string) => {
      const kernel = bootedKernel({}, { bootMenuCycles: 500_000 });
      expect(kernel.state).toBe("firmware");
      kernel.run(100_000);
      kernel.machine.devices.console.type(keys);
      kernel.run(1_000_000);
      return kernel;
    };
    const safe = boot("s");
    expect(safe.state).toBe("running");
    expect(safe.safeMode).toBe(true);
    const normal = boot("");
    expect(normal.state).toBe("running");
    expect(normal.safeMode).toBe(false);
    expect(normal.machine.devices.console.transcript).toContain("Press S (or F8) now to start in safe mode");
  });

  it("F8 works too", () => {
    const kernel = bootedKernel({}, { bootMenuCycles: 500_000 });
    kernel.machine.devices.console.type("\x1b[19~");
    kernel.run(10_000);
    expect(kernel.safeMode).toBe(true);
  });
});

describe("a C driver's register variables, across kernel calls and context switches", () => {
  // i, seen and sum live in s0..s2 (the compiler's choice, by loop depth): each next_event, sleep and
  // getpid is a system call in user mode and a direct kernel call in kernel mode, and the sleeper runs
  // in between. The exit code is only right if all three survived every one of them.
  const COUNTER = `
int main(void) {
    struct event ev;
    int i, seen = 0, sum = 0;
    for (i = 0; i < 1000 && next_event(&ev); i++) {
        sleep(1);
        if (getpid() > 0) seen++;
        sum += ev.pid + i;
    }
    return seen * 1000 + sum;
}`;
  for (const mode of ["kernel", "user"] as const) {
    it(`${mode} mode`, () => {
      const kernel = bootedKernel(
        { "/drivers/counter.c": COUNTER, "/bin/sleeper.s": SLEEPER },
        { events: pipeFeed(3) },
      );
      kernel.shell.execute("run /bin/sleeper.s");
      kernel.shell.foreground = undefined;
      kernel.shell.execute(`insmod /drivers/counter.c --mode ${mode}`);
      kernel.run(3_000_000);
      expect(kernel.state).toBe("running");
      // Three events, pids 10, 11, 12, at i = 0, 1, 2: 3 * 1000 + 33 + 3.
      expect(eventsOf(kernel, "process-exit").find((e) => e.name.startsWith("counter"))?.code).toBe(3036);
    });
  }
});

describe("the shell's run", () => {
  it("finds a program by its bare name as NAME.c, or NAME.s when only that exists", () => {
    const kernel = bootedKernel({
      "/bin/quiet.s": ".kapi exit\n.text\nmain:\n  li a0, 3\n  call exit\n",
    });
    expect(kernel.shell.execute("run quiet")).toBe("");
    kernel.run(100_000);
    expect(eventsOf(kernel, "process-exit").map((e) => [e.name, e.code])).toEqual([["quiet", 3]]);
    expect(kernel.shell.execute("run nothing")).toBe("/bin/nothing.c: no such file");
  });
});

describe("where a stopped process was", () => {
  it("a C program stopped while it waits in a kernel call is named at its C line, not the stub's assembly", () => {
    const kernel = bootedKernel({
      "/bin/napper.c": "int main(void) {\n  while (1)\n    sleep(5);\n  return 0;\n}\n",
    });
    kernel.shell.execute("run napper");
    kernel.run(50_000);
    const pid = [...kernel.processes.values()].find((p) => p.name === "napper")?.pid;
    kernel.shell.execute(`kill ${pid}`);
    const [fault] = eventsOf(kernel, "process-fault");
    expect(fault.location).toMatchObject({ file: "/bin/napper.c", line: 3, func: "main" });
    expect(fault.message).toBe("killed from the shell (napper.c:3 in main)");
  });
});
