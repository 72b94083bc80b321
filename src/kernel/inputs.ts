/**
 * The one door for everything that comes from outside the machine: keys, shell commands, file saves,
 * driver loads and unloads, power. Each input is applied at once and journalled with the machine time
 * since power-on at which it took effect, so a run is its options plus its journal: replaying the
 * journal on a fresh system (replay.ts) gives the same run, instruction for instruction.
 *
 * Callers pass typed values (a driver load is { kind: "insmod", path, mode }, not a shell line to be
 * parsed back); what the console shows is written here, as the shell would have echoed it.
 */
import type { BootOptions } from "./boot";
import { bootMachine } from "./boot";
import { insmodCommand, rmmodCommand } from "./driverCommands";
import type { FailurePolicy } from "./drivers";
import type { Kernel } from "./kernel";
import type { DriverMode } from "./kernelLog";
import type { RestartPolicy } from "./restartPolicy";

export type SystemInput =
  /** Power on, or power-cycle a running machine (the disk survives). */
  | ({ kind: "boot" } & BootOptions)
  /** Keys typed on the console's keyboard. */
  | { kind: "keys"; text: string }
  /** A whole command line given to the shell, echoed as if typed (lesson steps, the app's buttons). */
  | { kind: "command"; line: string }
  /** A file saved onto the disk (the editor, a lesson step). */
  | { kind: "write-file"; path: string; text: string }
  | { kind: "remove-file"; path: string }
  /** A driver loaded (the editor's load buttons, the side-by-side demo). */
  | {
      kind: "insmod";
      path: string;
      mode: DriverMode;
      checked?: boolean;
      boot?: boolean;
      policy?: Partial<RestartPolicy>;
      onFailure?: FailurePolicy;
    }
  | { kind: "rmmod"; name: string; boot?: boolean };

export interface JournalEntry {
  /** Machine time since power-on, in cycles, at which the input took effect. */
  at: number;
  input: SystemInput;
}

/** Host memory kept for the journal; a longer session keeps its newest inputs only. */
export const JOURNAL_LIMIT = 100_000;

/**
 * Applies an input and journals it. Returns what the console was told (an error says what and why;
 * the empty string when there was nothing to say).
 */
export function takeInput(k: Kernel, input: SystemInput): string {
  k.journal.push({ at: k.cyclesSincePowerOn, input: structuredClone(input) });
  if (k.journal.length > JOURNAL_LIMIT) k.journal.splice(0, k.journal.length - JOURNAL_LIMIT);
  return apply(k, input);
}

function apply(k: Kernel, input: SystemInput): string {
  switch (input.kind) {
    case "boot": {
      const { kind: _, ...options } = input;
      bootMachine(k, options);
      return "";
    }
    case "keys":
      k.machine.devices.console.type(input.text);
      return "";
    case "command":
      return echoed(k, input.line, () => k.shell.execute(input.line));
    case "write-file":
      return k.machine.devices.disk.write(input.path, input.text) ? "" : `${input.path}: the disk is full`;
    case "remove-file":
      if (!k.machine.devices.disk.remove(input.path)) return `${input.path}: no such file`;
      k.emit({ kind: "file-removed", path: input.path });
      return "";
    case "insmod": {
      const line = `insmod ${input.path} --mode ${input.mode}${input.checked ? " --checked" : ""}${input.boot ? " --boot" : ""}`;
      return echoed(k, line, () => k.shell.show(insmodCommand(k, input)));
    }
    case "rmmod":
      return echoed(k, `rmmod ${input.name}${input.boot ? " --boot" : ""}`, () =>
        k.shell.show(rmmodCommand(k, input.name, input.boot ?? false)),
      );
  }
}

/** Echoes a command line on the console, as typing it would, then runs it; "" if the machine is down. */
function echoed(k: Kernel, line: string, run: () => string | undefined): string {
  if (k.state !== "running") return `cannot run "${line}": the machine is ${k.state}`;
  k.print(`${line}\r\n`);
  return run() ?? "";
}
