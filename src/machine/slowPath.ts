/**
 * The CPU's slow paths: TLB misses, unaligned accesses, accesses that straddle two pages, and writes to
 * page tables. A failed translation sets `machine.faulted`, and the MMU's `fault` says where and why.
 */
import { ACCESS } from "./isa";
import type { Machine } from "./machine";

/** Physical address of an instruction fetch, or -1 (unaligned pc, or a fault recorded in the MMU). */
export function fetchSlow(m: Machine, address: number, user: boolean): number {
  if ((address & 3) !== 0) return -1;
  return m.mmu.translate(address, ACCESS.EXECUTE, user);
}

/** Translates every page an access of `size` bytes touches; the physical address of each byte. */
function translateBytes(
  m: Machine,
  address: number,
  size: number,
  access: number,
  user: boolean,
): number[] | undefined {
  const first = m.mmu.translate(address, access, user);
  if (first < 0) return undefined;
  const lastByte = (address + size - 1) >>> 0;
  if (lastByte >>> 12 === address >>> 12) {
    const out = new Array<number>(size);
    for (let i = 0; i < size; i++) out[i] = first + i;
    return out;
  }
  const second = m.mmu.translate(lastByte & ~0xfff, access, user);
  if (second < 0) return undefined;
  const out = new Array<number>(size);
  for (let i = 0; i < size; i++) {
    const byteAddress = (address + i) >>> 0;
    out[i] = byteAddress >>> 12 === address >>> 12 ? first + i : second + (byteAddress & 0xfff);
  }
  return out;
}

/** A little-endian load of 1, 2 or 4 bytes; 0 with `machine.faulted` set if it faults. */
export function loadSlow(m: Machine, address: number, size: number, user: boolean): number {
  const bytes = translateBytes(m, address, size, ACCESS.READ, user);
  if (bytes === undefined) {
    m.faulted = true;
    return 0;
  }
  let value = 0;
  for (let i = 0; i < size; i++) value |= m.memory.u8[bytes[i]] << (8 * i);
  return value;
}

/** A little-endian store; sets `machine.faulted` and writes nothing if any byte would fault. */
export function storeSlow(m: Machine, address: number, size: number, value: number, user: boolean): void {
  const bytes = translateBytes(m, address, size, ACCESS.WRITE, user);
  if (bytes === undefined) {
    m.faulted = true;
    return;
  }
  // Through the memory's checked writer: a write that lands on a page table flushes the TLB.
  for (let i = 0; i < size; i++) m.memory.write8(bytes[i], value >>> (8 * i));
}
