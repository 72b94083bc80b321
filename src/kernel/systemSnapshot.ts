/**
 * The whole system as one value: the machine (memory, CPU, devices, the disk, pending console output),
 * the kernel's record and the journal of inputs, taken together and put back together, into the same
 * kernel and machine. Snapshot, restore and run give exactly the run that was never interrupted, across
 * traps, driver restarts and reboots (test/kernel/systemSnapshot.property.test.ts).
 *
 * What never changes once made is shared, not copied: the disk's files (replaced whole on every write),
 * the log's events (frozen when recorded), program images (built once, then only read), the crash dump,
 * the journal's entries and the sensor events in drivers' queues (the event source's own objects, never
 * changed in place). The rest of the kernel's record is one deep copy of plain data (Maps, arrays,
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
  const copy = copyExcept(record, RECORD_SHARED) as unknown as KernelRecord;
  copy.processes = new Map();
  for (const [pid, p] of record.processes) copy.processes.set(pid, copyExcept(p, PROCESS_SHARED) as Process);
  copy.drivers = new Map();
  for (const [name, d] of record.drivers) {
    const driver = copyExcept(d, DRIVER_SHARED) as DriverRecord;
    driver.queue = d.queue.slice();
    copy.drivers.set(name, driver);
  }
  const { log } = record;
  copy.log = { ...log, events: log.events.slice(), lines: log.lines.slice() };
  return copy;
}

// Fields copied by reference (immutable, or replaced just after: see copyRecord).
const RECORD_SHARED = new Set(["log", "crashDump", "processes", "drivers"]);
const PROCESS_SHARED = new Set(["image"]);
const DRIVER_SHARED = new Set(["loadedImage", "queue"]);

/** A deep copy of an object's fields, but those named in `shared`, which the copy shares. */
function copyExcept<T extends object>(value: T, shared: ReadonlySet<string>): T {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    copy[key] = shared.has(key) ? item : deepCopy(item);
  }
  return copy as T;
}

/** A deep copy of plain data: primitives, arrays, Maps, Sets, typed arrays and plain objects. */
function deepCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    // Most of the record's arrays hold numbers only (frame owners, free lists): one slice copies them.
    for (const item of value) if (typeof item === "object" && item !== null) return value.map(deepCopy) as T;
    return value.slice() as T;
  }
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
