/**
 * The two-pass assembler: parse every line, run pass 1 until the section layout settles, lay out the
 * sections, run pass 2 to write the bytes, then check what can only be checked at the end (.entry,
 * .global) and build the image.
 *
 * Pass 1 usually runs twice: the first run sizes the sections with every section provisionally at the
 * base, the second confirms that nothing moved (only `.org`, and `.space` sized by labels, depend on
 * where a section starts).
 */

import { PAGE_SIZE } from "../../machine/isa";
import { type Diagnostic, hasErrors } from "../../shared/diagnostic";
import { symbolLookup } from "../disassemble";
import { DEFAULT_IMAGE_BASE, type Image } from "../image";
import type { ListingLine } from "../listing";
import { Environment } from "./environment";
import { isFailure } from "./evaluate";
import { buildImage, imageSymbols, layoutEnd, layoutSections, MAX_IMAGE_BYTES, storedBytes } from "./layout";
import { MESSAGES } from "./messages";
import { parseSource } from "./parser";
import { DiagnosticSink } from "./sink";
import { didYouMean } from "./suggestions";
import { SECTION_NAMES, type SectionName, type SectionStarts, SymbolTable } from "./symbols";
import { Walker } from "./walker";

export interface AssembleOptions {
  /** The file name used in diagnostics and the source map (default "input.s"). */
  file?: string;
  /** The address the image is linked at (default DEFAULT_IMAGE_BASE); a multiple of 4096. */
  base?: number;
  /**
   * Build the listing (default true). Disassembling and formatting every line costs about as much as
   * the rest of pass 2, so builds nobody reads the listing of (the kernel's, the compiler's until its
   * listing is asked for) turn it off and get an empty one.
   */
  listing?: boolean;
}

export interface AssembleResult {
  /** Undefined when there is any error. */
  image: Image | undefined;
  /** Errors and warnings, in file order. */
  diagnostics: Diagnostic[];
  listing: ListingLine[];
}

const MAX_LAYOUT_ROUNDS = 6;
const FIRST_LINE = { line: 1, col: 1, length: 1 };

const sizesOf = (w: Walker): Record<SectionName, number> => ({ ...w.lc });
const sameStarts = (a: SectionStarts, b: SectionStarts): boolean => SECTION_NAMES.every((n) => a[n] === b[n]);

export function assembleSource(source: string, options: AssembleOptions = {}): AssembleResult {
  const file = options.file ?? "input.s";
  const base = options.base ?? DEFAULT_IMAGE_BASE;
  const sink = new DiagnosticSink(file);
  if (!Number.isInteger(base) || base < 0 || base > 0xffffffff || base % PAGE_SIZE !== 0) {
    sink.error(FIRST_LINE, MESSAGES.badBase(base));
    return { image: undefined, diagnostics: sink.sorted(), listing: [] };
  }
  const statements = parseSource(source, sink);

  // Pass 1, until the layout stops moving.
  let starts: SectionStarts = { text: base, rodata: base, data: base, bss: base };
  let pass1: Walker;
  let pass1Sink: DiagnosticSink;
  for (let round = 1; ; round++) {
    pass1Sink = new DiagnosticSink(file);
    pass1 = new Walker(1, { statements, file, starts, table: new SymbolTable(), sink: pass1Sink });
    pass1.run();
    const next = layoutSections(base, sizesOf(pass1));
    if (sameStarts(next, starts)) break;
    // Sizes that no address went into are the same at any starts: the walk need not be repeated
    // (labels are kept as section offsets, so its symbol table holds at the real starts too).
    if (!pass1.layoutDependent) {
      starts = next;
      break;
    }
    if (round === MAX_LAYOUT_ROUNDS) {
      sink.error(FIRST_LINE, MESSAGES.layoutUnstable());
      break;
    }
    starts = next;
  }
  sink.absorb(pass1Sink);
  const table = pass1.input.table;
  const sizes = sizesOf(pass1);

  // Room for the bytes, unless the layout is impossible.
  const buffers: Partial<Record<SectionName, Uint8Array>> = {};
  const stored = storedBytes(base, starts, sizes);
  if (layoutEnd(starts, sizes) > 0x1_0000_0000) sink.error(FIRST_LINE, MESSAGES.addressSpaceOverflow());
  else if (stored > MAX_IMAGE_BYTES) sink.error(FIRST_LINE, MESSAGES.imageTooLarge(stored, MAX_IMAGE_BYTES));
  else for (const name of ["text", "rodata", "data"] as const) buffers[name] = new Uint8Array(sizes[name]);

  // Pass 2 (the symbols name addresses in the listing's disassembly).
  const listing = options.listing ?? true;
  const symbols = listing ? symbolLookup(imageSymbols(table, starts)) : undefined;
  const pass2 = new Walker(2, { statements, file, starts, table, sink, buffers, symbols, listing });
  pass2.run();

  // What can only be checked once everything is defined.
  const entry = entryPoint(pass2, table, starts, sink);
  for (const g of pass2.globals) {
    if (table.lookup(g.name, g.scope)) continue;
    sink.error({ line: g.line, ...g.span }, MESSAGES.globalUndefined(g.name), () =>
      didYouMean(g.name, table.namesVisibleFrom(g.scope)),
    );
  }

  const diagnostics = sink.sorted();
  const image = hasErrors(diagnostics)
    ? undefined
    : buildImage({ base, entry, starts, sizes, buffers, table, pass2 });
  return { image, diagnostics, listing: pass2.listing };
}

/** .entry if given, else _start, else main, else the start of .text. */
function entryPoint(pass2: Walker, table: SymbolTable, starts: SectionStarts, sink: DiagnosticSink): number {
  const e = pass2.entry;
  if (e) {
    const env = new Environment({
      table,
      starts,
      mode: "final",
      reportInConstant: (c, f) =>
        sink.error({ line: c.line, col: f.col, length: f.length }, f.message, f.suggestion),
    });
    const result = env.evaluate(e.expr, e.scope, e.dot);
    if (!isFailure(result)) return result.value >>> 0;
    if (result.kind === "error") sink.error({ line: e.line, ...result }, result.message, result.suggestion);
    return starts.text;
  }
  for (const name of ["_start", "main"]) {
    const s = table.byName.get(name);
    if (s?.kind === "label") return (starts[s.section] + s.offset) >>> 0;
  }
  return starts.text;
}
