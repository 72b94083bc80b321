/**
 * Physical memory: one ArrayBuffer seen as bytes, halfwords and words (the machine is little-endian,
 * and so is every host that runs Ringlab, so the typed-array views read guest words directly).
 *
 * Host-side accessors (used by devices doing DMA, by the kernel and by tests) bounds-check every
 * access and never throw: reads outside RAM give 0, writes outside RAM are dropped. They also tell the
 * MMU when a write lands on a frame that holds a page table, so cached translations stay correct.
 *
 * Every write is also noted as dirtying its frame, for time travel's checkpoints (src/kernel/history.ts),
 * which store only the frames written since the last checkpoint. The CPU's stores reach memory through
 * the TLB without a call, so the MMU keeps that fast path honest instead: it caches write permission
 * only for frames already dirty, and the first store to a clean frame takes the slow path, which marks
 * it (mmu.ts). Until someone takes the dirty frames, every frame soon stays dirty and nothing is slower.
 */
import { PAGE_SHIFT, PAGE_SIZE } from "./isa";

export const DEFAULT_MEMORY_BYTES = 1 << 20;
export const MAX_MEMORY_BYTES = 16 << 20;

export class PhysicalMemory {
  readonly size: number;
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly i32: Int32Array;
  /** Frames that page walks have read page-table entries from since the last TLB flush. */
  readonly pageTableFrames: Uint8Array;
  /** Set by the MMU: called when a host write touches a page-table frame. */
  onPageTableWrite: () => void = () => {};
  /** 1 for each frame written since the last `takeDirty` (see the header). */
  readonly dirtyFrames: Uint8Array;
  private dirtyList: number[] = [];

  constructor(size: number) {
    this.size = size;
    const buffer = new ArrayBuffer(size);
    this.u8 = new Uint8Array(buffer);
    this.u16 = new Uint16Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.pageTableFrames = new Uint8Array(size / PAGE_SIZE);
    this.dirtyFrames = new Uint8Array(size / PAGE_SIZE);
    this.markAllDirty();
  }

  get frameCount(): number {
    return this.dirtyFrames.length;
  }

  markDirty(frame: number): void {
    if (this.dirtyFrames[frame] === 0) {
      this.dirtyFrames[frame] = 1;
      this.dirtyList.push(frame);
    }
  }

  markAllDirty(): void {
    for (let frame = 0; frame < this.dirtyFrames.length; frame++) this.markDirty(frame);
  }

  /** The frames written since the last `takeDirty`, in the order first written, leaving them marked. */
  writtenFrames(): readonly number[] {
    return this.dirtyList;
  }

  /**
   * The frames written since the last call, in the order first written; all are clean afterwards. The
   * caller must also take write permission out of the TLB (Mmu.revokeAllWrites), or a cached entry would
   * let the next store to a now-clean frame go unnoted.
   */
  takeDirty(): number[] {
    const list = this.dirtyList;
    for (const frame of list) this.dirtyFrames[frame] = 0;
    this.dirtyList = [];
    return list;
  }

  /** Zeroes `length` bytes from `address` (within RAM), noting the write like any other. */
  zero(address: number, length: number): void {
    const start = Math.max(0, address);
    const end = Math.min(this.size, address + length);
    if (end <= start) return;
    this.u8.fill(0, start, end);
    this.noteWrite(start, end - start);
  }

  contains(address: number, length = 1): boolean {
    return address >= 0 && length >= 0 && address + length <= this.size;
  }

  read8(address: number): number {
    return this.contains(address) ? this.u8[address] : 0;
  }

  read32(address: number): number {
    if (!this.contains(address, 4)) return 0;
    if ((address & 3) === 0) return this.i32[address >> 2];
    const b = this.u8;
    return b[address] | (b[address + 1] << 8) | (b[address + 2] << 16) | (b[address + 3] << 24);
  }

  write8(address: number, value: number): void {
    if (!this.contains(address)) return;
    this.u8[address] = value;
    this.noteWrite(address, 1);
  }

  write32(address: number, value: number): void {
    if (!this.contains(address, 4)) return;
    if ((address & 3) === 0) this.i32[address >> 2] = value;
    else for (let i = 0; i < 4; i++) this.u8[address + i] = value >>> (8 * i);
    this.noteWrite(address, 4);
  }

  readBytes(address: number, length: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, length));
    for (let i = 0; i < out.length; i++) out[i] = this.read8(address + i);
    return out;
  }

  writeBytes(address: number, bytes: ArrayLike<number>): void {
    if (this.contains(address, bytes.length)) this.u8.set(bytes, address);
    else
      for (let i = 0; i < bytes.length; i++) if (this.contains(address + i)) this.u8[address + i] = bytes[i];
    this.noteWrite(address, bytes.length);
  }

  /** A NUL-terminated string at a physical address, at most `max` bytes. */
  readCString(address: number, max = 256): string {
    let text = "";
    for (let i = 0; i < max; i++) {
      const c = this.read8(address + i);
      if (c === 0) break;
      text += String.fromCharCode(c);
    }
    return text;
  }

  private noteWrite(address: number, length: number): void {
    if (length <= 0) return;
    const first = Math.max(0, address) >>> PAGE_SHIFT;
    const last = Math.min(this.size - 1, address + length - 1) >>> PAGE_SHIFT;
    let tables = false;
    for (let frame = first; frame <= last; frame++) {
      this.markDirty(frame);
      if (this.pageTableFrames[frame]) tables = true;
    }
    if (tables) this.onPageTableWrite();
  }
}
