/**
 * The page store of time travel: one buffer of 4 KiB slots, allocated up front, that holds the frames
 * the checkpoints keep (history.ts). Slots are handed out and given back one at a time (a stack of free
 * slots), not in ring order: thinning out old checkpoints frees slots in the middle of the history, and
 * the slots of a checkpoint that is merged into the next one move with its frames.
 */
const PAGE = 4096;

export class PageStore {
  readonly slotCount: number;
  private readonly bytes: Uint8Array;
  /** Free slots, the next one to hand out last. */
  private readonly free: Int32Array;
  private freeCount: number;

  constructor(storeBytes: number) {
    this.slotCount = Math.max(1, Math.floor(storeBytes / PAGE));
    this.bytes = new Uint8Array(this.slotCount * PAGE);
    // Touched once now, so that the operating system maps the store's pages here and not one at a time
    // in the middle of a run: measured on the shared VM (2026-12-03), a first write to a fresh page cost
    // about 14 µs, a later one 0.2 µs, which made the first checkpoints of a run several times dearer.
    this.bytes.fill(0);
    this.free = new Int32Array(this.slotCount);
    this.freeCount = 0;
    this.releaseAll();
  }

  get slotsFree(): number {
    return this.freeCount;
  }

  get slotsUsed(): number {
    return this.slotCount - this.freeCount;
  }

  /** Copies a page into a free slot and returns the slot; the caller checked that one is free. */
  keep(page: Uint8Array): number {
    const slot = this.free[--this.freeCount];
    this.bytes.set(page, slot * PAGE);
    return slot;
  }

  /** The page kept in `slot` (a view, not a copy). */
  page(slot: number): Uint8Array {
    return this.bytes.subarray(slot * PAGE, slot * PAGE + PAGE);
  }

  release(slot: number): void {
    this.free[this.freeCount++] = slot;
  }

  releaseAll(): void {
    // Handed out from slot 0 upwards, as a fresh store is read most easily in a debugger.
    for (let i = 0; i < this.slotCount; i++) this.free[i] = this.slotCount - 1 - i;
    this.freeCount = this.slotCount;
  }
}
