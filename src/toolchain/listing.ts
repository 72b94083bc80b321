/**
 * The assembler's listing: every source line beside the address and bytes it produced, with each
 * instruction word disassembled, so a learner sees exactly what a pseudo-instruction became.
 *
 *   address   encoding  disassembly                   ; source
 *   00400000  01100003  addi a0, zero, 3              ;     li a0, 3
 */

import { hex } from "../shared/bits";
import type { Image } from "./image";

export interface ListingLine {
  /** 1-based line in the assembly source this listing line belongs to. */
  line: number;
  /** Address of what is shown, when the line has one (it emits something or defines a label). */
  address?: number;
  /**
   * The encoding in hex: an instruction or .word as its 32-bit value (8 digits), a .half as 4 digits,
   * bytes in memory order (up to 4 per line, 2 digits each); "" when nothing was emitted.
   */
  hex: string;
  /** The disassembly of an instruction word, or a short note such as "(4096 bytes)". */
  text: string;
  /** The source line, on the first listing line of each source line; "" on continuation lines. */
  source: string;
}

const TEXT_WIDTH = 28;

/** Expands tabs to 4-column stops so the listing lines up whatever the source used. */
export function expandTabs(text: string): string {
  let out = "";
  for (const c of text) out += c === "\t" ? " ".repeat(4 - (out.length % 4)) : c;
  return out;
}

export function formatListingLine(l: ListingLine): string {
  const address = l.address === undefined ? "" : hex(l.address).slice(2);
  const source = l.source === "" ? "" : `; ${l.source}`;
  return `${address.padEnd(8)}  ${l.hex.padEnd(8)}  ${l.text.padEnd(TEXT_WIDTH)}  ${source}`.trimEnd();
}

/** The whole listing, one line per ListingLine. */
export function formatListing(result: { listing: readonly ListingLine[] }): string {
  return result.listing.map(formatListingLine).join("\n");
}

const PERMISSIONS = (s: Image["sections"][number]): string =>
  `r${s.writable ? "w" : "-"}${s.executable ? "x" : "-"}`;

/** A summary of an image for people: entry, sections, symbols, relocations and kernel calls. */
export function formatImageSummary(image: Image): string {
  const symbolAt = new Map(
    image.symbols.filter((s) => s.kind !== "constant").map((s) => [s.address, s.name]),
  );
  const out = [
    `entry ${hex(image.entry)}${symbolAt.has(image.entry) ? ` (${symbolAt.get(image.entry)})` : ""}`,
  ];
  out.push(`base ${hex(image.base)}, ${image.bytes.length} bytes stored`);
  out.push("sections:");
  for (const s of image.sections) {
    out.push(`  ${s.name.padEnd(7)} ${hex(s.start)}  ${String(s.size).padStart(7)} bytes  ${PERMISSIONS(s)}`);
  }
  out.push("symbols:");
  for (const s of image.symbols) {
    const size = s.size === undefined ? "" : `  size ${s.size}`;
    out.push(`  ${hex(s.address)}  ${s.kind.padEnd(8)}  ${s.name}${size}`);
  }
  if (image.relocations.length > 0) {
    out.push("relocations:");
    for (const r of image.relocations) out.push(`  +${hex(r.offset)}  ${r.kind}`);
  }
  if (image.kernelCalls.length > 0) {
    out.push("kernel calls:");
    for (const k of image.kernelCalls) out.push(`  ${hex(k.address)}  sys ${k.service}  ${k.name}`);
  }
  return out.join("\n");
}
