// Time travel: going back to any moment inside the window gives exactly the state the system had then
// (machine, kernel record, disk), and running forward again from there gives the same run, through
// traps, user-mode driver restarts, bugchecks and reboots.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { systemFingerprint } from "../../src/kernel/fingerprint";
import { History } from "../../src/kernel/history";
import { JOURNAL_LIMIT, type SystemInput } from "../../src/kernel/inputs";
import { Kernel } from "../../src/kernel/kernel";
import { stepBack } from "../../src/kernel/travel";

const input: fc.Arbitrary<SystemInput> = fc.oneof(
  fc.constant<SystemInput>({ kind: "insmod", path: "/drivers/null-driver.c", mode: "user" }),
  fc.constant<SystemInput>({ kind: "insmod", path: "/drivers/null-driver.c", mode: "kernel" }),
  fc.constant<SystemInput>({ kind: "insmod", path: "/drivers/sensor.c", mode: "user" }),
  fc.constant<SystemInput>({ kind: "rmmod", name: "null-driver.sys" }),
  fc.boolean().map<SystemInput>((safeMode) => ({ kind: "boot", safeMode })),
  fc
    .constantFrom("ps\r", "ls /bin\r", "run clock\r", "uptime\r")
    .map<SystemInput>((text) => ({ kind: "keys", text })),
  fc.integer({ min: 0, max: 999 }).map<SystemInput>((n) => ({
    kind: "write-file",
    path: "/home/note.txt",
    text: `note ${n}\n`,
  })),
);

const scenario = fc
  .array(fc.tuple(fc.integer({ min: 10_000, max: 500_000 }), input), { minLength: 1, maxLength: 6 })
  .map((steps) => {
    let at = 0;
    return steps.map(([gap, step]) => {
      at += gap;
      return { at, input: step };
    });
  });

interface Moment {
  time: number;
  fingerprint: string;
}

/**
 * Plays a scenario through a history, noting the fingerprint at each of `probes` (fractions of the
 * run); a bugchecked machine is rebooted before the next input, as the app's countdown would.
 */
function play(steps: { at: number; input: SystemInput }[], probes: number[], interval: number) {
  const k = new Kernel({ seed: 11 });
  k.boot();
  const h = new History(k, { interval, storeBytes: 4 << 20 });
  const end = steps[steps.length - 1].at + 300_000;
  const marks = [
    ...steps.map((s) => ({ at: s.at, input: s.input as SystemInput | undefined })),
    ...probes.map((p) => ({ at: Math.floor(p * end), input: undefined })),
  ].sort((a, b) => a.at - b.at);
  const moments: Moment[] = [];
  for (const mark of marks) {
    h.runTo(mark.at);
    if (mark.input === undefined) {
      moments.push({ time: k.cyclesSincePowerOn, fingerprint: systemFingerprint(k) });
      continue;
    }
    if (k.state === "bugcheck" && mark.input.kind !== "boot") k.input({ kind: "boot" });
    k.input(mark.input);
  }
  h.runTo(end);
  return { k, h, moments, end: { time: k.cyclesSincePowerOn, fingerprint: systemFingerprint(k) } };
}

