/**
 * The fuzz campaign's programs, generated from a seed (no Math.random: a failing seed is a failing
 * program, forever). Three kinds:
 *   - "words": random 32-bit words, mostly not instructions at all;
 *   - "instructions": random valid instructions of the ISA table (loads and stores above all), after a
 *     prologue that loads the
 *     general registers with pointer-shaped values (the kernel's pages through the direct map, page
 *     tables, the pool, driver slots, kernel stacks, the program's own image, heap and stack, page 0,
 *     the ends of the address space), with short branches and real port numbers;
 *   - "syscalls": a storm of kernel service calls (`sys N` as a user-mode driver makes them, `hcall N`
 *     as a kernel-mode one does, and now and then the other), every argument pointer- or length-shaped.
 * Each is a driver in assembly: `main:` then the words, then a jump back to main.
 */
import { PORT } from "../../src/machine/devices/ports";
import { encode, INSTRUCTIONS, OP } from "../../src/machine/isa";
import { KERNEL_SERVICES } from "../../src/shared/kernelApi";

export type ProgramKind = "words" | "instructions" | "syscalls";
export type Ring = "user" | "kernel";

/** mulberry32: a small seeded generator. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  below(n: number): number {
    return this.next() % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
}

const KERNEL = 0x8000_0000;
const frame = (n: number) => KERNEL + n * 4096;

/** Addresses a hostile driver would aim at (see docs/kernel.md, Memory map). */
export const POINTERS: readonly number[] = [
  0,
  4,
  0xffc,
  0x1000,
  0x0040_0000, // the program's image
  0x0040_0ffc,
  0x0040_1000,
  0x1000_0000, // the heap
  0x1000_0ff8,
  0x7ffe_fffc, // the stack's top word
  0x7ffe_0000,
  0x7ffd_f000, // the guard page below the stack
  0x7fff_fffc,
  KERNEL,
  frame(1), // the kernel page directory
  frame(2), // a kernel page table
  frame(8), // kernel text
  frame(9), // kernel data: list heads, the dispatch table
  frame(10), // the kernel pool
  frame(10) + 0x10,
  frame(26), // the first process frames
  frame(40),
  0xc000_0000, // kernel-mode driver slots
  0xc004_0000,
  0xd000_0000, // kernel stacks (the guard page)
  0xd000_1000,
  0xffff_f000,
  0xffff_fffc,
  0xffff_ffff,
];

export const LENGTHS: readonly number[] = [
  0, 1, 3, 4, 64, 104, 128, 4096, 65536, 65537, 0x7fff_ffff, -1, -4096,
];

const PORTS = Object.values(PORT) as number[];

/** A word-aligned address inside the page at `base`. */
const inside = (rng: Rng, base: number): number => (base + rng.below(1024) * 4) >>> 0;

function pointerShaped(rng: Rng): number {
  const roll = rng.below(20);
  // The kernel's own pages through the direct map: directory, page tables, text, data, pool.
  if (roll < 6) return inside(rng, frame(1 + rng.below(25)));
  // Another process's pages through the direct map (processes get frames 26 and up).
  if (roll < 9) return inside(rng, frame(26 + rng.below(64)));
  // The named places: the program's own image, heap and stack, page 0, driver slots, kernel stacks, the ends.
  if (roll < 14) return (rng.pick(POINTERS) + (rng.below(4) === 0 ? rng.below(64) * 4 : 0)) >>> 0;
  if (roll < 17) return rng.pick(LENGTHS) >>> 0;
  return rng.next();
}

/** lui + ori: a 32-bit value into a register. */
function load(reg: number, value: number): number[] {
  return [encode(OP.LUI, reg, 0, 0, value >>> 16, "U"), encode(OP.ORI, reg, reg, 0, value & 0xffff, "IU")];
}

/** Registers 1..13 pointer-shaped; the stack pointer too, now and then. */
function prologue(rng: Rng): number[] {
  const words: number[] = [];
  for (let reg = 1; reg <= 13; reg++) words.push(...load(reg, pointerShaped(rng)));
  if (rng.below(8) === 0) words.push(...load(14, pointerShaped(rng)));
  return words;
}

