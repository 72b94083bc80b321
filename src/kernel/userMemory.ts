/**
 * The kernel's access to memory on behalf of a caller, through the caller's page tables and with the
 * caller's rights: a user pointer must point into the caller's own user pages, so a bad pointer from
 * user mode gets an error code and never touches the kernel (copyin/copyout, as in xv6). A kernel-mode
 * caller is trusted the way real kernels trust drivers: its pointers are used as they are, and a bad
 * one faults in the kernel.
 */
import { ACCESS, PAGE_SIZE } from "../machine/isa";
import type { PhysicalMemory } from "../machine/memory";
import { pteAllows } from "../machine/mmu";
import { readPte } from "../machine/pageTables";
import { err, ok, type Result } from "../shared/result";

export interface Accessor {
  memory: PhysicalMemory;
  directory: number;
  /** Whether the caller runs in user mode (then only USER pages are reachable). */
  user: boolean;
}

/** Where an access failed: the first address that could not be reached. */
export interface AccessFault {
  address: number;
  access: number;
}

/** Physical address of a virtual one for the caller, or -1. Page 0 is never reachable. */
export function translateFor(a: Accessor, address: number, access: number): number {
  address >>>= 0;
  if (address < PAGE_SIZE) return -1;
  const pte = readPte(a.memory, a.directory, address);
  if (!pteAllows(pte, access, a.user)) return -1;
  const frame = pte & ~(PAGE_SIZE - 1);
  if (frame + PAGE_SIZE > a.memory.size) return -1;
  return frame | (address & (PAGE_SIZE - 1));
}

/** A value read or written for a caller, or where the caller's pointer failed. */
export type Access<T> = Result<T, AccessFault>;

const fault = (address: number, access: number): { ok: false; error: AccessFault } =>
  err({ address, access });

export function copyIn(a: Accessor, address: number, length: number): Access<Uint8Array> {
  const out = new Uint8Array(Math.max(0, length));
  for (let i = 0; i < out.length; ) {
    const va = (address + i) >>> 0;
    const pa = translateFor(a, va, ACCESS.READ);
    if (pa < 0) return fault(va, ACCESS.READ);
    const n = Math.min(out.length - i, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
    out.set(a.memory.u8.subarray(pa, pa + n), i);
    i += n;
  }
  return ok(out);
}

export function copyOut(a: Accessor, address: number, bytes: Uint8Array): Access<void> {
  // Check every page first, so a failed copy writes nothing.
  for (let i = 0; i < bytes.length; ) {
    const va = (address + i) >>> 0;
    if (translateFor(a, va, ACCESS.WRITE) < 0) return fault(va, ACCESS.WRITE);
    i += PAGE_SIZE - (va & (PAGE_SIZE - 1));
  }
  for (let i = 0; i < bytes.length; ) {
    const va = (address + i) >>> 0;
    const pa = translateFor(a, va, ACCESS.WRITE);
    const n = Math.min(bytes.length - i, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
    a.memory.writeBytes(pa, bytes.subarray(i, i + n));
    i += n;
  }
  return ok(undefined);
}

/** A NUL-terminated string of at most `max` bytes; cut at `max` if no NUL comes first. */
export function readString(a: Accessor, address: number, max: number): Access<string> {
  let text = "";
  for (let i = 0; i < max; i++) {
    const va = (address + i) >>> 0;
    const pa = translateFor(a, va, ACCESS.READ);
    if (pa < 0) return fault(va, ACCESS.READ);
    const c = a.memory.u8[pa];
    if (c === 0) return ok(text);
    text += String.fromCharCode(c);
  }
  return ok(text);
}

export function read32(a: Accessor, address: number): Access<number> {
  const bytes = copyIn(a, address, 4);
  if (!bytes.ok) return bytes;
  const b = bytes.value;
  return ok(b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24));
}
