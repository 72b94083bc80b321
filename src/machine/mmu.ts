/**
 * The MMU: a two-level page walk over tables in guest memory, and a flat translation cache (the TLB).
 *
 *   virtual address:  | dir index (10) | table index (10) | offset (12) |
 *   ptbr -> page directory (1024 entries) -> page table (1024 entries) -> 4 KiB frame
 *
 * A directory entry needs only PRESENT; a table entry's PRESENT, WRITABLE, USER and EXECUTABLE bits
 * decide the access. Kernel mode may read any present page, write it if WRITABLE and execute it if
 * EXECUTABLE; user mode needs USER too. Page 0 is never mapped, whatever the tables say, so a null
 * pointer faults in every mode. With ptbr = 0 paging is off: virtual = physical, every access allowed
 * except page 0 and addresses beyond RAM.
 *
 * The TLB has one Int32Array entry per virtual page: the frame's physical address in the high 20 bits
 * and a permission bit per (mode, access) in the low bits, so the CPU's fast path is one load, one AND
 * and one test. Entries are dropped on a ptbr write and whenever a page table changes: frames the walk
 * read tables from are marked, cached entries never grant write access to a marked frame, and a write
 * that reaches one (through the CPU's slow path or a host write) flushes the cache.
 *
 * The same trick keeps dirty-frame tracking (memory.ts) exact without a check in the CPU's store path:
 * an entry grants write access only to a frame already marked dirty; a write that fills an entry marks
 * its frame; and `revokeAllWrites` takes write access out of every cached entry when the marks are cleared.
 */
import { ACCESS, PAGE_SHIFT, PTE, REASON } from "./isa";
import type { PhysicalMemory } from "./memory";

export const TLB_VALID = 1;
/** Permission bits in a TLB entry, by mode then access: bit (1 + access) for kernel, (4 + access) for user. */
export const TLB_KERNEL_READ = 2;
export const TLB_KERNEL_WRITE = 4;
export const TLB_KERNEL_EXEC = 8;
export const TLB_USER_READ = 16;
export const TLB_USER_WRITE = 32;
export const TLB_USER_EXEC = 64;
const FRAME_MASK = ~0xfff;

/** The permission bit the TLB needs for an access in a mode. */
export function tlbPermission(user: boolean, access: number): number {
  return 1 << ((user ? 4 : 1) + access);
}

/** Whether a page-table entry allows an access in a mode (the rule in this file's header). */
export function pteAllows(pte: number, access: number, user: boolean): boolean {
  if ((pte & PTE.PRESENT) === 0) return false;
  if (user && (pte & PTE.USER) === 0) return false;
  if (access === 1) return (pte & PTE.WRITABLE) !== 0;
  if (access === 2) return (pte & PTE.EXECUTABLE) !== 0;
  return true;
}

/** Where the last failed translation failed: the CPU turns it into a page-fault trap. */
export interface TranslationFault {
  address: number;
  access: number;
  reason: number;
}

const FILLED_CAPACITY = 4096;

export class Mmu {
  readonly tlb = new Int32Array(1 << 20);
  /** Physical address of the page directory; 0 = paging off. */
  ptbr = 0;
  readonly fault: TranslationFault = { address: 0, access: 0, reason: 0 };
  /** Counts for the views and the benchmarks. */
  walks = 0;
  flushes = 0;

  private readonly filled = new Int32Array(FILLED_CAPACITY);
  private filledCount = 0;
  private filledOverflow = false;
  private readonly markedFrames: number[] = [];

  constructor(private readonly memory: PhysicalMemory) {
    memory.onPageTableWrite = () => this.flush();
  }

  setPageTableBase(ptbr: number): void {
    this.ptbr = ptbr >>> 0;
    this.flush();
  }

  /** Drops every cached translation (and the page-table frame marks that guarded them). */
  flush(): void {
    this.flushes++;
    if (this.filledOverflow) this.tlb.fill(0);
    else for (let i = 0; i < this.filledCount; i++) this.tlb[this.filled[i]] = 0;
    this.filledCount = 0;
    this.filledOverflow = false;
    for (const frame of this.markedFrames) this.memory.pageTableFrames[frame] = 0;
    this.markedFrames.length = 0;
  }

  /**
   * Translates a virtual address for an access in a mode, filling the TLB. Returns the physical address,
   * or -1 with `fault` describing why.
   */
  translate(address: number, access: number, user: boolean): number {
    address >>>= 0;
    const vpn = address >>> PAGE_SHIFT;
    const entry = this.tlb[vpn];
    const need = tlbPermission(user, access);
    if ((entry & need) !== 0) return (entry & FRAME_MASK) | (address & 0xfff);
    const walked = this.walk(address);
    if (walked < 0) return this.fail(address, access, REASON.NOT_PRESENT);
    const frame = walked & FRAME_MASK;
    const bits = this.permissionBits(walked);
    if ((bits & need) === 0) return this.fail(address, access, REASON.PROTECTION);
    if (access === ACCESS.WRITE) this.memory.markDirty(frame >>> PAGE_SHIFT);
    this.fill(vpn, frame, bits);
    return frame | (address & 0xfff);
  }