const MEMORY = INSTRUCTIONS.filter((i) => i.format === "L" || i.format === "S");
const UNPRIVILEGED = INSTRUCTIONS.filter((i) => !i.privileged);
const PRIVILEGED = INSTRUCTIONS.filter((i) => i.privileged);

/**
 * Loads and stores most of all (through the pointer-shaped registers), then any unprivileged
 * instruction; privileged ones rarely in user mode (each ends the program at once), more in kernel mode.
 */
function randomInstruction(rng: Rng, ring: Ring): number {
  const roll = rng.below(100);
  const privileged = ring === "user" ? 3 : 15;
  const info =
    roll < 40 ? rng.pick(MEMORY) : roll < 100 - privileged ? rng.pick(UNPRIVILEGED) : rng.pick(PRIVILEGED);
  const a = rng.below(16);
  const b = rng.below(16);
  const c = rng.below(16);
  const near = rng.below(25) - 12;
  const { opcode, format } = info;
  switch (format) {
    case "B":
    case "J":
      return encode(opcode, a, b, 0, near, format);
    case "IN":
    case "OUT":
      return encode(opcode, a, b, 0, rng.pick(PORTS), format);
    case "CRR":
    case "CRW":
      return encode(opcode, a, b, 0, rng.below(12), format);
    case "L":
    case "S":
    case "JR": {
      // Mostly a small offset from one of the pointer-shaped registers (1..13).
      const base = rng.below(8) !== 0 ? 1 + rng.below(13) : b;
      return encode(opcode, a, base, 0, rng.below(8) === 0 ? rng.next() & 0xffff : near * 4, format);
    }
    case "K":
      return encode(opcode, 0, 0, 0, rng.below(KERNEL_SERVICES.length + 2), format);
    default:
      return encode(opcode, a, b, c, rng.next() & 0xffff, format);
  }
}

/** A file that exists on the fuzz machine's disk, for the storms' path arguments. */
export const KNOWN_PATH = "/bin/bystander.s";
/** Where a storm keeps KNOWN_PATH: right after its first word, a jump over it (images load at 0x400000). */
const KNOWN_PATH_ADDRESS = 0x0040_0004;

function pathWords(): number[] {
  const bytes = new TextEncoder().encode(`${KNOWN_PATH}\0`);
  const words: number[] = [];
  for (let i = 0; i < bytes.length; i += 4)
    words.push(
      (bytes[i] | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24)) >>>
        0,
    );
  return words;
}

function serviceCall(rng: Rng, ring: Ring): number[] {
  const words: number[] = [];
  // a0 is a path for the file services: a real one half the time, so that they go on to use the others.
  if (rng.below(2) === 0) words.push(...load(1, KNOWN_PATH_ADDRESS));
  else if (rng.below(4) !== 0) words.push(...load(1, pointerShaped(rng)));
  for (let reg = 2; reg <= 4; reg++) if (rng.below(4) !== 0) words.push(...load(reg, pointerShaped(rng)));
  const service = rng.below(16) === 0 ? rng.next() & 0xffff : rng.below(KERNEL_SERVICES.length + 2);
  const native = rng.below(12) !== 0;
  const op = (ring === "user") === native ? OP.SYS : OP.HCALL;
  words.push(encode(op, 0, 0, 0, service, "K"));
  return words;
}

export function generate(kind: ProgramKind, ring: Ring, seed: number): number[] {
  const rng = new Rng(seed);
  switch (kind) {
    case "words":
      return Array.from({ length: 8 + rng.below(57) }, () => rng.next());
    case "instructions":
      return [
        ...prologue(rng),
        ...Array.from({ length: 8 + rng.below(41) }, () => randomInstruction(rng, ring)),
      ];
    case "syscalls": {
      const path = pathWords();
      const words: number[] = [encode(OP.JAL, 0, 0, 0, path.length, "J"), ...path];
      for (let i = 4 + rng.below(29); i > 0; i--) words.push(...serviceCall(rng, ring));
      return words;
    }
  }
}

export function assembly(words: readonly number[]): string {
  return `.text\nmain:\n${words.map((w) => `  .word 0x${(w >>> 0).toString(16)}`).join("\n")}\n  j main\n`;
}
