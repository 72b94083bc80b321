// The history window: where checkpoints fall depends on the machine's work, never on the host's clock;
// the window keeps at least its instructions however few checkpoints it may hold (the oldest dropped
// on a busy machine, old neighbours merged on an idle one); and near checkpoints keep going back a
// little way from replaying a whole checkpoint interval. Every moment inside the window stays exact.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { systemFingerprint } from "../../src/kernel/fingerprint";
import { History, NEAR_LEAD } from "../../src/kernel/history";
import type { SystemInput } from "../../src/kernel/inputs";
import { Kernel } from "../../src/kernel/kernel";
import { stepBack } from "../../src/kernel/travel";
import { busyKernel } from "../support/busyKernel";
import { crashedHistory } from "../support/crashedHistory";

interface Moment {
  time: number;
  instructions: number;
  fingerprint: string;
}

/** Runs `h` in steps of `step` cycles until `until`, noting each moment reached. */
function record(h: History, until: number, step: number): Moment[] {
  const moments: Moment[] = [];
  while (h.now < until) {
    const before = h.now;
    h.runTo(Math.min(until, h.now + step));
    if (h.now === before) break; // bugchecked: nothing runs until the next input
    moments.push({
      time: h.now,
      instructions: h.instructionsRetired,
      fingerprint: systemFingerprint(h.kernel),
    });
  }
  return moments;
}

