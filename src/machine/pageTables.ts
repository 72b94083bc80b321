/**
 * Writing page tables in the MMU's format (see mmu.ts): the kernel builds address spaces with these,
 * and tests and benchmarks build small ones. Tables live in guest memory; every write goes through the
 * memory's checked writer so the TLB stays correct.
 */
import { PAGE_SHIFT, PAGE_SIZE, PTE } from "./isa";
import type { PhysicalMemory } from "./memory";

/** Hands out zeroed physical frames; returns -1 when memory is exhausted. */
export type FrameAllocator = () => number;

/**
 * Maps the page containing `virtualAddress` to the frame at `physicalAddress` with the given PTE
 * flags (PRESENT is implied). Allocates the page table if the directory has none. False if no frame
 * could be had for a page table.
 */
export function mapPage(
  memory: PhysicalMemory,
  directory: number,
  virtualAddress: number,
  physicalAddress: number,
  flags: number,
  allocate: FrameAllocator,
): boolean {
  const dirEntryAddress = directory + (virtualAddress >>> 22) * 4;
  let pde = memory.read32(dirEntryAddress);
  if ((pde & PTE.PRESENT) === 0) {
    const table = allocate();
    if (table < 0) return false;
    pde = table | PTE.PRESENT;
    memory.write32(dirEntryAddress, pde);
  }
  const table = pde & ~(PAGE_SIZE - 1);
  const pteAddress = table + ((virtualAddress >>> PAGE_SHIFT) & 1023) * 4;
  memory.write32(pteAddress, (physicalAddress & ~(PAGE_SIZE - 1)) | flags | PTE.PRESENT);
  return true;
}

/** Removes the mapping of one page (the table itself stays). */
export function unmapPage(memory: PhysicalMemory, directory: number, virtualAddress: number): void {
  const pde = memory.read32(directory + (virtualAddress >>> 22) * 4);
  if ((pde & PTE.PRESENT) === 0) return;
  const table = pde & ~(PAGE_SIZE - 1);
  memory.write32(table + ((virtualAddress >>> PAGE_SHIFT) & 1023) * 4, 0);
}

/** The page-table entry for a virtual address (0 when there is none). */
export function readPte(memory: PhysicalMemory, directory: number, virtualAddress: number): number {
  const pde = memory.read32(directory + (virtualAddress >>> 22) * 4);
  if ((pde & PTE.PRESENT) === 0) return 0;
  return memory.read32((pde & ~(PAGE_SIZE - 1)) + ((virtualAddress >>> PAGE_SHIFT) & 1023) * 4);
}

/** A bump allocator over a range of frames, zeroing each frame it hands out. */
export function bumpAllocator(memory: PhysicalMemory, first: number, limit: number): FrameAllocator {
  let next = first;
  return () => {
    if (next + PAGE_SIZE > limit) return -1;
    const frame = next;
    next += PAGE_SIZE;
    memory.zero(frame, PAGE_SIZE);
    return frame;
  };
}