describe("history", () => {
  it("going back to a moment gives that moment's state, and forward again gives the same run", () => {
    fc.assert(
      fc.property(
        scenario,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (steps, probes, order) => {
          const { k, h, moments, end } = play(steps, probes, 16_384);
          // Visit the moments in several orders: backwards, forwards and jumping about.
          const visits = [...moments];
          if (order === 1) visits.reverse();
          if (order === 2) visits.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
          for (const moment of visits) {
            if (moment.time < h.start) continue;
            expect(h.seek(moment.time)).toBe(true);
            expect(k.cyclesSincePowerOn).toBe(moment.time);
            expect(systemFingerprint(k)).toBe(moment.fingerprint);
          }
          h.runTo(end.time, true);
          expect(k.cyclesSincePowerOn).toBe(end.time);
          expect(systemFingerprint(k)).toBe(end.fingerprint);
        },
      ),
      { numRuns: 20 },
    );
  });

  it("back N instructions, then forward N, is the same state", () => {
    fc.assert(
      fc.property(
        scenario,
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        (steps, where, n) => {
          const { k, h, moments } = play(steps, [where], 16_384);
          const moment = moments[0];
          if (moment.time < h.start) return;
          expect(h.seek(moment.time)).toBe(true);
          let back = 0;
          while (back < n && stepBack(h)) back++;
          for (let i = 0; i < back; i++) h.runTo(h.now + 1);
          expect(k.cyclesSincePowerOn).toBe(moment.time);
          expect(systemFingerprint(k)).toBe(moment.fingerprint);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("a small page store keeps a shorter window, and every moment in it is still exact", () => {
    const k = new Kernel({ seed: 3 });
    k.boot();
    const h = new History(k, { interval: 1024, storeBytes: 24 * 4096 });
    k.input({ kind: "insmod", path: "/drivers/sensor.c", mode: "user" });
    const moments: Moment[] = [];
    for (let t = 200_000; t <= 3_000_000; t += 200_000) {
      h.runTo(t);
      moments.push({ time: k.cyclesSincePowerOn, fingerprint: systemFingerprint(k) });
    }
    expect(h.bytesHeld).toBeLessThanOrEqual(24 * 4096 + k.machine.memory.size);
    expect(h.start).toBeGreaterThan(0);
    let visited = 0;
    for (const moment of moments.reverse()) {
      if (moment.time < h.start) {
        expect(h.seek(moment.time)).toBe(false);
        continue;
      }
      visited++;
      expect(h.seek(moment.time)).toBe(true);
      expect(systemFingerprint(k)).toBe(moment.fingerprint);
    }
    expect(visited).toBeGreaterThan(0);
  });

  it("an input in the past branches off: the recorded future is dropped and the new one recorded", () => {
    const k = new Kernel({ seed: 5 });
    k.boot();
    const h = new History(k, { interval: 8192 });
    h.runTo(300_000);
    const branchAt = k.cyclesSincePowerOn;
    k.input({ kind: "insmod", path: "/drivers/null-driver.c", mode: "kernel" });
    h.runTo(2_000_000);
    expect(k.state).toBe("bugcheck");
    expect(h.seek(branchAt)).toBe(true);
    expect(k.state).toBe("running");
    // The same driver, in user mode this time: a branch.
    k.input({ kind: "insmod", path: "/drivers/null-driver.c", mode: "user" });
    h.runTo(2_000_000);
    expect(k.state).toBe("running");
    expect(h.inputs.at(-1)?.input).toMatchObject({ kind: "insmod", mode: "user" });
    expect(h.inputs.some((e) => e.input.kind === "insmod" && e.input.mode === "kernel")).toBe(false);
    const fingerprint = systemFingerprint(k);
    expect(h.seek(branchAt + 1000)).toBe(true);
    h.runTo(2_000_000, true);
    expect(systemFingerprint(k)).toBe(fingerprint);
  });

  it("keeps boots and bugchecks as landmarks, a bounded number", () => {
    const k = new Kernel({ seed: 5 });
    k.boot();
    const h = new History(k, { interval: 8192 });
    for (let i = 0; i < 12; i++) {
      k.input({ kind: "insmod", path: "/drivers/null-driver.c", mode: "kernel" });
      h.run(1_000_000);
      expect(k.state).toBe("bugcheck");
      k.input({ kind: "boot" });
      h.run(100_000);
    }
    expect(h.landmarks.length).toBe(8);
    const crash = h.landmarks.filter((l) => l.kind === "bugcheck").at(-1);
    expect(crash).toBeDefined();
    if (!crash) return;
    expect(h.seek(crash.time)).toBe(true);
    expect(k.state).toBe("bugcheck");
  });

  it("starts over when the kernel's journal drops its oldest inputs (its limit is history's too)", () => {
    const k = new Kernel({ seed: 5 });
    k.boot();
    const h = new History(k, { interval: 8192 });
    h.runTo(100_000);
    for (let i = 0; i <= JOURNAL_LIMIT; i++) k.input({ kind: "write-file", path: "/home/n.txt", text: "" });
    expect(k.journal.length).toBe(JOURNAL_LIMIT);
    const overflowAt = k.cyclesSincePowerOn;
    h.run(50_000);
    expect(h.start).toBe(overflowAt);
    expect(h.seek(50_000)).toBe(false);
    const fingerprint = systemFingerprint(k);
    const at = h.now;
    h.run(50_000);
    expect(h.seek(at)).toBe(true);
    expect(systemFingerprint(k)).toBe(fingerprint);
  });
});
