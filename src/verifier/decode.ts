/**
 * Step 1 of the pipeline: the linked image -> instructions, functions, kernel-API stubs, objects and
 * source lines. A `lui`/`ori` pair that the linker relocates (`la rd, symbol`) becomes one "address of"
 * instruction: that is the only way a verified driver makes a pointer to its globals, as eBPF programs
 * get map pointers only from the loader.
 */
import { type DecodedInstruction, decode as decodeWord, encode, OP, REG } from "../machine/isa";
import type { DebugFunction, Image, SourceLocation } from "../toolchain/image";
import type { GlobalObject } from "./domain";

export interface Instruction {
  address: number;
  word: number;
  /** Undefined: not an instruction (an illegal opcode). */
  decoded: DecodedInstruction | undefined;
  /** `la rd, address`: the lui of a relocated pair; its ori (the next word) is `addressPart`. */
  addressOf?: number;
  addressPart?: boolean;
}

export interface FunctionInfo {
  name: string;
  start: number;
  end: number;
  debug?: DebugFunction;
}

export interface Program {
  image: Image;
  textStart: number;
  textEnd: number;
  instructions: Instruction[];
  /** Functions by start address (the driver's own and the C library's). */
  functions: Map<number, FunctionInfo>;
  /** Kernel API stubs by address: `jal lr, stub` is a helper call. */
  stubs: Map<number, { service: number; name: string }>;
  objects: GlobalObject[];
  readOnlyStart: number;
  readOnlyEnd: number;
}

export function instructionAt(p: Program, address: number): Instruction | undefined {
  if (address < p.textStart || address >= p.textEnd || (address & 3) !== 0) return undefined;
  return p.instructions[(address - p.textStart) >> 2];
}

function readWord(image: Image, address: number): number {
  const o = address - image.base;
  const b = image.bytes;
  if (o < 0 || o + 4 > b.length) return 0;
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

export function readByte(image: Image, address: number): number | undefined {
  const o = address - image.base;
  return o >= 0 && o < image.bytes.length ? image.bytes[o] : undefined;
}

export function decodeImage(image: Image): Program {
  const text = image.sections.find((s) => s.name === "text");
  const textStart = text?.start ?? image.base;
  const textEnd = text ? text.start + text.size : image.base;
  const instructions: Instruction[] = [];
  for (let a = textStart; a < textEnd; a += 4) {
    const word = readWord(image, a);
    instructions.push({ address: a, word, decoded: decodeWord(word) });
  }
  for (const r of image.relocations) {
    if (r.kind !== "hilo") continue;
    const at = image.base + r.offset;
    const i = (at - textStart) >> 2;
    const lui = instructions[i];
    const ori = instructions[i + 1];
    if (!lui?.decoded || !ori?.decoded) continue;
    if (lui.decoded.info.opcode !== OP.LUI || ori.decoded.info.opcode !== OP.ORI) continue;
    if (ori.decoded.a !== lui.decoded.a || ori.decoded.b !== lui.decoded.a) continue;
    lui.addressOf = ((lui.decoded.imm << 16) | ori.decoded.imm) >>> 0;
    ori.addressPart = true;
  }
  // A stub is trusted only as the toolchain makes it, `sys N` then `ret`: anything else at its address
  // is ordinary code (and a call to it is no helper call).
  const stubs = new Map<number, { service: number; name: string }>();
  const ret = encode(OP.JALR, REG.ZERO, REG.LR, 0, 0, "JR");
  for (const k of image.kernelCalls) {
    const intact =
      readWord(image, k.address) === encode(OP.SYS, 0, 0, 0, k.service, "K") &&
      readWord(image, k.address + 4) === ret;
    if (intact) stubs.set(k.address, { service: k.service, name: k.name });
  }
  const functions = new Map<number, FunctionInfo>();
  for (const s of image.symbols) {
    if (s.kind !== "function" || stubs.has(s.address)) continue;
    const debug = image.debug?.functions.find((f) => f.start === s.address);
    functions.set(s.address, { name: s.name, start: s.address, end: s.address + (s.size ?? 0), debug });
  }
  const objects: GlobalObject[] = [];
  const rodata = image.sections.find((s) => s.name === "rodata");
  for (const s of image.symbols) {
    if (s.kind === "object" && s.size !== undefined) {
      const section = image.sections.find((x) => s.address >= x.start && s.address < x.start + x.size);
      const debug = image.debug?.globals.find(
        (g) => g.location.kind === "global" && g.location.address === s.address,
      );
      objects.push({
        name: s.name,
        start: s.address,
        size: s.size,
        writable: section?.writable ?? false,
        element: debug ? elementSize(debug.type, s.size) : undefined,
        inner: debug ? innerSize(debug.type, s.size) : undefined,
      });
    }
  }
  // String literals: labels in .rodata, each up to and including its NUL.
  if (rodata) {
    for (const s of image.symbols) {
      if (s.kind !== "label" || s.address < rodata.start || s.address >= rodata.start + rodata.size) continue;
      let end = s.address;
      while (end < rodata.start + rodata.size && readByte(image, end) !== 0) end++;
      if (end < rodata.start + rodata.size)
        objects.push({
          name: s.name,
          start: s.address,
          size: end - s.address + 1,
          writable: false,
          string: true,
          element: 1,
        });
    }
  }
  objects.sort((a, b) => a.start - b.start);
  return {
    image,
    textStart,
    textEnd,
    instructions,
    functions,
    stubs,
    objects,
    readOnlyStart: rodata?.start ?? 0,
    readOnlyEnd: rodata ? rodata.start + rodata.size : 0,
  };
}

/**
 * The size of what `a[i]` names in a C array as debug info spells its type: the array's size over
 * its first dimension ("int [20]" -> 4, "char [20][64]" -> a row of 64, "struct rule [4]" -> one
 * struct), so that a report counts the index the learner wrote, not bytes.
 */
function elementSize(type: string, size: number): number | undefined {
  const m = /\[(\d+)\]/.exec(type);
  if (!m) return undefined;
  const count = Number(m[1]);
  return count > 0 && size % count === 0 ? size / count : undefined;
}

/** A multi-dimensional array's innermost element size ("char [20][64]" -> 1); undefined otherwise. */
function innerSize(type: string, size: number): number | undefined {
  const dims = [...type.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  if (dims.length < 2) return undefined;
  const count = dims.reduce((a, b) => a * b, 1);
  return count > 0 && size % count === 0 ? size / count : undefined;
}

/** The object an address of the image belongs to. */
export function objectAt(p: Program, address: number): GlobalObject | undefined {
  for (const o of p.objects) if (address >= o.start && address < o.start + Math.max(o.size, 1)) return o;
  return undefined;
}

/** The C source location of an instruction (the nearest source-map entry at or before it). */
export function sourceOf(p: Program, address: number): SourceLocation | undefined {
  const map = p.image.sourceMap;
  let lo = 0;
  let hi = map.length - 1;
  let found: SourceLocation | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid].address <= address) {
      found = map[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
