/**
 * Physical frame allocation, with an owner per frame so the memory map view can colour every page.
 * This bookkeeping is the kernel's own (host side, in its record): a guest cannot reach it, only the
 * frames themselves.
 */
import { PAGE_SIZE } from "../machine/isa";
import type { PhysicalMemory } from "../machine/memory";

/** Who a frame belongs to: "kernel", "pool", "free", or a process / driver id like "pid 3". */
export type FrameOwner = string;

/** The frame table as the kernel's record keeps it: plain arrays. */
export interface FrameTable {
  owners: FrameOwner[];
  /** Free frame numbers; the last is handed out next. */
  free: number[];
}

export function newFrameTable(frames: number, firstFree: number): FrameTable {
  const owners = new Array<FrameOwner>(frames).fill("kernel");
  const free: number[] = [];
  // Hand out low frames first so runs are easy to read in the memory map.
  for (let f = frames - 1; f >= firstFree; f--) {
    free.push(f);
    owners[f] = "free";
  }
  return { owners, free };
}

/** Works on a frame table and the memory it describes. */
export class FrameAllocator {
  constructor(
    private readonly memory: PhysicalMemory,
    readonly table: FrameTable,
  ) {}

  get owners(): readonly FrameOwner[] {
    return this.table.owners;
  }

  get freeCount(): number {
    return this.table.free.length;
  }

  /** A zeroed frame's physical address, or -1 when memory is exhausted. */
  allocate(owner: FrameOwner): number {
    const frame = this.table.free.pop();
    if (frame === undefined) return -1;
    this.table.owners[frame] = owner;
    const address = frame * PAGE_SIZE;
    this.memory.zero(address, PAGE_SIZE);
    return address;
  }

  release(address: number): void {
    const frame = Math.floor(address / PAGE_SIZE);
    const owners = this.table.owners;
    if (owners[frame] === "free" || owners[frame] === undefined) return;
    owners[frame] = "free";
    this.table.free.push(frame);
  }

  /** Releases every frame of an owner (a process that ended, a driver unloaded). */
  releaseAll(owner: FrameOwner): void {
    const owners = this.table.owners;
    for (let f = 0; f < owners.length; f++) if (owners[f] === owner) this.release(f * PAGE_SIZE);
  }
}
