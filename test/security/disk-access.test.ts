// Issue 10, item 2: least privilege on the disk. A user-mode driver runs as its own low-privilege
// account: it cannot write system files, another service's data or the boot configuration, and what it
// may keep is bounded. Kernel-mode drivers remain as powerful as the kernel.
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../src/kernel/kernel";
import { runUntil } from "../../src/kernel/replay";
import { bootedKernel, eventsOf } from "../support/kernelHarness";

const ATTACK = `
int report(const char *what, int result) { printf("%s %d\\n", what, result); return result; }
int main(void) {
  char evil[] = "int main(void) { panic(\\"owned\\"); return 0; }";
  char conf[] = "/drivers/evil.c kernel\\n";
  char junk[] = "garbage";
  char mine[] = "my notes";
  char buf[16];
  report("evil", write_file("/drivers/evil.c", evil, sizeof(evil) - 1));
  report("conf", write_file("/boot/drivers.conf", conf, sizeof(conf) - 1));
  report("ledger", write_file("/home/bank/ledger", junk, sizeof(junk)));
  report("rm-clock", remove("/bin/clock.c"));
  report("sneaky", write_file("/home/attack.sys/../../boot/drivers.conf", conf, sizeof(conf) - 1));
  report("home", write_file("/home/attack.sys/notes", mine, sizeof(mine)));
  report("tmp", write_file("/tmp/shared", mine, sizeof(mine)));
  report("read-bank", read_file("/home/bank/ledger", buf, 4));
  report("read-services", read_file("/etc/services", buf, 4));
  while (1) sleep(100);
  return 0;
}
`;

function attacked(mode: "user" | "kernel"): Kernel {
  const k = bootedKernel({ "/drivers/attack.c": ATTACK }, { services: ["clock", "bank"] });
  runUntil(k, 2_500_000); // the bank has saved its ledger by now
  k.input({ kind: "insmod", path: "/drivers/attack.c", mode });
  runUntil(k, k.cyclesSincePowerOn + 500_000);
  return k;
}

function results(k: Kernel): Record<string, number> {
  return Object.fromEntries(
    [...k.machine.devices.console.transcript.matchAll(/(?:^|\$ )([a-z-]+) (-?\d+)\r?$/gm)].map((m) => [
      m[1],
      Number(m[2]),
    ]),
  );
}

describe("a user-mode driver on the disk", () => {
  it("is refused system files, the boot configuration and another service's data, with -13", () => {
    const k = attacked("user");
    const r = results(k);
    expect(r).toMatchObject({ evil: -13, conf: -13, ledger: -13, "rm-clock": -13, sneaky: -13 });
    const disk = k.machine.devices.disk;
    expect(disk.read("/drivers/evil.c")).toBeUndefined();
    expect(disk.readText("/boot/drivers.conf")).not.toContain("evil");
    expect(disk.read("/bin/clock.c")).toBeDefined();
    expect(disk.readText("/home/bank/ledger")).not.toBe("garbage\0");
    const denied = eventsOf(k, "access-denied");
    expect(denied.map((e) => [e.path, e.operation, e.account])).toEqual(
      expect.arrayContaining([
        ["/drivers/evil.c", "write", "attack.sys"],
        ["/boot/drivers.conf", "write", "attack.sys"],
        ["/home/bank/ledger", "write", "attack.sys"],
        ["/bin/clock.c", "remove", "attack.sys"],
      ]),
    );
  });

  it("keeps its own files in its private folder and may share in /tmp", () => {
    const k = attacked("user");
    const r = results(k);
    expect(r.home).toBe(9);
    expect(r.tmp).toBe(9);
    // The bank's ledger is private to the bank; the system's files are readable by everyone.
    expect(r["read-bank"]).toBe(-13);
    expect(r["read-services"]).toBe(4);
    const listing = k.shell.execute("ls -l /home");
    expect(listing).toMatch(/-rw-------\s+attack\.sys\s+9\s+\/home\/attack\.sys\/notes/);
    expect(listing).toMatch(/-rw-------\s+bank\s+\d+\s+\/home\/bank\/ledger/);
    expect(k.shell.execute("ls -l /bin")).toMatch(/-rw-r--r--\s+root\s+\d+\s+\/bin\/clock\.c/);
  });

  it("has nothing at the next boot: its code never runs in ring 0", () => {
    const k = attacked("user");
    k.reboot();
    runUntil(k, k.cyclesSincePowerOn + 300_000);
    expect(k.state).toBe("running");
    expect(k.drivers.has("evil.sys")).toBe(false);
  });

  it("has a quota: files and bytes", () => {
    const k = bootedKernel({
      "/drivers/hoard.c": `
int main(void) {
  char name[32] = "/home/hoard.sys/f00";
  char block[1000];
  int i;
  int refused = 0;
  for (i = 0; i < 80; i++) {
    name[17] = '0' + i / 10;
    name[18] = '0' + i % 10;
    if (write_file(name, block, sizeof(block)) == -13) refused++;
  }
  printf("refused %d\\n", refused);
  while (1) sleep(100);
  return 0;
}
`,
    });
    k.input({ kind: "insmod", path: "/drivers/hoard.c", mode: "user" });
    runUntil(k, k.cyclesSincePowerOn + 2_000_000);
    expect(k.machine.devices.console.transcript).toContain("refused 16");
  });
});

describe("kernel mode and the administrator", () => {
  it("a kernel-mode driver is as powerful as the kernel: it can rewrite the boot configuration", () => {
    const k = attacked("kernel");
    const r = results(k);
    expect(r.conf).toBeGreaterThan(0);
    expect(k.machine.devices.disk.readText("/boot/drivers.conf")).toContain("/drivers/evil.c kernel");
    expect(eventsOf(k, "access-denied")).toEqual([]);
  });

  it("the administrator at the console may change system files", () => {
    const k = bootedKernel({});
    k.input({ kind: "command", line: "echo /drivers/sensor.c user > /boot/drivers.conf" });
    expect(k.machine.devices.disk.readText("/boot/drivers.conf")).toBe("/drivers/sensor.c user\n");
  });
});
