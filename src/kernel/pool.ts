/**
 * The kernel pool: kernel-mode drivers' malloc and the kernel's own objects, in one heap whose block
 * headers live in guest memory (guestHeap.ts). A corrupt header found on the way is a BAD_POOL_HEADER
 * bugcheck, wherever the allocation came from: this is how a pool overrun crashes the machine later,
 * in code that did nothing wrong.
 */
import { hex } from "../shared/bits";
import { bugcheck } from "./bugcheck";
import type { HeapCorruption } from "./guestHeap";
import type { Kernel } from "./kernel";

/** Allocates from the kernel pool; 0 when the pool is exhausted or the machine stopped. */
export function poolAlloc(k: Kernel, bytes: number, tag: string): number {
  const allocated = k.pool.alloc(bytes, tag);
  if (allocated.ok) return allocated.value;
  badPoolHeader(k, allocated.corruption);
  return 0;
}

/**
 * Frees a pool block. A corrupt header on the way is BAD_POOL_HEADER; freeing what is not a block in
 * use (twice, or an address the pool never handed out) is BAD_POOL_CALLER, as on Windows: the kernel
 * cannot trust a caller that frees what it does not own.
 */
export function poolFree(
  k: Kernel,
  address: number,
  module: string | null = null,
  call: PoolCall = "free",
): void {
  const freed = k.pool.free(address);
  if (!freed.ok) {
    badPoolHeader(k, freed.corruption);
    return;
  }
  if (!freed.value) badPoolCaller(k, address, module, call);
}

/**
 * Resizes a pool block with C's realloc semantics: realloc(0, n) is malloc(n); realloc(p, 0) frees p
 * and gives 0; a block that cannot grow where it is moves, contents and tag with it; 0 when the pool
 * has no room (the block is left as it was). Resizing what is not a block in use is BAD_POOL_CALLER,
 * as freeing it is. `copied`: the bytes moved, which the caller's clock pays for.
 */
export function poolRealloc(
  k: Kernel,
  address: number,
  bytes: number,
  tag: string,
  module: string | null,
): { address: number; copied: number } {
  const none = { address: 0, copied: 0 };
  if (address === 0) return { address: poolAlloc(k, bytes, tag), copied: 0 };
  if (bytes === 0) {
    poolFree(k, address, module, "realloc");
    return none;
  }
  const resized = k.pool.realloc(address, bytes);
  if (!resized.ok) {
    badPoolHeader(k, resized.corruption);
    return none;
  }
  if (resized.value === undefined) {
    badPoolCaller(k, address, module, "realloc");
    return none;
  }
  return resized.value;
}

type PoolCall = "free" | "realloc";

function badPoolCaller(k: Kernel, address: number, module: string | null, call: PoolCall): void {
  const inPool = address - 16 >= k.pool.base && address - 16 < k.pool.base + k.pool.size;
  bugcheck(k, "BAD_POOL_CALLER", [inPool ? 7 : 0x46, address, 0, 0], {
    module,
    message: inPool
      ? `${call}(${hex(address, 1)}): the pool block is not in use (freed twice?)`
      : `${call}(${hex(address, 1)}): the address is not a kernel pool block`,
  });
}

function badPoolHeader(k: Kernel, c: HeapCorruption): void {
  const culprit = c.previousTag ? ` (the block before it is tagged '${c.previousTag}')` : "";
  // 0x20: one of Windows' codes for a corrupt block header (3 would mean a corrupt free list).
  bugcheck(k, "BAD_POOL_HEADER", [0x20, c.header, c.found, c.previous ?? 0], {
    module: null,
    message: `a kernel pool block header at ${hex(c.header)} is corrupt${culprit}`,
  });
}
