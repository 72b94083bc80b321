/**
 * The memory map as data: who owns every physical page, and each address space's regions with their
 * permissions. The shell's `mem` prints it; the app draws it as a picture.
 */

import { PAGE_SIZE, PTE } from "../machine/isa";
import { readPte } from "../machine/pageTables";
import { hex } from "../shared/bits";
import type { Kernel } from "./kernel";
import {
  FRAME_DATA,
  FRAME_DIRECTORY,
  FRAME_TEXT,
  KERNEL_STACK_BYTES,
  KERNEL_STACK_SLOT,
  POOL_FIRST_FRAME,
  POOL_FRAMES,
  STACK_REGION,
  USER_STACK_BYTES,
  USER_STACK_TOP,
} from "./layout";

export interface FrameInfo {
  /** Owner key: "kernel", "pool", "free", "pid 3", "driver sensor.sys". */
  owner: string;
  /** What to call it: "kernel text", "bank (pid 3)". */
  label: string;
  /** Permissions of the page in its owner's address space, like "rw-", when known. */
  permissions: string;
  ring: "kernel" | "user" | "none";
}

export interface Region {
  owner: string;
  start: string;
  end: string;
  permissions: string;
  what: string;
}

export interface MemoryMap {
  frames: FrameInfo[];
  free: number;
  regions: Region[];
}

function permissions(pte: number): string {
  return `r${pte & PTE.WRITABLE ? "w" : "-"}${pte & PTE.EXECUTABLE ? "x" : "-"}`;
}

export function memoryMap(k: Kernel): MemoryMap {
  const owners = k.frames?.owners ?? [];
  const labels = new Map<string, string>();
  for (const p of k.processes.values()) labels.set(p.owner, `${p.name} (pid ${p.pid})`);
  const frames: FrameInfo[] = owners.map((owner, frame) => {
    if (frame >= POOL_FIRST_FRAME && frame < POOL_FIRST_FRAME + POOL_FRAMES)
      return { owner: "pool", label: "kernel pool", permissions: "rw-", ring: "kernel" };
    if (owner === "free") return { owner, label: "free", permissions: "", ring: "none" };
    if (owner === "kernel") {
      const label =
        frame === FRAME_TEXT
          ? "kernel text"
          : frame === FRAME_DATA
            ? "kernel data"
            : frame === FRAME_DIRECTORY
              ? "kernel page directory"
              : "kernel";
      return { owner, label, permissions: frame === FRAME_TEXT ? "r-x" : "rw-", ring: "kernel" };
    }
    const isDriver = owner.startsWith("driver ");
    return {
      owner,
      label: labels.get(owner) ?? owner.replace(/^driver /, ""),
      permissions: "",
      ring: isDriver ? "kernel" : "user",
    };
  });
  const regions: Region[] = [];
  for (const p of k.processes.values()) {
    for (const section of p.image.sections) {
      if (section.size === 0) continue;
      const pte = readPte(k.machine.memory, p.directory, section.start);
      regions.push({
        owner: `${p.name} (pid ${p.pid})`,
        start: hex(section.start),
        end: hex(section.start + section.size - 1),
        permissions: `${permissions(pte)} ${pte & PTE.USER ? "user" : "kernel"}`,
        what: section.name,
      });
      // Mark the frames with their permissions, for the picture.
      for (let offset = 0; offset < section.size; offset += PAGE_SIZE) {
        const entry = readPte(k.machine.memory, p.directory, section.start + offset);
        const frame = entry >>> 12;
        if (entry & PTE.PRESENT && frames[frame]) frames[frame].permissions = permissions(entry);
      }
    }
  }
  for (const p of k.processes.values()) {
    const owner = `${p.name} (pid ${p.pid})`;
    if (p.ring === "user") {
      regions.push({
        owner,
        start: hex(USER_STACK_TOP - USER_STACK_BYTES),
        end: hex(USER_STACK_TOP - 1),
        permissions: "rw- user",
        what: "stack",
      });
      if (p.heap)
        regions.push({
          owner,
          start: hex(p.heap.base),
          end: hex(p.heap.end - 1),
          permissions: "rw- user",
          what: "heap",
        });
    } else if (p.stackSlot !== undefined) {
      const bottom = STACK_REGION + p.stackSlot * KERNEL_STACK_SLOT + PAGE_SIZE;
      regions.push({
        owner,
        start: hex(bottom),
        end: hex(bottom + KERNEL_STACK_BYTES - 1),
        permissions: "rw- kernel",
        what: "kernel stack",
      });
    }
  }
  return { frames, free: frames.filter((f) => f.owner === "free").length, regions };
}
