/**
 * What the workload programs say about the damage: the bank keeps `applied` and `saved` counters in
 * its globals, and the kernel reads them through the bank's symbol table, as a debugger would.
 */
import type { Kernel } from "./kernel";
import type { Process } from "./process";
import { isFault, read32 } from "./userMemory";

function readGlobal(k: Kernel, process: Process, name: string): number | undefined {
  const symbol = process.image.symbols.find((s) => s.name === name && s.kind !== "constant");
  if (!symbol) return undefined;
  const value = read32(
    { memory: k.machine.memory, directory: process.directory, user: true },
    symbol.address,
  );
  return isFault(value) ? undefined : value;
}

/** Transactions the bank has applied in memory but not yet saved to disk (lost if the machine dies now). */
export function unsavedTransactions(k: Kernel): number {
  let unsaved = 0;
  for (const process of k.processes.values()) {
    if (process.name !== "bank" || process.ring !== "user") continue;
    const applied = readGlobal(k, process, "applied");
    const saved = readGlobal(k, process, "saved");
    if (applied !== undefined && saved !== undefined && applied >= saved) unsaved += applied - saved;
  }
  return unsaved;
}
