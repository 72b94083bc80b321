/**
 * The one image format for assembly and driver C: what the toolchain produces and the kernel's loader
 * (and the bare-machine test runner) maps into memory.
 */

export interface Section {
  name: "text" | "rodata" | "data" | "bss";
  /** Virtual address where the section starts; page-aligned so each page has one set of permissions. */
  start: number;
  /** Size in bytes; for bss these bytes are zero and are not stored in `bytes`. */
  size: number;
  writable: boolean;
  executable: boolean;
}

export type RelocationKind =
  /** A 32-bit absolute address stored as a word. */
  | "abs32"
  /** A `lui rd, hi` at offset followed by `ori rd, rd, lo` at offset + 4 that together load an address. */
  | "hilo";

export interface Relocation {
  /** Offset from `base` of the word (or of the lui) to patch when the image moves. */
  offset: number;
  kind: RelocationKind;
}

export interface SymbolInfo {
  name: string;
  address: number;
  kind: "function" | "object" | "label" | "constant";
  /** Bytes, when known (functions and objects). */
  size?: number;
}

export interface SourceLocation {
  address: number;
  file: string;
  line: number;
  col: number;
  /** The enclosing function or global label, when known. */
  func?: string;
}

/** A `sys N` instruction of a kernel API stub, which the loader rewrites to `hcall N` in kernel mode. */
export interface KernelCallSite {
  /** Virtual address of the `sys` word. */
  address: number;
  service: number;
  name: string;
}

/** Debug information for driver C: lets views show C variables. */
export interface DebugVariable {
  name: string;
  /** C type, spelled as in C. */
  type: string;
  size: number;
  /**
   * Globals: an address. Locals and parameters: an offset from fp, or a register (r10..r12, that is
   * s0..s2) for those the compiler keeps in one. A register holds the variable while its function's
   * own code runs; while that function is calling another, the callee may have saved it in its frame.
   */
  location:
    | { kind: "global"; address: number }
    | { kind: "frame"; offset: number }
    | { kind: "register"; register: number };
}

export interface DebugFunction {
  name: string;
  start: number;
  end: number;
  file: string;
  line: number;
  locals: DebugVariable[];
}

export interface DebugInfo {
  globals: DebugVariable[];
  functions: DebugFunction[];
}

export interface Image {
  /** Address the image is linked at: `bytes[0]` belongs here. */
  base: number;
  entry: number;
  /** Contents from base up to the end of the last non-bss section (gaps zero-filled). */
  bytes: Uint8Array;
  sections: Section[];
  relocations: Relocation[];
  symbols: SymbolInfo[];
  /** Sorted by address: the source line each instruction came from. */
  sourceMap: SourceLocation[];
  kernelCalls: KernelCallSite[];
  debug?: DebugInfo;
}

/** The address user programs and user-mode drivers are linked at. */
export const DEFAULT_IMAGE_BASE = 0x0040_0000;
