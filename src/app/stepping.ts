/**
 * Stepping, as a debugger does it: one instruction, or on until the code on the CPU reaches another
 * line of its C source. A line that waits (for an event, for a sleep) lets the machine run on while
 * it waits, up to a limit of machine time, so a step never hangs the page.
 */

import type { Kernel } from "../kernel/kernel";
import { CYCLES_PER_SECOND } from "../kernel/layout";
import type { Process } from "../kernel/process";
import { hex } from "../shared/bits";
import { cpuPicture, sourceAt } from "./inspect";

/** A C-line step gives up after this much machine time (the line may wait for ever). */
export const LINE_STEP_LIMIT_CYCLES = 2 * CYCLES_PER_SECOND;

/**
 * What runs the machine for a step: the kernel itself, or the session's history, which replays the
 * recorded inputs when stepping forward in the past (so a step there follows the recording).
 */
export interface Runner {
  run(cycles: number): unknown;
}

export function stepInstruction(k: Kernel, runner: Runner = k): string {
  if (k.state !== "running") return "The machine is not running: restart it first.";
  runner.run(1);
  return `Stepped one instruction. ${where(k)}`;
}

export function stepLine(k: Kernel, runner: Runner = k): string {
  if (k.state !== "running") return "The machine is not running: restart it first.";
  const start = k.current;
  const from = start ? lineOf(k, start, k.machine.cpu.pc) : null;
  const startCycles = k.machine.cpu.cycles;
  const startBoot = k.bootNumber;
  for (;;) {
    runner.run(1);
    if (k.state !== "running") return `The machine stopped during the step. ${where(k)}`;
    if (k.bootNumber !== startBoot) return "The machine rebooted during the step.";
    if (k.machine.cpu.cycles - startCycles > LINE_STEP_LIMIT_CYCLES)
      return `The line did not finish within ${LINE_STEP_LIMIT_CYCLES / CYCLES_PER_SECOND} s of machine time (it is waiting). ${where(k)}`;
    if (!arrived(k, start, from)) continue;
    return `Stepped to the next C line. ${where(k)}`;
  }
}

/**
 * The source line behind pc, for stepping. A C program's image also maps its library and kernel-call
 * stubs to generated assembly; a C-line step passes through those to the next line of C.
 */
function lineOf(k: Kernel, process: Process, pc: number): ReturnType<typeof sourceAt> {
  const line = sourceAt(k, process, pc);
  if (!line || line.file.endsWith(".c")) return line;
  const hasC = process.image.sourceMap.some((entry) => entry.file.endsWith(".c"));
  return hasC ? null : line;
}

function arrived(k: Kernel, start: Process | undefined, from: ReturnType<typeof sourceAt>): boolean {
  const current = k.current;
  if (!current) return false;
  // With no C line to start from, stop at the first C line of anything; otherwise follow the same process.
  if (start && from && current !== start) return false;
  const here = lineOf(k, current, k.machine.cpu.pc);
  if (!here) return false;
  return !from || here.line !== from.line || here.file !== from.file;
}

/** "Now at 0x00400010 in clock (pid 2), clock.c:14 in main." */
export function where(k: Kernel): string {
  const cpu = cpuPicture(k, 0);
  const pc = hex(cpu.pc);
  if (!cpu.process) return `Now at ${pc} in the kernel's idle loop.`;
  const line = cpu.source ? `, ${cpu.source.file.split("/").pop()}:${cpu.source.line}` : "";
  return `Now at ${pc} in ${cpu.process.name} (pid ${cpu.process.pid}, ${cpu.ring} mode)${line}.`;
}
