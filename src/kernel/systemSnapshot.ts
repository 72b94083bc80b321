/**
 * The whole system as one value: the machine (memory, CPU, devices, the disk, pending console output),
 * the kernel's record and the journal of inputs, taken together and put back together, into the same
 * kernel and machine. Snapshot, restore and run give exactly the run that was never interrupted, across
 * traps, driver restarts and reboots (test/kernel/systemSnapshot.property.test.ts).
 *
 * What never changes once made is shared, not copied: the disk's files (replaced whole on every write),
 * the log's events (frozen when recorded), program images (built once, then only read), the crash dump
 * and the journal's entries. The rest of the kernel's record is one structured clone.
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
function copyRecord(record: KernelRecord): KernelRecord {
  const { log, crashDump } = record;
  const withoutImages = {
    ...record,
    log: undefined,
    crashDump: undefined,
    processes: new Map([...record.processes].map(([pid, p]) => [pid, { ...p, image: undefined }])),
    drivers: new Map([...record.drivers].map(([name, d]) => [name, { ...d, loadedImage: undefined }])),
  };
  const copy = structuredClone(withoutImages) as unknown as KernelRecord;
  for (const [pid, p] of record.processes) (copy.processes.get(pid) as Process).image = p.image;
  for (const [name, d] of record.drivers)
    (copy.drivers.get(name) as DriverRecord).loadedImage = d.loadedImage;
  copy.crashDump = crashDump;
  copy.log = { ...log, events: log.events.slice(), lines: log.lines.slice() };
  return copy;
}
