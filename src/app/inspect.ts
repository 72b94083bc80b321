/**
 * Reading the machine's hot state for the views, at the moment they draw: registers, the instruction
 * at pc (disassembled, with the C line it came from), the memory map. Nothing here is copied into the
 * store; these are plain functions of the kernel, cheap enough to call a few times a second.
 */
import type { Kernel } from "../kernel/kernel";
import { type MemoryMap, memoryMap } from "../kernel/memoryMap";
import type { Process } from "../kernel/process";
import { CR, PTE, STATUS_IE, STATUS_USER } from "../machine/isa";
import { readPte } from "../machine/pageTables";
import { disassemble, symbolLookup } from "../toolchain/disassemble";
import type { SourceLocation } from "../toolchain/image";

export interface SourceLine {
  file: string;
  line: number;
  func: string | null;
  /** The text of that line, from the file on the machine's disk. */
  text: string | null;
}

export interface InstructionLine {
  address: number;
  text: string;
  current: boolean;
}

export interface CpuPicture {
  regs: number[];
  pc: number;
  ring: "kernel" | "user";
  interruptsOn: boolean;
  cycles: number;
  instructions: number;
  /** The process whose code is on the CPU, or null in the idle loop. */
  process: { pid: number; name: string; ring: "kernel" | "user" } | null;
  /** A few instructions around pc. */
  code: InstructionLine[];
  source: SourceLine | null;
  /** True when the picture is of the instruction that stopped the machine (after a bugcheck). */
  atCrash: boolean;
  /** True while the firmware waits for the safe-mode key: no code runs yet. */
  firmware: boolean;
}

/** The source location of an address in a process's image, when its source map knows it. */
export function sourceAt(k: Kernel, process: Process | undefined, address: number): SourceLine | null {
  if (!process) return null;
  const found = locate(process.image.sourceMap, address);
  if (!found) return null;
  const lines = k.machine.devices.disk.readText(found.file)?.split("\n");
  return {
    file: found.file,
    line: found.line,
    func: found.func ?? null,
    text: lines?.[found.line - 1]?.replace(/\t/g, "  ") ?? null,
  };
}

function locate(map: readonly SourceLocation[], address: number): SourceLocation | undefined {
  let lo = 0;
  let hi = map.length - 1;
  let found: SourceLocation | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid].address <= address >>> 0) {
      found = map[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Past the end of the mapped code the nearest entry says nothing about this address.
  if (!found || (address >>> 0) - found.address > 64) return undefined;
  return found;
}

/**
 * Where a virtual address of an address space (directory) lives in physical memory, or undefined when
 * no page backs it. The views read memory through this, never through the MMU: looking must not fault.
 */
export function physicalAddress(k: Kernel, directory: number, address: number): number | undefined {
  const pte = readPte(k.machine.memory, directory, address >>> 0) >>> 0;
  if ((pte & PTE.PRESENT) === 0 || address >>> 12 === 0) return undefined;
  return ((pte & ~0xfff) | (address & 0xfff)) >>> 0;
}

/** A word of virtual memory in an address space (directory), or undefined when it is not mapped. */
export function peekWord(k: Kernel, directory: number, address: number): number | undefined {
  const physical = physicalAddress(k, directory, address);
  if (physical === undefined || physical + 4 > k.machine.memory.size) return undefined;
  return k.machine.memory.read32(physical);
}

export function cpuPicture(k: Kernel, around = 3): CpuPicture {
  const cpu = k.machine.cpu;
  const crashed = k.state === "bugcheck";
  const process = k.current;
  // After a bugcheck the interesting instruction is the one that faulted, saved with the thread.
  const atCrash = crashed && process !== undefined;
  const pc = (atCrash ? process.thread.pc : cpu.pc) >>> 0;
  const regs = Array.from(atCrash ? process.thread.regs : cpu.regs);
  regs[0] = 0;
  const status = atCrash ? process.thread.status : cpu.cr[CR.STATUS];
  const directory = cpu.cr[CR.PTBR] >>> 0;
  const lookup = process ? symbolLookup(process.image.symbols) : undefined;
  const code: InstructionLine[] = [];
  for (let i = -around; i <= around; i++) {
    const address = (pc + i * 4) >>> 0;
    const word = peekWord(k, directory, address);
    code.push({
      address,
      text: word === undefined ? "(not mapped)" : disassemble(word, address, lookup),
      current: i === 0,
    });
  }
  return {
    regs,
    pc,
    ring: (status & STATUS_USER) !== 0 ? "user" : "kernel",
    interruptsOn: (status & STATUS_IE) !== 0,
    cycles: cpu.cycles,
    instructions: cpu.instructions,
    process: process ? { pid: process.pid, name: process.name, ring: process.ring } : null,
    code,
    source: sourceAt(k, process, pc),
    atCrash,
    firmware: k.state === "firmware",
  };
}

export interface MemoryPicture extends MemoryMap {
  /** Bytes per cell (one physical page). */
  pageBytes: number;
}

export function memoryPicture(k: Kernel): MemoryPicture {
  return { ...memoryMap(k), pageBytes: 4096 };
}
