// The whole system as one value: snapshot, restore and run give exactly the run that was never
// interrupted, across traps, driver restarts and reboots; and a run's journal replayed on a fresh system
// gives the same final state.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { systemFingerprint } from "../../src/kernel/fingerprint";
import type { SystemInput } from "../../src/kernel/inputs";
import { Kernel, type KernelOptions } from "../../src/kernel/kernel";
import { replay, runUntil } from "../../src/kernel/replay";
import { restoreSystem, snapshotSystem } from "../../src/kernel/systemSnapshot";

const OPTIONS: KernelOptions = { seed: 7 };

/** Things from outside, each of which exercises a different part of the system. */
const input: fc.Arbitrary<SystemInput> = fc.oneof(
  // A user-mode driver that faults: killed and restarted by the restart policy.
  fc.constant<SystemInput>({ kind: "insmod", path: "/drivers/null-driver.c", mode: "user" }),
  // The same in kernel mode: a bugcheck (then a reboot input brings the machine back).
  fc.constant<SystemInput>({ kind: "insmod", path: "/drivers/null-driver.c", mode: "kernel" }),
  fc.constant<SystemInput>({ kind: "insmod", path: "/drivers/sensor.c", mode: "user" }),
  fc.constant<SystemInput>({ kind: "rmmod", name: "null-driver.sys" }),
  fc.boolean().map<SystemInput>((safeMode) => ({ kind: "boot", safeMode })),
  fc.constantFrom("ps\r", "ls /bin\r", "lsmod\r", "uptime\r", "x\x7f\r").map<SystemInput>((text) => ({
    kind: "keys",
    text,
  })),
  fc
    .constantFrom("dmesg", "mem", "cat /etc/services")
    .map<SystemInput>((line) => ({ kind: "command", line })),
  fc.integer({ min: 0, max: 999 }).map<SystemInput>((n) => ({
    kind: "write-file",
    path: "/home/note.txt",
    text: `note ${n}\n`,
  })),
);

/** A scenario: inputs at increasing times since power-on, then a time to stop. */
const scenario = fc
  .array(fc.tuple(fc.integer({ min: 10_000, max: 600_000 }), input), { minLength: 1, maxLength: 6 })
  .map((steps) => {
    let at = 0;
    return steps.map(([gap, step]) => {
      at += gap;
      return { at, input: step };
    });
  });

/** Runs a scenario on a kernel: each input at its time (a bugchecked machine is rebooted first). */
function play(k: Kernel, steps: { at: number; input: SystemInput }[], until: number, from = 0): void {
  for (const step of steps) {
    if (step.at < from) continue;
    runUntil(k, step.at);
    if (k.state === "bugcheck" && step.input.kind !== "boot") k.input({ kind: "boot" });
    k.input(step.input);
  }
  runUntil(k, until);
}

function powerOn(): Kernel {
  const k = new Kernel(OPTIONS);
  k.boot();
  return k;
}

