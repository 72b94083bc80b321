/**
 * A heap whose block headers live in guest memory, next to the blocks: the kernel pool (kernel-mode
 * drivers' malloc, kernel objects) and each process's heap (user-mode malloc) are both this.
 *
 * Each block starts with a 16-byte header:
 *   +0  size in bytes, header included (a multiple of 16) | 1 if in use
 *   +4  tag: four ASCII characters naming the owner ("Sens", "Proc", ...)
 *   +8  size of the previous block (0 for the first)
 *   +12 check word: the three words above XORed with a constant
 * A write past the end of a block lands on the next block's header. Nothing notices at once; the
 * next walk over that header (an allocation, a free, an integrity check) finds the check word wrong.
 * In the kernel pool that is a BAD_POOL_HEADER bugcheck; in a process heap it ends the process.
 */
export const HEADER_BYTES = 16;
const CHECK_CONSTANT = 0x5a17_c0de;
const IN_USE = 1;
const MIN_SPLIT = 32;

/** Reads and writes of the heap's memory; undefined / false when the address faults. */
export interface HeapMemory {
  read32(address: number): number | undefined;
  write32(address: number, value: number): boolean;
}

export interface HeapCorruption {
  /** Address of the bad header. */
  header: number;
  /** Its first word as found. */
  found: number;
  /** The block before it (the usual culprit), if there is one. */
  previous: number | null;
  previousTag: string | null;
}

export type HeapResult<T> = { ok: true; value: T } | { ok: false; corruption: HeapCorruption };

export interface HeapBlock {
  address: number;
  size: number;
  inUse: boolean;
  tag: string;
}

export function tagToWord(tag: string): number {
  let word = 0;
  for (let i = 0; i < 4; i++) word |= (tag.charCodeAt(i) & 0x7f || 0x20) << (8 * i);
  return word;
}

export function wordToTag(word: number): string {
  let tag = "";
  for (let i = 0; i < 4; i++) {
    const c = (word >>> (8 * i)) & 0xff;
    tag += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : "?";
  }
  return tag;
}

/**
 * Where a heap lives: the part of the kernel's record that a heap owns. Plain data, so it snapshots with
 * the rest of the kernel; the blocks themselves are in guest memory.
 */
export interface HeapArena {
  base: number;
  /** Current end of the arena (it may grow, for process heaps). */
  end: number;
}

/** A view that works on a heap: its arena (in the kernel's record) and the guest memory behind it. */
export class GuestHeap {
  constructor(
    private readonly memory: HeapMemory,
    readonly arena: HeapArena,
    /** Maps more memory at the end of the arena; returns bytes added (0 if it cannot grow). */
    private readonly grow: (end: number, wanted: number) => number = () => 0,
  ) {}

  get base(): number {
    return this.arena.base;
  }

  private get end(): number {
    return this.arena.end;
  }

  get size(): number {
    return this.arena.end - this.arena.base;
  }

  /** Writes one free block over the whole arena. */
  init(): void {
    this.writeHeader(this.base, this.end - this.base, false, tagToWord("Free"), 0);
  }

  /** Allocates `bytes` for `tag`; the value is the block's data address, or 0 when out of memory. */
  alloc(bytes: number, tag: string): HeapResult<number> {
    const need = Math.max(MIN_SPLIT, (Math.ceil(Math.max(1, bytes) / 16) + 1) * 16);
    if (!Number.isFinite(need) || need > 0x1000_0000) return { ok: true, value: 0 };
    for (let attempt = 0; attempt < 2; attempt++) {
      let at = this.base;
      let previousSize = 0;
      let previous: number | null = null;
      while (at < this.end) {
        const header = this.readHeader(at, previous, previousSize);
        if (!header.ok) return header;
        const { size, inUse } = header.value;
        if (!inUse && size >= need) {
          if (size - need >= MIN_SPLIT) {
            this.writeHeader(at + need, size - need, false, tagToWord("Free"), need);
            this.fixNextPrevious(at + size, size - need);
            this.writeHeader(at, need, true, tagToWord(tag), previousSize);
          } else this.writeHeader(at, size, true, tagToWord(tag), previousSize);
          return { ok: true, value: at + HEADER_BYTES };
        }
        previous = at;
        previousSize = size;
        at += size;
      }
      // No block fits: grow the arena (process heaps) and try once more.
      const added = this.grow(this.end, need);
      if (added <= 0) break;
      if (previous !== null && !this.isInUse(previous)) {
        const tag = this.memory.read32(previous + 4) ?? 0;
        const prevPrev = this.memory.read32(previous + 8) ?? 0;
        this.writeHeader(previous, previousSize + added, false, tag, prevPrev);
      } else this.writeHeader(this.end, added, false, tagToWord("Free"), previousSize);
      this.arena.end += added;
    }
    return { ok: true, value: 0 };
  }

