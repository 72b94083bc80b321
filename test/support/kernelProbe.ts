/**
 * The one file through which the security tests and the fuzz campaign reach into the kernel: booting,
 * loading programs and drivers, and reading processes, drivers, frames, page tables and the bugcheck.
 * Everything else in test/security/ speaks only of what this file returns, so when the kernel's
 * bookkeeping moves (say, into one state record) this is the only test file to adapt.
 */
import { driverName } from "../../src/kernel/drivers";
import { Kernel, type KernelOptions } from "../../src/kernel/kernel";
import type { KernelEvent } from "../../src/kernel/kernelLog";
import { FRAME_DIRECTORY, FRAME_TEXT, KERNEL_BASE, TEXT_KVA } from "../../src/kernel/layout";
import { STOP_CODES } from "../../src/kernel/stopCodes";
import { CR, PAGE_SIZE, PTE } from "../../src/machine/isa";
import type { Machine } from "../../src/machine/machine";

export type { Kernel };

/** A booted kernel with `files` on its disk (no services unless asked: fuzz runs want a quiet machine). */
export function boot(files: Record<string, string | Uint8Array>, options: KernelOptions = {}): Kernel {
  const kernel = new Kernel({ services: [], ...options, files });
  kernel.boot();
  return kernel;
}

export function machineOf(kernel: Kernel): Machine {
  return kernel.machine;
}

/** Starts a program in the background (the shell's `run`); its pid, or undefined if it did not start. */
export function startProgram(kernel: Kernel, path: string): number | undefined {
  kernel.shell.execute(`run ${path}`);
  const started = kernel.shell.foreground;
  kernel.shell.foreground = undefined;
  return started?.pid;
}

/** Loads a driver with insmod; its name ("x.sys"). */
export function loadDriver(kernel: Kernel, path: string, mode: "kernel" | "user"): string {
  kernel.shell.execute(`insmod ${path} --mode ${mode}`);
  return driverName(path);
}

export function run(kernel: Kernel, cycles: number): void {
  kernel.run(cycles);
}

/** Machine cycles per timer tick. */
export const TICK_CYCLES = Kernel.CYCLES_PER_TICK;

/** Timer ticks the kernel has handled since boot: a frozen machine handles none. */
export function ticksHandled(kernel: Kernel): number {
  return kernel.tick;
}

/** Ticks of no timer interrupt after which the non-maskable watchdog stops the machine. */
export function lockupTicks(kernel: Kernel): number | undefined {
  return kernel.lockupTicks;
}

export interface Outcome {
  state: "firmware" | "running" | "bugcheck" | "off";
  stopCode?: string;
  code?: number;
  parameters?: number[];
  module?: string | null;
  /** The pc of the code that was running when the machine stopped (the trapping instruction's). */
  pc?: number;
  /** When the kernel is off: how the machine stopped ("halt", "power-off"); `module` names who did it. */
  stop?: string;
}

export function outcome(kernel: Kernel): Outcome {
  const record = kernel.bugcheckRecord;
  if (kernel.state === "off") {
    const shutdown = kernel.log.events.findLast((e) => e.kind === "shutdown");
    const module = shutdown?.kind === "shutdown" ? shutdown.module : null;
    return { state: "off", stop: kernel.machine.stopped?.kind, module };
  }
  if (kernel.state !== "bugcheck" || !record) return { state: kernel.state };
  const dump = kernel.crashDump?.machine;
  // Inside the kernel's trap stub the interesting pc is the one that trapped (EPC).
  const pc =
    dump === undefined
      ? undefined
      : dump.pc >>> 0 >= TEXT_KVA && dump.pc >>> 0 < TEXT_KVA + PAGE_SIZE
        ? dump.cr[CR.EPC] >>> 0
        : dump.pc >>> 0;
  return {
    state: "bugcheck",
    stopCode: record.stopCode,
    code: record.code,
    parameters: [...record.parameters],
    module: record.module,
    pc,
  };
}

export interface ProcessInfo {
  pid: number;
  name: string;
  ring: "kernel" | "user";
  /** The frame owner label of its pages. */
  owner: string;
  directory: number;
}

export function processes(kernel: Kernel): ProcessInfo[] {
  return [...kernel.processes.values()].map((p) => ({
    pid: p.pid,
    name: p.name,
    ring: p.ring,
    owner: p.owner,
    directory: p.directory,
  }));
}

export function isAlive(kernel: Kernel, pid: number): boolean {
  const process = kernel.processes.get(pid);
  return process !== undefined && process.thread.state !== "dead";
}

/** Cycles a process's thread has run (0 if it is gone). */
export function cyclesRun(kernel: Kernel, pid: number): number {
  return kernel.processes.get(pid)?.thread.cycles ?? 0;
}

export interface DriverInfo {
  name: string;
  mode: string;
  state: string;
  pid: number | undefined;
  crashes: number;
  restarts: number;
  /** Where a kernel-mode driver's image is mapped: [start, end). */
  image?: { start: number; end: number };
}