describe("the whole system snapshots and restores as one value", () => {
  it("snapshot, restore and run give the run that was never interrupted", () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 0, max: 1, noNaN: true }), (steps, where) => {
        const end = steps[steps.length - 1].at + 400_000;
        const straight = powerOn();
        play(straight, steps, end);

        const k = powerOn();
        const cut = Math.floor(where * end);
        play(
          k,
          steps.filter((s) => s.at <= cut),
          cut,
        );
        const saved = snapshotSystem(k);
        const savedAt = k.cyclesSincePowerOn;
        // Go somewhere else entirely, then come back.
        k.input({ kind: "keys", text: "rm /bin/clock.c\r" });
        k.input({ kind: "insmod", path: "/drivers/spin.c", mode: "kernel" });
        runUntil(k, savedAt + 900_000);
        restoreSystem(k, saved);
        expect(k.cyclesSincePowerOn).toBe(savedAt);
        play(
          k,
          steps.filter((s) => s.at > cut),
          end,
        );
        expect(systemFingerprint(k)).toBe(systemFingerprint(straight));
        expect(k.machine.devices.console.transcript).toBe(straight.machine.devices.console.transcript);
        expect(k.log.events).toEqual(straight.log.events);
      }),
      { numRuns: 25 },
    );
  });

  it("a snapshot is independent of the system it was taken from", () => {
    const k = powerOn();
    runUntil(k, 300_000);
    const saved = snapshotSystem(k);
    const fingerprint = systemFingerprint(k);
    k.input({ kind: "write-file", path: "/bin/clock.c", text: "garbage" });
    k.input({ kind: "insmod", path: "/drivers/null-driver.c", mode: "kernel" });
    runUntil(k, 2_000_000);
    expect(k.state).toBe("bugcheck");
    expect(systemFingerprint(k)).not.toBe(fingerprint);
    restoreSystem(k, saved);
    expect(systemFingerprint(k)).toBe(fingerprint);
    expect(k.machine.devices.disk.readText("/bin/clock.c")).not.toBe("garbage");
    expect(k.state).toBe("running");
  });

  it("the kernel's record is plain data: one structured clone copies it, and the copy runs on the same", () => {
    const k = powerOn();
    k.input({ kind: "insmod", path: "/drivers/null-driver.c", mode: "user" });
    runUntil(k, 1_500_000);
    const twin = powerOn();
    const saved = snapshotSystem(k);
    restoreSystem(twin, saved);
    // The twin's record, replaced by a structured clone of the original's: no live object, no closure.
    twin.record = structuredClone(k.record);
    expect(systemFingerprint(twin)).toBe(systemFingerprint(k));
    runUntil(k, 4_000_000);
    runUntil(twin, 4_000_000);
    expect(systemFingerprint(twin)).toBe(systemFingerprint(k));
  });

  it("restores the screen a terminal draws: pending console output is part of the snapshot", () => {
    const k = powerOn();
    runUntil(k, 200_000);
    k.input({ kind: "command", line: "ls /bin" });
    const saved = snapshotSystem(k);
    const screen = k.machine.devices.console.outputSince(0).text;
    k.input({ kind: "command", line: "dmesg" });
    restoreSystem(k, saved);
    expect(k.machine.devices.console.outputSince(0).text).toBe(screen);
    expect(screen).toContain("/bin/clock.c");
  });
});

describe("the journal", () => {
  it("replayed on a fresh system gives the same final state", () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const end = steps[steps.length - 1].at + 300_000;
        const original = powerOn();
        play(original, steps, end);
        // Every input went through the door: the journal has the power-on, the steps, the reboots.
        expect(original.journal.length).toBeGreaterThanOrEqual(steps.length + 1);
        const replayed = replay(OPTIONS, original.journal, end);
        expect(replayed.cyclesSincePowerOn).toBe(original.cyclesSincePowerOn);
        expect(systemFingerprint(replayed)).toBe(systemFingerprint(original));
      }),
      { numRuns: 25 },
    );
  });

  it("records when each input took effect, in machine time since power-on", () => {
    const k = powerOn();
    runUntil(k, 250_000);
    k.input({ kind: "keys", text: "ps\r" });
    runUntil(k, 500_000);
    k.reboot();
    expect(k.journal.map((e) => [e.at, e.input.kind])).toEqual([
      [0, "boot"],
      [k.journal[1].at, "keys"],
      [k.journal[2].at, "boot"],
    ]);
    expect(k.journal[1].at).toBeGreaterThanOrEqual(250_000);
    expect(k.journal[2].at).toBeGreaterThanOrEqual(500_000);
  });

  it("a replay that skips an input does not end in the same state", () => {
    const k = powerOn();
    runUntil(k, 200_000);
    k.input({ kind: "command", line: "run clock" });
    runUntil(k, 600_000);
    const withoutCommand = replay(OPTIONS, [k.journal[0]], 600_000);
    expect(systemFingerprint(withoutCommand)).not.toBe(systemFingerprint(k));
  });
});