  /**
   * Frees a block. `value` is false when the pointer is not a block this heap handed out (a bad or
   * double free); corruption is reported as such.
   */
  free(pointer: number): HeapResult<boolean> {
    const at = pointer - HEADER_BYTES;
    if (at < this.base || at >= this.end || (at - this.base) % 16 !== 0) return { ok: true, value: false };
    const header = this.readHeader(at, null, undefined);
    if (!header.ok) return header;
    if (!header.value.inUse) return { ok: true, value: false };
    let start = at;
    let size = header.value.size;
    let previousSize = header.value.previousSize;
    const next = at + size;
    if (next < this.end) {
      const nextHeader = this.readHeader(next, at, size);
      if (!nextHeader.ok) return nextHeader;
      if (!nextHeader.value.inUse) size += nextHeader.value.size;
    }
    if (previousSize > 0) {
      const prev = at - previousSize;
      const prevHeader = this.readHeader(prev, null, undefined);
      if (!prevHeader.ok) return prevHeader;
      if (!prevHeader.value.inUse) {
        start = prev;
        size += prevHeader.value.size;
        previousSize = prevHeader.value.previousSize;
      }
    }
    this.writeHeader(start, size, false, tagToWord("Free"), previousSize);
    this.fixNextPrevious(start + size, size);
    return { ok: true, value: true };
  }

  /**
   * Resizes a block, as C's realloc: in place when the block already has room (so a block shrinks in
   * place, keeping its size), otherwise a new block with the old one's tag, the contents copied and the
   * old block freed. The value is the new data address and the bytes copied; address 0 when out of
   * memory (the old block is left as it was); undefined when the pointer is not a block in use here.
   */
  realloc(pointer: number, bytes: number): HeapResult<{ address: number; copied: number } | undefined> {
    const at = pointer - HEADER_BYTES;
    if (at < this.base || at >= this.end || (at - this.base) % 16 !== 0)
      return { ok: true, value: undefined };
    const header = this.readHeader(at, null, undefined);
    if (!header.ok) return header;
    if (!header.value.inUse) return { ok: true, value: undefined };
    const room = header.value.size - HEADER_BYTES;
    if (bytes <= room) return { ok: true, value: { address: pointer, copied: 0 } };
    const fresh = this.alloc(bytes, header.value.tag);
    if (!fresh.ok) return fresh;
    if (fresh.value === 0) return { ok: true, value: { address: 0, copied: 0 } };
    // The old block's data is all kept: it is smaller than what was asked for.
    for (let offset = 0; offset < room; offset += 4)
      this.memory.write32(fresh.value + offset, this.memory.read32(pointer + offset) ?? 0);
    const freed = this.free(pointer);
    if (!freed.ok) return freed;
    return { ok: true, value: { address: fresh.value, copied: room } };
  }

  /** Walks every header; the first corruption found, if any. */
  check(): HeapCorruption | undefined {
    const walked = this.walk();
    return walked.ok ? undefined : walked.corruption;
  }

  /** Every block, for the views; stops at the first corrupt header. */
  walk(): HeapResult<HeapBlock[]> {
    const blocks: HeapBlock[] = [];
    let at = this.base;
    let previous: number | null = null;
    let previousSize = 0;
    while (at < this.end) {
      const header = this.readHeader(at, previous, previousSize);
      if (!header.ok) return header;
      blocks.push({ address: at, size: header.value.size, inUse: header.value.inUse, tag: header.value.tag });
      previous = at;
      previousSize = header.value.size;
      at += header.value.size;
    }
    return { ok: true, value: blocks };
  }

  private isInUse(at: number): boolean {
    return ((this.memory.read32(at) ?? 0) & IN_USE) !== 0;
  }

  private readHeader(
    at: number,
    previous: number | null,
    expectedPreviousSize: number | undefined,
  ): HeapResult<{ size: number; inUse: boolean; tag: string; previousSize: number }> {
    const w0 = this.memory.read32(at);
    const w1 = this.memory.read32(at + 4);
    const w2 = this.memory.read32(at + 8);
    const w3 = this.memory.read32(at + 12);
    const size = (w0 ?? 0) & ~15;
    const valid =
      w0 !== undefined &&
      w1 !== undefined &&
      w2 !== undefined &&
      w3 !== undefined &&
      (w0 ^ w1 ^ w2 ^ CHECK_CONSTANT) === w3 &&
      size >= HEADER_BYTES &&
      at + size <= this.end &&
      (expectedPreviousSize === undefined || w2 === expectedPreviousSize);
    if (!valid) {
      const previousTag = previous === null ? null : wordToTag(this.memory.read32(previous + 4) ?? 0);
      return { ok: false, corruption: { header: at, found: w0 ?? 0, previous, previousTag } };
    }
    return { ok: true, value: { size, inUse: (w0 & IN_USE) !== 0, tag: wordToTag(w1), previousSize: w2 } };
  }

  private writeHeader(at: number, size: number, inUse: boolean, tag: number, previousSize: number): void {
    const w0 = (size & ~15) | (inUse ? IN_USE : 0);
    this.memory.write32(at, w0);
    this.memory.write32(at + 4, tag);
    this.memory.write32(at + 8, previousSize);
    this.memory.write32(at + 12, w0 ^ tag ^ previousSize ^ CHECK_CONSTANT);
  }

  /** After a block at `next - size` changed size, the block at `next` must name the new size. */
  private fixNextPrevious(next: number, size: number): void {
    if (next >= this.end) return;
    // A corrupt header is left as it is, to be found by the next walk, never silently repaired.
    const header = this.readHeader(next, null, undefined);
    if (!header.ok) return;
    const tag = this.memory.read32(next + 4) ?? 0;
    this.writeHeader(next, header.value.size, header.value.inUse, tag, size);
  }
}
