/**
 * Moving an image to another base address. Everything that holds an address moves by the same delta:
 * sections, symbols (not constants), the source map, kernel call sites, the entry point, debug info,
 * and, inside the bytes, every relocation: an abs32 word gets the delta added, a hilo pair
 * (`lui rd, hi` then `ori rd, rd, lo`) has (hi << 16 | lo) + delta written back into its two immediates.
 * Code itself needs nothing else: branches and jumps are relative to the pc.
 */

import type { DebugInfo, Image } from "./image";

export function relocate(image: Image, newBase: number): Image {
  const delta = (newBase - image.base) | 0;
  const move = (address: number): number => (address + delta) >>> 0;
  const bytes = image.bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const r of image.relocations) {
    const words = r.kind === "hilo" ? 2 : 1;
    // A relocation outside the bytes cannot be honoured; skip it rather than throw.
    if (r.offset < 0 || r.offset + 4 * words > bytes.length) continue;
    if (r.kind === "abs32") {
      view.setUint32(r.offset, move(view.getUint32(r.offset, true)), true);
      continue;
    }
    const lui = view.getUint32(r.offset, true);
    const ori = view.getUint32(r.offset + 4, true);
    const value = move(((lui & 0xffff) << 16) | (ori & 0xffff));
    view.setUint32(r.offset, ((lui & 0xffff0000) | (value >>> 16)) >>> 0, true);
    view.setUint32(r.offset + 4, ((ori & 0xffff0000) | (value & 0xffff)) >>> 0, true);
  }
  const moved: Image = {
    base: newBase >>> 0,
    entry: move(image.entry),
    bytes,
    sections: image.sections.map((s) => ({ ...s, start: move(s.start) })),
    relocations: image.relocations.map((r) => ({ ...r })),
    symbols: image.symbols.map((s) =>
      s.kind === "constant" ? { ...s } : { ...s, address: move(s.address) },
    ),
    sourceMap: image.sourceMap.map((l) => ({ ...l, address: move(l.address) })),
    kernelCalls: image.kernelCalls.map((k) => ({ ...k, address: move(k.address) })),
  };
  if (image.debug) moved.debug = relocateDebug(image.debug, move);
  return moved;
}

function relocateDebug(debug: DebugInfo, move: (address: number) => number): DebugInfo {
  // Only a global's address moves: frame offsets and registers are the same wherever the code is.
  const variable = <T extends DebugInfo["globals"][number]>(v: T): T =>
    v.location.kind === "global"
      ? { ...v, location: { kind: "global", address: move(v.location.address) } }
      : { ...v, location: { ...v.location } };
  return {
    globals: debug.globals.map(variable),
    functions: debug.functions.map((f) => ({
      ...f,
      start: move(f.start),
      end: move(f.end),
      locals: f.locals.map(variable),
    })),
  };
}
