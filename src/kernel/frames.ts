/**
 * Physical frame allocation, with an owner per frame so the memory map view can colour every page.
 * This bookkeeping is the kernel's own (host side): a guest cannot reach it, only the frames themselves.
 */
import { PAGE_SIZE } from "../machine/isa";
import type { PhysicalMemory } from "../machine/memory";

/** Who a frame belongs to: "kernel", "pool", "free", or a process / driver id like "pid 3". */
export type FrameOwner = string;

export class FrameAllocator {
  readonly owners: FrameOwner[];
  private readonly free: number[] = [];

  constructor(
    private readonly memory: PhysicalMemory,
    firstFree: number,
  ) {
    const frames = memory.size / PAGE_SIZE;
    this.owners = new Array<FrameOwner>(frames).fill("kernel");
    // Hand out low frames first so runs are easy to read in the memory map.
    for (let f = frames - 1; f >= firstFree; f--) {
      this.free.push(f);
      this.owners[f] = "free";
    }
  }

  get freeCount(): number {
    return this.free.length;
  }

  /** A zeroed frame's physical address, or -1 when memory is exhausted. */
  allocate(owner: FrameOwner): number {
    const frame = this.free.pop();
    if (frame === undefined) return -1;
    this.owners[frame] = owner;
    const address = frame * PAGE_SIZE;
    this.memory.u8.fill(0, address, address + PAGE_SIZE);
    return address;
  }

  release(address: number): void {
    const frame = Math.floor(address / PAGE_SIZE);
    if (this.owners[frame] === "free" || this.owners[frame] === undefined) return;
    this.owners[frame] = "free";
    this.free.push(frame);
  }

  /** Releases every frame of an owner (a process that ended, a driver unloaded). */
  releaseAll(owner: FrameOwner): void {
    for (let f = 0; f < this.owners.length; f++) if (this.owners[f] === owner) this.release(f * PAGE_SIZE);
  }
}
