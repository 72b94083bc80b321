// The heap behind the kernel pool, under random malloc / realloc / free: realloc keeps every block's
// contents up to the smaller size, never hands out overlapping blocks, fails only by returning 0 with
// the old block intact, and the heap's headers stay a valid chain throughout.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GuestHeap, HEADER_BYTES, type HeapMemory } from "../../src/kernel/guestHeap";

const BASE = 0x1000;
const SIZE = 0x4000;

function memory(): { heap: GuestHeap; bytes: Uint8Array } {
  const bytes = new Uint8Array(BASE + SIZE);
  const view = new DataView(bytes.buffer);
  const inRange = (a: number) => a >= BASE && a + 4 <= BASE + SIZE;
  const mem: HeapMemory = {
    read32: (a) => (inRange(a) ? view.getUint32(a, true) : undefined),
    write32: (a, v) => {
      if (!inRange(a)) return false;
      view.setUint32(a, v >>> 0, true);
      return true;
    },
  };
  const heap = new GuestHeap(mem, { base: BASE, end: BASE + SIZE });
  heap.init();
  return { heap, bytes };
}

type Op = { kind: "malloc"; size: number } | { kind: "realloc" | "free"; pick: number; size: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("malloc" as const), size: fc.integer({ min: 1, max: 600 }) }),
  fc.record({
    kind: fc.constantFrom("realloc" as const, "free" as const),
    pick: fc.nat(),
    size: fc.oneof(fc.integer({ min: 1, max: 1200 }), fc.constant(0x7fff_0000)),
  }),
);

describe("GuestHeap.realloc", () => {
  it("keeps contents, never overlaps, and leaves the block on failure", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { heap, bytes } = memory();
        /** Live blocks: address -> the bytes the test wrote there. */
        const live = new Map<number, Uint8Array>();
        let stamp = 1;
        const fill = (address: number, size: number) => {
          const content = new Uint8Array(size).map((_, i) => (stamp * 31 + i) & 0xff);
          stamp++;
          bytes.set(content, address);
          live.set(address, content);
        };
        for (const o of ops) {
          if (o.kind === "malloc") {
            const got = heap.alloc(o.size, "Test");
            expect(got.ok).toBe(true);
            if (got.ok && got.value !== 0) fill(got.value, o.size);
            continue;
          }
          const addresses = [...live.keys()];
          if (addresses.length === 0) continue;
          const address = addresses[o.pick % addresses.length]!;
          const before = live.get(address)!;
          if (o.kind === "free") {
            expect(heap.free(address)).toEqual({ ok: true, value: true });
            live.delete(address);
            continue;
          }
          const resized = heap.realloc(address, o.size);
          expect(resized.ok).toBe(true);
          if (!resized.ok || resized.value === undefined) throw new Error("a live block was not found");
          if (resized.value.address === 0) {
            // Failure: the old block is still there, contents and all.
            expect([...bytes.subarray(address, address + before.length)]).toEqual([...before]);
            continue;
          }
          const kept = Math.min(before.length, o.size);
          const now = resized.value.address;
          expect([...bytes.subarray(now, now + kept)]).toEqual([...before.subarray(0, kept)]);
          live.delete(address);
          fill(now, o.size);
        }
        // Every live block still holds what was written, so none overlaps another, and the chain is whole.
        for (const [address, content] of live)
          expect([...bytes.subarray(address, address + content.length)]).toEqual([...content]);
        const walked = heap.walk();
        expect(walked.ok).toBe(true);
        if (walked.ok)
          expect(
            walked.value
              .filter((b) => b.inUse)
              .map((b) => b.address + HEADER_BYTES)
              .sort(),
          ).toEqual([...live.keys()].sort());
      }),
      { numRuns: 150 },
    );
  });

  it("refuses a pointer that is not a block in use", () => {
    const { heap } = memory();
    const got = heap.alloc(40, "Test");
    if (!got.ok) throw new Error("no block");
    expect(heap.realloc(got.value + 4, 80)).toEqual({ ok: true, value: undefined });
    expect(heap.free(got.value).ok).toBe(true);
    expect(heap.realloc(got.value, 80)).toEqual({ ok: true, value: undefined });
    expect(heap.realloc(BASE - 64, 80)).toEqual({ ok: true, value: undefined });
  });
});
