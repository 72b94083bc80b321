/**
 * The C variables of the code on the CPU, read from the driver C compiler's debug information: the
 * locals of the function pc is in (in the frame at fp + offset, or in the register the compiler kept
 * them in) and the program's globals, each with its value formatted as C would print it. Like the
 * rest of inspect.ts, a plain function of the kernel, called when the view draws.
 */
import type { Kernel } from "../kernel/kernel";
import { CR, REG } from "../machine/isa";
import { hex } from "../shared/bits";
import type { DebugVariable } from "../toolchain/image";
import { physicalAddress } from "./inspect";

export interface VariableView {
  name: string;
  type: string;
  value: string;
}

export interface VariablesPicture {
  /** The C function pc is in, or null when pc is in code without debug information. */
  func: string | null;
  locals: VariableView[];
  globals: VariableView[];
  /** Globals left out to keep the view short. */
  moreGlobals: number;
}

/** At most this many globals are shown; a view is no place for a whole data section. */
const MAX_GLOBALS = 12;
/** Array elements and string characters shown before an ellipsis. */
const MAX_ELEMENTS = 8;
const MAX_STRING = 24;

/** The variables of the process on the CPU (the crashed one after a bugcheck), or null without C. */
export function cVariables(k: Kernel): VariablesPicture | null {
  const process = k.current;
  const debug = process?.image.debug;
  if (!process || !debug) return null;
  const cpu = k.machine.cpu;
  // Where the program's own code is: on the CPU; or, when the CPU has just trapped into the kernel's
  // stub, at the saved pc with its registers still untouched; or in the thread's saved context (after
  // a bugcheck, or when the kernel has switched away from it).
  const contexts: { regs: ArrayLike<number>; pc: number }[] = [
    { regs: cpu.regs, pc: cpu.pc },
    { regs: cpu.regs, pc: cpu.cr[CR.EPC] },
    { regs: process.thread.regs, pc: process.thread.pc },
  ];
  if (k.state === "bugcheck") contexts.unshift(contexts.pop() as (typeof contexts)[number]);
  const inFunction = (pc: number) =>
    debug.functions.find((f) => f.start >>> 0 <= pc >>> 0 && pc >>> 0 < f.end >>> 0);
  const context = contexts.find((c) => inFunction(c.pc)) ?? contexts[0];
  const func = inFunction(context.pc);
  const regs = context.regs;
  // The process's own address space: the CPU may be in another one by the time the view draws.
  const reader = memoryReader(k, process.directory >>> 0);
  const show = (v: DebugVariable): VariableView => ({
    name: v.name,
    type: v.type,
    value: formatVariable(v, regs, reader),
  });
  return {
    func: func?.name ?? null,
    locals: func ? func.locals.map(show) : [],
    globals: debug.globals.slice(0, MAX_GLOBALS).map(show),
    moreGlobals: Math.max(0, debug.globals.length - MAX_GLOBALS),
  };
}

/** Reads bytes of virtual memory in one address space; undefined for a byte no page backs. */
type ByteReader = (address: number) => number | undefined;

function memoryReader(k: Kernel, directory: number): ByteReader {
  const memory = k.machine.memory;
  return (address) => {
    const physical = physicalAddress(k, directory, address);
    return physical !== undefined && physical < memory.size ? memory.read8(physical) : undefined;
  };
}

/** A little-endian integer of `size` bytes at `address`, or undefined if any byte is unmapped. */
function readInteger(read: ByteReader, address: number, size: number): number | undefined {
  let value = 0;
  for (let i = size - 1; i >= 0; i--) {
    const byte = read(address + i);
    if (byte === undefined) return undefined;
    value = (value << 8) | byte;
  }
  return value | 0;
}

export function formatVariable(v: DebugVariable, regs: ArrayLike<number>, read: ByteReader): string {
  const location = v.location;
  if (location.kind === "register") return formatScalar(v.type, v.size, regs[location.register] | 0);
  const address =
    location.kind === "global" ? location.address >>> 0 : ((regs[REG.FP] | 0) + location.offset) >>> 0;
  const array = /^(.*)\[(\d+)\]$/.exec(v.type);
  if (array) return formatArray(array[1], Number(array[2]), v.size, address, read);
  const pointer = v.type.endsWith("*");
  if (isLongLong(v.type)) return formatWide(v.type, read, address);
  if (!pointer && (v.size > 4 || v.type.startsWith("struct") || v.type.startsWith("union")))
    return `{…} at ${hex(address)}`;
  const raw = readInteger(read, address, v.size);
  return raw === undefined ? `(not mapped: ${hex(address)})` : formatScalar(v.type, v.size, raw);
}

function formatArray(
  element: string,
  count: number,
  size: number,
  address: number,
  read: ByteReader,
): string {
  const elementSize = count > 0 ? size / count : 0;
  if (elementSize === 1 && /^(unsigned )?char$/.test(element.trim())) {
    let text = "";
    for (let i = 0; i < Math.min(count, MAX_STRING); i++) {
      const byte = read(address + i);
      if (byte === undefined) return `(not mapped: ${hex(address)})`;
      if (byte === 0) return JSON.stringify(text);
      text +=
        byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, "0")}`;
    }
    return `${JSON.stringify(text)}${count > MAX_STRING ? "…" : ""}`;
  }
  const wide = elementSize === 8 && isLongLong(element);
  if (elementSize !== 1 && elementSize !== 2 && elementSize !== 4 && !wide) return `{…} at ${hex(address)}`;
  const items: string[] = [];
  for (let i = 0; i < Math.min(count, MAX_ELEMENTS); i++) {
    if (wide) {
      const text = formatWide(element.trim(), read, address + i * 8);
      if (text.startsWith("(not mapped")) return `(not mapped: ${hex(address)})`;
      items.push(text);
      continue;
    }
    const raw = readInteger(read, address + i * elementSize, elementSize);
    if (raw === undefined) return `(not mapped: ${hex(address)})`;
    items.push(formatScalar(element.trim(), elementSize, raw));
  }
  return `{${items.join(", ")}${count > MAX_ELEMENTS ? ", …" : ""}}`;
}

const isLongLong = (type: string): boolean => /^(const )?(unsigned )?long long\s*$/.test(type.trim());

/** A long long or unsigned long long: 8 bytes, little-endian, shown in full (a JS number cannot hold them). */
function formatWide(type: string, read: ByteReader, address: number): string {
  let value = 0n;
  for (let i = 7; i >= 0; i--) {
    const byte = read(address + i);
    if (byte === undefined) return `(not mapped: ${hex(address)})`;
    value = (value << 8n) | BigInt(byte);
  }
  return String(type.includes("unsigned") ? value : BigInt.asIntN(64, value));
}

/** A 1, 2 or 4 byte value as C would show it: pointers in hex, chars with their character. */
export function formatScalar(type: string, size: number, raw: number): string {
  if (type.endsWith("*")) return raw === 0 ? "NULL" : hex(raw);
  const unsigned = type.startsWith("unsigned");
  const bits = size * 8;
  const value = bits >= 32 ? raw : unsigned ? raw & ((1 << bits) - 1) : (raw << (32 - bits)) >> (32 - bits);
  const number = unsigned ? String(value >>> 0) : String(value | 0);
  if (size === 1 && type.endsWith("char")) {
    const code = value & 0xff;
    return code >= 0x20 && code < 0x7f ? `${number} '${String.fromCharCode(code)}'` : number;
  }
  return number;
}
