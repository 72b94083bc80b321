/**
 * The whole system as one value: the machine (memory, CPU, devices, the disk, pending console output),
 * the kernel's record and the journal of inputs, taken together and put back together, into the same
 * kernel and machine. Snapshot, restore and run give exactly the run that was never interrupted, across
 * traps, driver restarts and reboots (test/kernel/systemSnapshot.property.test.ts).
 *
 * What never changes once made is shared, not copied: the disk's files (replaced whole on every write),
 * the log's events (frozen when recorded), program images (built once, then only read), the crash dump
 * and the journal's entries. The rest of the kernel's record is one deep copy of plain data (Maps, arrays,
 * typed arrays, plain objects: what a structured clone copies), done by hand because time travel takes
 * one at every checkpoint and a structured clone measured about 8 times slower.
 */
import { type MachineSnapshot, restoreInto, snapshot } from "../machine/snapshot";
import type { DriverRecord } from "./drivers";
import type { JournalEntry } from "./inputs";
import type { Kernel } from "./kernel";
import type { KernelRecord } from "./kernelState";
import type { Process } from "./process";

export interface SystemSnapshot {
  machine: MachineSnapshot;
  kernel: KernelRecord;
  journal: JournalEntry[];
}

export function snapshotSystem(k: Kernel): SystemSnapshot {
  return { machine: snapshot(k.machine), kernel: copyRecord(k.record), journal: k.journal.slice() };
}

/** Puts the kernel and its machine back exactly as they were when the snapshot was taken. */
export function restoreSystem(k: Kernel, s: SystemSnapshot): void {
  restoreInto(k.machine, s.machine);
  k.record = copyRecord(s.kernel);
  k.journal = s.journal.slice();
}

/** A copy that shares nothing mutable with the original (and shares what is immutable). */
export function copyRecord(record: KernelRecord): KernelRecord {
  const { log, crashDump } = record;
  const withoutImages = {
    ...record,
    log: undefined,
    crashDump: undefined,
    processes: new Map([...record.processes].map(([pid, p]) => [pid, { ...p, image: undefined }])),
    drivers: new Map([...record.drivers].map(([name, d]) => [name, { ...d, loadedImage: undefined }])),
  };
  const copy = deepCopy(withoutImages) as unknown as KernelRecord;
  for (const [pid, p] of record.processes) (copy.processes.get(pid) as Process).image = p.image;
  for (const [name, d] of record.drivers)
    (copy.drivers.get(name) as DriverRecord).loadedImage = d.loadedImage;
  copy.crashDump = crashDump;
  copy.log = { ...log, events: log.events.slice(), lines: log.lines.slice() };
  return copy;
}

/** A deep copy of plain data: primitives, arrays, Maps, Sets, typed arrays and plain objects. */
function deepCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(deepCopy) as T;
  if (value instanceof Map) {
    const map = new Map();
    for (const [key, item] of value) map.set(key, deepCopy(item));
    return map as T;
  }
  if (value instanceof Set) return new Set([...value].map(deepCopy)) as T;
  if (ArrayBuffer.isView(value)) return (value as unknown as Uint8Array).slice() as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = deepCopy((value as Record<string, unknown>)[key]);
  return copy as T;
}