export function driver(kernel: Kernel, name: string): DriverInfo | undefined {
  const record = kernel.drivers.get(name);
  if (!record) return undefined;
  const image = record.loadedImage;
  const end = image ? Math.max(...image.sections.map((s) => s.start + s.size)) : 0;
  return {
    name: record.name,
    mode: record.mode,
    state: record.state,
    pid: record.pid,
    crashes: record.crashes,
    restarts: record.restarts,
    image: image ? { start: image.base, end } : undefined,
  };
}

export function events<K extends KernelEvent["kind"]>(
  kernel: Kernel,
  kind: K,
): Extract<KernelEvent, { kind: K }>[] {
  return kernel.log.events.filter((e): e is Extract<KernelEvent, { kind: K }> => e.kind === kind);
}

/** A cheap hash (FNV-1a over words) of some frames, in order, with their numbers. */
function hashFrames(kernel: Kernel, frames: number[]): number {
  const i32 = kernel.machine.memory.i32;
  let hash = 0x811c9dc5;
  for (const frame of frames) {
    hash = Math.imul(hash ^ frame, 0x01000193);
    for (let w = (frame * PAGE_SIZE) >> 2, end = w + PAGE_SIZE / 4; w < end; w++)
      hash = Math.imul(hash ^ i32[w], 0x01000193);
  }
  return hash >>> 0;
}

/** A hash of every frame an owner holds. */
export function framesHash(kernel: Kernel, owner: string): number {
  const frames: number[] = [];
  kernel.frames.owners.forEach((o, frame) => {
    if (o === owner) frames.push(frame);
  });
  return hashFrames(kernel, frames);
}

/**
 * A hash of the kernel's page directory, its page tables and its text (frames 1 to 8), which nothing
 * changes after boot while only user-mode code loads (kernel-mode drivers map their images there).
 */
export function kernelPagesHash(kernel: Kernel): number {
  const frames: number[] = [];
  for (let f = FRAME_DIRECTORY; f <= FRAME_TEXT; f++) frames.push(f);
  return hashFrames(kernel, frames);
}

/**
 * What is wrong with the page tables of every user process, as sentences (none when all is well):
 *   - every present user-half entry with the USER bit maps a frame the process owns;
 *   - no kernel-half entry (0x80000000 and up) carries the USER bit, in any address space.
 */
export function pageTableProblems(kernel: Kernel): string[] {
  const memory = kernel.machine.memory;
  const owners = kernel.frames.owners;
  const problems: string[] = [];
  const directories: { name: string; directory: number; owner: string | undefined }[] = [
    { name: "kernel", directory: kernel.record.memory.kernelDirectory, owner: undefined },
  ];
  for (const p of kernel.processes.values())
    if (p.ring === "user")
      directories.push({ name: `${p.name} (pid ${p.pid})`, directory: p.directory, owner: p.owner });
  for (const { name, directory, owner } of directories) {
    for (let d = 0; d < 1024; d++) {
      const pde = memory.read32(directory + d * 4);
      if ((pde & PTE.PRESENT) === 0) continue;
      const table = pde & ~(PAGE_SIZE - 1);
      const kernelHalf = d * 4 * 1024 * 1024 >= KERNEL_BASE;
      for (let t = 0; t < 1024; t++) {
        const pte = memory.read32(table + t * 4);
        if ((pte & PTE.PRESENT) === 0 || (pte & PTE.USER) === 0) continue;
        const va = (d * 1024 + t) * PAGE_SIZE;
        if (kernelHalf) problems.push(`${name}: kernel page 0x${va.toString(16)} has the USER bit`);
        else if (owner !== undefined && owners[Math.floor((pte >>> 0) / PAGE_SIZE)] !== owner)
          problems.push(
            `${name}: user page 0x${va.toString(16)} maps frame ${(pte >>> 12).toString()} of ${owners[pte >>> 12] ?? "no one"}`,
          );
        else if (owner === undefined)
          problems.push(`${name}: user page 0x${va.toString(16)} in the kernel's own address space`);
      }
    }
  }
  return problems;
}

/** The console transcript and what it could not keep. */
export function consoleOf(kernel: Kernel): { transcript: string; dropped: number } {
  const console = kernel.machine.devices.console;
  return { transcript: console.transcript, dropped: console.transcriptDropped };
}

/**
 * What became of a process: still there having run some cycles, ended (exit, fault, or killed by the
 * kernel, as the log says), or "never ran" when none of these is true.
 */
export function fate(kernel: Kernel, pid: number): "running" | "exited" | "faulted" | "killed" | "never ran" {
  if (isAlive(kernel, pid) && cyclesRun(kernel, pid) > 0) return "running";
  if (events(kernel, "process-exit").some((e) => e.pid === pid)) return "exited";
  if (events(kernel, "process-fault").some((e) => e.pid === pid)) return "faulted";
  if (events(kernel, "process-killed").some((e) => e.pid === pid)) return "killed";
  return "never ran";
}

/** Whether a bugcheck's stop code is one of the kernel's, with its own number. */
export function isKnownStopCode(name: string | undefined, code: number | undefined): boolean {
  if (name === undefined || !Object.hasOwn(STOP_CODES, name)) return false;
  return STOP_CODES[name as keyof typeof STOP_CODES].code === code;
}
