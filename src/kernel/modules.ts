/**
 * Who owns an address or a process: the driver a process hosts, the kernel-mode driver whose image
 * holds a pc, the C line an address came from. The bluescreen's "What failed" and "Where" come from here.
 */
import { CR } from "../machine/isa";
import { readPte } from "../machine/pageTables";
import type { DriverRecord } from "./drivers";
import type { Kernel } from "./kernel";
import { type Process, ringOf } from "./process";

/** The driver a process hosts, if it is that driver's current process. */
export function driverOf(k: Kernel, process: Process): DriverRecord | undefined {
  const record = process.driver ? k.record.drivers.get(process.driver) : undefined;
  return record && record.pid === process.pid ? record : undefined;
}

/** The module a process's code belongs to, for "What failed". */
export function moduleName(process: Process): string | null {
  return process.driver ?? (process.ring === "kernel" ? process.name : null);
}

/** The kernel-mode driver whose image contains an address (null if none does). */
export function moduleAt(k: Kernel, address: number): string | null {
  for (const record of k.record.drivers.values()) {
    const image = record.loadedImage;
    if (ringOf(record.mode) !== "kernel" || !image || record.state === "unloaded") continue;
    const end = image.sections.reduce((e, s) => Math.max(e, s.start + s.size), image.base);
    if (address >= image.base && address < end) return record.name;
  }
  return null;
}

/** Where an address is in a process's source, when the source map knows it. */
export interface SourceLocation {
  file: string;
  line: number;
  func: string | null;
}

export function sourceLocation(process: Process, address: number): SourceLocation | undefined {
  const map = process.image.sourceMap;
  let found: (typeof map)[number] | undefined;
  for (const entry of map) {
    if (entry.address > address) break;
    found = entry;
  }
  if (!found || address - found.address > 64) return undefined;
  return { file: found.file, line: found.line, func: found.func ?? null };
}

/** "sensor.c:42 in match" for an address in a process's image, when the source map knows it. */
export function sourceOf(process: Process, address: number): string | undefined {
  const where = sourceLocation(process, address);
  return where ? formatLocation(where) : undefined;
}

export function formatLocation(where: SourceLocation): string {
  return `${where.file.split("/").pop()}:${where.line}${where.func ? ` in ${where.func}` : ""}`;
}

/** The page-table entry behind an address in the current address space (0 if none). */
export function pteOf(k: Kernel, address: number): number {
  return readPte(k.machine.memory, k.machine.cpu.cr[CR.PTBR] >>> 0, address) >>> 0;
}