  /** Translation without side effects on the TLB or counters: for the kernel and the views. */
  peek(address: number, access: number, user: boolean): number {
    const walked = this.walk(address >>> 0, false);
    if (walked < 0) return -1;
    return (this.permissionBits(walked) & tlbPermission(user, access)) === 0
      ? -1
      : (walked & FRAME_MASK) | (address & 0xfff);
  }

  /**
   * The page walk. Returns the page-table entry (frame | PTE bits), or -1 if not present.
   * With paging off it returns an identity entry with every permission.
   */
  walk(address: number, mark = true): number {
    if (address >>> PAGE_SHIFT === 0) return -1;
    if (this.ptbr === 0) {
      if (address >= this.memory.size) return -1;
      return (address & FRAME_MASK) | PTE.PRESENT | PTE.WRITABLE | PTE.USER | PTE.EXECUTABLE;
    }
    if (mark) this.walks++;
    const dirFrame = this.ptbr & FRAME_MASK;
    if (dirFrame + 4096 > this.memory.size) return -1;
    const pde = this.memory.i32[(dirFrame >> 2) + (address >>> 22)];
    if ((pde & PTE.PRESENT) === 0) return -1;
    const tableFrame = pde & FRAME_MASK;
    if (tableFrame < 0 || tableFrame + 4096 > this.memory.size) return -1;
    const pte = this.memory.i32[(tableFrame >> 2) + ((address >>> PAGE_SHIFT) & 1023)];
    if ((pte & PTE.PRESENT) === 0) return -1;
    const frame = pte & FRAME_MASK;
    if (frame < 0 || frame + 4096 > this.memory.size) return -1;
    if (mark) this.markPageTableFrames(dirFrame >>> PAGE_SHIFT, tableFrame >>> PAGE_SHIFT);
    return pte;
  }

  private permissionBits(pte: number): number {
    let bits = TLB_VALID | TLB_KERNEL_READ;
    if (pte & PTE.WRITABLE) bits |= TLB_KERNEL_WRITE;
    if (pte & PTE.EXECUTABLE) bits |= TLB_KERNEL_EXEC;
    if (pte & PTE.USER) {
      bits |= TLB_USER_READ;
      if (pte & PTE.WRITABLE) bits |= TLB_USER_WRITE;
      if (pte & PTE.EXECUTABLE) bits |= TLB_USER_EXEC;
    }
    return bits;
  }

  private fill(vpn: number, frame: number, bits: number): void {
    // Writes to page tables must take the slow path so the cache can be flushed after them, and the first
    // write to a clean frame must take it so that the frame is marked dirty.
    const index = frame >>> PAGE_SHIFT;
    if (this.memory.pageTableFrames[index] || this.memory.dirtyFrames[index] === 0)
      bits &= ~(TLB_KERNEL_WRITE | TLB_USER_WRITE);
    if (this.tlb[vpn] === 0) {
      if (this.filledCount < FILLED_CAPACITY) this.filled[this.filledCount++] = vpn;
      else this.filledOverflow = true;
    }
    this.tlb[vpn] = frame | bits;
  }

  private markPageTableFrames(directory: number, table: number): void {
    const marks = this.memory.pageTableFrames;
    if (marks[directory] && marks[table]) return;
    // A cached entry may grant write access to a frame that now holds a table: take that away. When the
    // fill list has overflowed, entries cannot be found one by one, so drop them all, and do it before
    // marking: a flush clears every mark, and both frames of this walk must stay marked.
    if (this.filledOverflow) this.flush();
    for (const frame of directory === table ? [directory] : [directory, table]) {
      if (marks[frame]) continue;
      marks[frame] = 1;
      this.markedFrames.push(frame);
      this.revokeWrites(frame << PAGE_SHIFT);
    }
  }

  private revokeWrites(frameAddress: number): void {
    for (let i = 0; i < this.filledCount; i++) {
      const vpn = this.filled[i];
      const entry = this.tlb[vpn];
      if ((entry & FRAME_MASK) === frameAddress) this.tlb[vpn] = entry & ~(TLB_KERNEL_WRITE | TLB_USER_WRITE);
    }
  }

  /** Takes write access out of every cached entry (after the memory's dirty marks were cleared). */
  revokeAllWrites(): void {
    if (this.filledOverflow) {
      this.flush();
      return;
    }
    for (let i = 0; i < this.filledCount; i++) {
      const vpn = this.filled[i];
      this.tlb[vpn] &= ~(TLB_KERNEL_WRITE | TLB_USER_WRITE);
    }
  }

  private fail(address: number, access: number, reason: number): number {
    this.fault.address = address;
    this.fault.access = access;
    this.fault.reason = reason;
    return -1;
  }
}
