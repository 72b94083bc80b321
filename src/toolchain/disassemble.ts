/**
 * The disassembler: any 32-bit word back to the assembler's canonical syntax. Registers print by ABI
 * name, branch and jump targets as absolute addresses (or label / label+offset when symbols are given),
 * and words that are not instructions as `.word 0x...`, so the output always assembles again.
 */

import { CR_NAMES, decode, REGISTER_NAMES } from "../machine/isa";
import { hex } from "../shared/bits";
import { FORMAT_SLOTS, type Slot } from "./asm/formats";
import type { SymbolInfo } from "./image";

/** Names an address: "main", "main.loop", "msg+0x4"; undefined if no symbol covers it. */
export type SymbolLookup = (address: number) => string | undefined;

const KIND_RANK: Record<SymbolInfo["kind"], number> = { function: 0, object: 1, label: 2, constant: 3 };

/** A lookup over a symbol table: the nearest symbol at or below the address (constants are not addresses). */
export function symbolLookup(symbols: readonly SymbolInfo[]): SymbolLookup {
  const sorted = symbols
    .filter((s) => s.kind !== "constant")
    .map((s, index) => ({ s, index }))
    .sort(
      (a, b) => a.s.address - b.s.address || KIND_RANK[a.s.kind] - KIND_RANK[b.s.kind] || a.index - b.index,
    )
    .map(({ s }) => s);
  return (address) => {
    const target = address >>> 0;
    let lo = 0;
    let hi = sorted.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.address <= target) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    // The best-ranked symbol at that address is the first of its run.
    let first = found;
    while (first > 0 && sorted[first - 1]!.address === sorted[found]!.address) first--;
    const symbol = sorted[first]!;
    const offset = target - symbol.address;
    return offset === 0 ? symbol.name : `${symbol.name}+0x${offset.toString(16)}`;
  };
}

function immediate(value: number, slot: Slot): string {
  return slot.display === "hex" && value > 9 ? `0x${value.toString(16)}` : String(value);
}

/** One word as assembly text, as if it were at `address`. Never throws. */
export function disassemble(word: number, address: number, symbols?: SymbolLookup): string {
  const d = decode(word >>> 0);
  if (!d) return `.word ${hex(word)}`;
  const fields = { a: d.a, b: d.b, c: d.c };
  const operands = FORMAT_SLOTS[d.info.format].map((slot) => {
    switch (slot.kind) {
      case "reg":
        return REGISTER_NAMES[fields[slot.field!]]!;
      case "mem": {
        const base = REGISTER_NAMES[d.b]!;
        if (d.imm === 0) return `[${base}]`;
        return d.imm > 0 ? `[${base} + ${d.imm}]` : `[${base} - ${-d.imm}]`;
      }
      case "target": {
        const target = (address + 4 + d.imm * 4) >>> 0;
        return symbols?.(target) ?? hex(target);
      }
      case "cr":
        return CR_NAMES[d.imm] ?? String(d.imm);
      default:
        return immediate(d.imm, slot);
    }
  });
  return operands.length === 0 ? d.info.mnemonic : `${d.info.mnemonic} ${operands.join(", ")}`;
}

export interface DisassembledWord {
  address: number;
  /** Undefined when the memory could not be read. */
  word: number | undefined;
  text: string;
}

/** Disassembles `count` words from `start`; `readWord` returns undefined for memory it cannot read. */
export function disassembleRange(
  readWord: (address: number) => number | undefined,
  start: number,
  count: number,
  symbols?: SymbolLookup,
): DisassembledWord[] {
  const lines: DisassembledWord[] = [];
  for (let i = 0; i < count; i++) {
    const address = (start + i * 4) >>> 0;
    const word = readWord(address);
    lines.push({ address, word, text: word === undefined ? "??" : disassemble(word, address, symbols) });
  }
  return lines;
}
