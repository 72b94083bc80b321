/**
 * Section layout and the finished image. Sections go in the order .text, .rodata, .data, .bss from the
 * base, each starting on a page boundary so the loader can give every page one set of permissions:
 *
 *   base                                                             (every start is page-aligned)
 *   | .text (r-x) | pad | .rodata (r--) | pad | .data (rw-) | pad | .bss (rw-, zeros, not stored) |
 *
 * An empty section takes no space: it starts where the next one does and has size 0.
 */

import { PAGE_SIZE } from "../../machine/isa";
import type { Image, Relocation, Section, SourceLocation, SymbolInfo } from "../image";
import { SECTION_NAMES, type SectionName, type SectionStarts, type SymbolTable } from "./symbols";
import type { Walker } from "./walker";

/** The most bytes an image may store (a bigger one is almost certainly a mistake, like .org 0x7fff0000). */
export const MAX_IMAGE_BYTES = 16 * 1024 * 1024;

const PERMISSIONS: Record<SectionName, { writable: boolean; executable: boolean }> = {
  text: { writable: false, executable: true },
  rodata: { writable: false, executable: false },
  data: { writable: true, executable: false },
  bss: { writable: true, executable: false },
};

const alignUp = (value: number): number => Math.ceil(value / PAGE_SIZE) * PAGE_SIZE;

export function layoutSections(base: number, sizes: Record<SectionName, number>): SectionStarts {
  const starts = { text: base } as SectionStarts;
  let end = base + sizes.text;
  for (const name of SECTION_NAMES.slice(1)) {
    starts[name] = alignUp(end);
    end = starts[name] + sizes[name];
  }
  return starts;
}

/** Where the image's address range ends (may pass 2^32, which is an error). */
export const layoutEnd = (starts: SectionStarts, sizes: Record<SectionName, number>): number =>
  starts.bss + sizes.bss;

/** Bytes stored in the image: from the base to the end of the last non-empty section that is not .bss. */
export function storedBytes(base: number, starts: SectionStarts, sizes: Record<SectionName, number>): number {
  let end = base;
  for (const name of ["text", "rodata", "data"] as const)
    if (sizes[name] > 0) end = starts[name] + sizes[name];
  return end - base;
}

export interface ImageParts {
  base: number;
  entry: number;
  starts: SectionStarts;
  sizes: Record<SectionName, number>;
  buffers: Partial<Record<SectionName, Uint8Array>>;
  table: SymbolTable;
  pass2: Walker;
}

/** The symbol table of the image: labels by address (with their .type and .size), then constants. */
export function imageSymbols(table: SymbolTable, starts: SectionStarts): SymbolInfo[] {
  const symbols: SymbolInfo[] = [];
  for (const s of table.byName.values()) {
    if (s.kind === "label") {
      const info: SymbolInfo = {
        name: s.name,
        address: (starts[s.section] + s.offset) >>> 0,
        kind: s.type ?? "label",
      };
      if (s.size !== undefined) info.size = s.size;
      symbols.push(info);
    } else if (s.state === "done" && s.value) {
      symbols.push({ name: s.name, address: s.value.value >>> 0, kind: "constant" });
    }
  }
  return symbols.sort(
    (a, b) => (a.kind === "constant" ? 1 : 0) - (b.kind === "constant" ? 1 : 0) || a.address - b.address,
  );
}

export function buildImage(p: ImageParts): Image {
  const length = storedBytes(p.base, p.starts, p.sizes);
  const bytes = new Uint8Array(length);
  const sections: Section[] = SECTION_NAMES.map((name) => {
    const buffer = p.buffers[name];
    if (buffer && buffer.length > 0) bytes.set(buffer, p.starts[name] - p.base);
    return { name, start: p.starts[name] >>> 0, size: p.sizes[name], ...PERMISSIONS[name] };
  });
  const relocations: Relocation[] = p.pass2.relocations
    .map((r) => ({ offset: r.address - p.base, kind: r.kind }))
    .sort((a, b) => a.offset - b.offset);
  const sourceMap: SourceLocation[] = p.pass2.sourceMap
    .map((location, index) => ({ location, index }))
    .sort((a, b) => a.location.address - b.location.address || a.index - b.index)
    .map(({ location }) => location);
  return {
    base: p.base,
    entry: p.entry >>> 0,
    bytes,
    sections,
    relocations,
    symbols: imageSymbols(p.table, p.starts),
    sourceMap,
    kernelCalls: p.pass2.kernelCalls,
  };
}
