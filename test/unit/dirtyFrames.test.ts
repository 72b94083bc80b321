// Dirty-frame tracking, which time travel's checkpoints stand on: every frame whose bytes changed since
// the marks were last taken is marked, whether the CPU stored to it through the TLB's fast path, the
// slow path, or the kernel wrote it from the host.
import { describe, expect, it } from "vitest";
import { Kernel } from "../../src/kernel/kernel";
import { runUntil } from "../../src/kernel/replay";

function changedFrames(before: Uint8Array, after: Uint8Array): number[] {
  const frames: number[] = [];
  for (let f = 0; f < before.length / 4096; f++) {
    for (let i = f * 4096; i < f * 4096 + 4096; i++)
      if (before[i] !== after[i]) {
        frames.push(f);
        break;
      }
  }
  return frames;
}

describe("dirty frames", () => {
  it("every frame that changed is marked, interval after interval", () => {
    const k = new Kernel({ seed: 2 });
    k.boot();
    k.input({ kind: "insmod", path: "/drivers/sensor.c", mode: "user" });
    k.input({ kind: "keys", text: "run clock\r" });
    const memory = k.machine.memory;
    let changedSeen = 0;
    for (let i = 0; i < 40; i++) {
      memory.takeDirty();
      k.machine.mmu.revokeAllWrites();
      const before = memory.u8.slice();
      runUntil(k, k.cyclesSincePowerOn + 50_000);
      const dirty = new Set(memory.takeDirty());
      k.machine.mmu.revokeAllWrites();
      const changed = changedFrames(before, memory.u8);
      changedSeen += changed.length;
      for (const frame of changed) expect(dirty.has(frame)).toBe(true);
      // Marks are not handed out wholesale: most frames stay clean in a short interval.
      expect(dirty.size).toBeLessThan(memory.frameCount / 2);
    }
    expect(changedSeen).toBeGreaterThan(0);
  });

  it("a reboot marks every frame (it zeroes memory)", () => {
    const k = new Kernel({ seed: 2 });
    k.boot();
    runUntil(k, 100_000);
    k.machine.memory.takeDirty();
    k.reboot();
    expect(k.machine.memory.takeDirty().length).toBe(k.machine.memory.frameCount);
  });
});