/** Machine time replayed while `go` runs (summed over the kernel's runs). */
function cyclesReplayed(h: History, go: () => void): number {
  const k = h.kernel;
  const run = k.run.bind(k);
  let cycles = 0;
  const spy = vi.spyOn(k, "run").mockImplementation((budget: number) => {
    const before = k.cyclesSincePowerOn;
    const stop = run(budget);
    cycles += k.cyclesSincePowerOn - before;
    return stop;
  });
  go();
  spy.mockRestore();
  return cycles;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("checkpoint spacing", () => {
  it("is the same whatever the host's clock says: checkpoints are spaced by work", () => {
    const checkpointsWith = (now: () => number) => {
      vi.spyOn(performance, "now").mockImplementation(now);
      const h = new History(busyKernel());
      h.run(3_000_000);
      vi.restoreAllMocks();
      return h.checkpointTimes;
    };
    const frozen = checkpointsWith(() => 0);
    let clock = 0;
    const racing = checkpointsWith(() => {
      clock += 50;
      return clock;
    });
    expect(racing).toEqual(frozen);
    // A busy machine gets several checkpoints in 3M cycles (about 2M instructions and 300 ticks).
    expect(frozen.length).toBeGreaterThanOrEqual(4);
  });
});

describe("checkpoint moments", () => {
  it("are the same however the runs are sliced (a page slices them by the host time a frame has)", () => {
    const whole = new History(busyKernel());
    whole.run(3_000_000);
    const sliced = new History(busyKernel());
    let slice = 1;
    while (sliced.now < 3_000_000) {
      slice = (slice * 48_271) % 2_147_483_647;
      sliced.run(Math.min(3_000_000 - sliced.now, 1 + (slice % 90_000)));
    }
    expect(sliced.now).toBe(whole.now);
    expect(sliced.checkpointTimes).toEqual(whole.checkpointTimes);
  });
});

describe("the window", () => {
  it("an idle machine with few checkpoints allowed merges old ones and keeps its instructions", () => {
    const k = new Kernel({ seed: 1 });
    k.boot();
    // A few thousand instructions a million cycles: fewer than the window's instructions in all.
    const h = new History(k, { interval: 16_384, maxCheckpoints: 8, windowInstructions: 200_000 });
    const moments = record(h, 14_000_000, 700_000);
    expect(h.instructionsRetired).toBeLessThan(200_000);
    expect(h.checkpointCount).toBeLessThanOrEqual(8);
    // Merging, not dropping: the window still starts at power-on's checkpoint.
    expect(h.start).toBe(0);
    for (const moment of [...moments].reverse()) {
      expect(h.seek(moment.time)).toBe(true);
      expect(systemFingerprint(k)).toBe(moment.fingerprint);
    }
  });

  it("a busy machine with few checkpoints allowed drops the oldest, and keeps its instructions", () => {
    const k = busyKernel();
    const h = new History(k, { work: 65_536, maxCheckpoints: 8, windowInstructions: 300_000 });
    const moments = record(h, 2_000_000, 100_000);
    expect(h.checkpointCount).toBeLessThanOrEqual(8);
    expect(h.windowInstructionCount).toBeGreaterThanOrEqual(300_000);
    expect(h.start).toBeGreaterThan(0);
    const latest = h.instructionsRetired;
    let visited = 0;
    for (const moment of [...moments].reverse()) {
      if (moment.time < h.start) {
        // What left the window is older than the instructions it keeps.
        expect(latest - moment.instructions).toBeGreaterThan(300_000);
        continue;
      }
      visited++;
      expect(h.seek(moment.time)).toBe(true);
      expect(systemFingerprint(k)).toBe(moment.fingerprint);
    }
    expect(visited).toBeGreaterThan(2);
  });

  it("holds the last 10 million instructions of a busy machine at the default settings", () => {
    const k = busyKernel();
    const h = new History(k);
    const moments = record(h, 16_000_000, 1_000_000);
    expect(h.instructionsRetired).toBeGreaterThan(10_000_000);
    expect(h.windowInstructionCount).toBeGreaterThanOrEqual(10_000_000);
    const tenMillionBack = moments.find((m) => m.instructions >= h.instructionsRetired - 10_000_000);
    expect(tenMillionBack).toBeDefined();
    if (!tenMillionBack) return;
    expect(h.seek(tenMillionBack.time)).toBe(true);
    expect(systemFingerprint(k)).toBe(tenMillionBack.fingerprint);
  });
});

describe("landmarks", () => {
  it("replaying to the bluescreen a recording ends on keeps no second checkpoint or landmark of it", () => {
    const h = crashedHistory();
    const k = h.kernel;
    expect(k.state).toBe("bugcheck");
    const landmarks = h.landmarks.length;
    const checkpoints = h.checkpointTimes;
    expect(h.seek(h.end - 50_000)).toBe(true);
    h.runTo(h.end, true);
    expect(k.state).toBe("bugcheck");
    expect(h.landmarks.length).toBe(landmarks);
    expect(h.checkpointTimes).toEqual(checkpoints);
  });
});

describe("near checkpoints", () => {
  it("one instruction back from a moment a seek reached replays at most NEAR_LEAD cycles", () => {
    const h = new History(busyKernel());
    h.run(3_000_000);
    for (const time of [700_123, 1_500_001, 2_250_000]) {
      h.seek(time);
      const at = h.now;
      const replayed = cyclesReplayed(h, () => expect(stepBack(h)).toBe(true));
      expect(h.now).toBeLessThan(at);
      expect(replayed).toBeLessThanOrEqual(NEAR_LEAD + 64);
    }
  });

  it("one instruction back from where a run paused replays at most NEAR_LEAD cycles", () => {
    const h = new History(busyKernel());
    h.run(2_345_678);
    const replayed = cyclesReplayed(h, () => expect(stepBack(h)).toBe(true));
    expect(replayed).toBeLessThanOrEqual(NEAR_LEAD + 64);
  });

  it("one instruction back from a bluescreen that ended a run replays at most NEAR_LEAD cycles", () => {
    const k = new Kernel({ seed: 1 });
    k.boot();
    const h = new History(k);
    h.run(1_000_000);
    k.input({ kind: "insmod", path: "/drivers/null-driver.c", mode: "kernel" });
    h.run(4_000_000);
    expect(k.state).toBe("bugcheck");
    const crash = systemFingerprint(k);
    const at = h.now;
    const replayed = cyclesReplayed(h, () => expect(stepBack(h)).toBe(true));
    expect(replayed).toBeLessThanOrEqual(NEAR_LEAD + 64);
    h.runTo(h.now + 1);
    expect(h.now).toBe(at);
    expect(systemFingerprint(k)).toBe(crash);
  });

  const input: fc.Arbitrary<SystemInput> = fc.oneof(
    fc.constant<SystemInput>({ kind: "insmod", path: "/drivers/null-driver.c", mode: "user" }),
    fc.constant<SystemInput>({ kind: "insmod", path: "/drivers/null-driver.c", mode: "kernel" }),
    fc.constant<SystemInput>({ kind: "insmod", path: "/drivers/sensor.c", mode: "user" }),
    fc.boolean().map<SystemInput>((safeMode) => ({ kind: "boot", safeMode })),
    fc.constantFrom("ps\r", "run clock\r").map<SystemInput>((text) => ({ kind: "keys", text })),
  );

  it("with merges, drops and near checkpoints about, every moment is exact in any order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 20_000, max: 400_000 }), input), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 3, maxLength: 8 }),
        (steps, order) => {
          const k = new Kernel({ seed: 7 });
          k.boot();
          const h = new History(k, { interval: 8192, maxCheckpoints: 6, windowInstructions: 40_000 });
          const moments: Moment[] = [];
          for (const [gap, step] of steps) {
            moments.push(...record(h, h.now + gap, 50_000));
            if (k.state === "bugcheck" && step.kind !== "boot") k.input({ kind: "boot" });
            k.input(step);
          }
          moments.push(...record(h, h.now + 200_000, 50_000));
          const inside = moments.filter((m) => m.time >= h.start);
          for (const pick of order) {
            const moment = inside[pick % inside.length];
            expect(h.seek(moment.time)).toBe(true);
            expect(systemFingerprint(k)).toBe(moment.fingerprint);
            // A step back and forward again from there, through the near checkpoints it leaves.
            if (stepBack(h)) h.runTo(h.now + 1);
            expect(h.now).toBe(moment.time);
            expect(systemFingerprint(k)).toBe(moment.fingerprint);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
