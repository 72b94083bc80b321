/**
 * Filling address spaces with fresh frames: an image's sections (with their contents and
 * permissions), stacks, heaps. Programs, user-mode drivers and kernel-mode drivers all load through
 * here; only the directory and the USER bit differ.
 */
import { PAGE_SIZE, PTE } from "../machine/isa";
import { mapPage } from "../machine/pageTables";
import type { Image } from "../toolchain/image";
import type { Kernel } from "./kernel";

/** Maps fresh zeroed frames owned by `owner` over [start, end); false when memory runs out. */
export function mapFresh(
  k: Kernel,
  directory: number,
  start: number,
  end: number,
  flags: number,
  owner: string,
): boolean {
  const allocate = () => k.frames.allocate(owner);
  for (let va = start; va < end; va += PAGE_SIZE) {
    const frame = allocate();
    if (frame < 0 || !mapPage(k.machine.memory, directory, va, frame, flags, allocate)) return false;
  }
  return true;
}

/**
 * Maps every section of an image at its linked address with its permissions (USER too if `user`),
 * copying its bytes; bss stays zero. False when memory runs out.
 */
export function mapImage(k: Kernel, directory: number, image: Image, user: boolean, owner: string): boolean {
  const memory = k.machine.memory;
  const allocate = () => k.frames.allocate(owner);
  for (const section of image.sections) {
    const flags =
      (user ? PTE.USER : 0) |
      (section.writable ? PTE.WRITABLE : 0) |
      (section.executable ? PTE.EXECUTABLE : 0);
    for (let offset = 0; offset < section.size; offset += PAGE_SIZE) {
      const frame = allocate();
      if (frame < 0 || !mapPage(memory, directory, section.start + offset, frame, flags, allocate))
        return false;
      if (section.name !== "bss") {
        const from = section.start + offset - image.base;
        memory.writeBytes(frame, image.bytes.subarray(from, Math.min(from + PAGE_SIZE, image.bytes.length)));
      }
    }
  }
  return true;
}
