/**
 * What the workload programs say about the damage. A program that applies work in memory and saves it
 * to disk later (the bank) keeps `applied` and `saved` counters in its globals; the kernel reads them
 * through the program's symbol table, as a debugger would, whatever the program is called.
 */
import type { Kernel } from "./kernel";
import type { Process } from "./process";
import { read32 } from "./userMemory";

function readGlobal(k: Kernel, process: Process, name: string): number | undefined {
  const symbol = process.image.symbols.find((s) => s.name === name && s.kind !== "constant");
  if (!symbol) return undefined;
  const value = read32(
    { memory: k.machine.memory, directory: process.directory, user: true },
    symbol.address,
  );
  return value.ok ? value.value : undefined;
}

/**
 * Work the user programs have applied in memory but not yet saved to disk (lost if the machine dies
 * now): the sum of applied - saved over every program that keeps both counters.
 */
export function unsavedTransactions(k: Kernel): number {
  let unsaved = 0;
  for (const process of k.processes.values()) {
    if (process.ring !== "user") continue;
    const applied = readGlobal(k, process, "applied");
    const saved = readGlobal(k, process, "saved");
    if (applied !== undefined && saved !== undefined && applied >= saved) unsaved += applied - saved;
  }
  return unsaved;
}
