/**
 * The `ringlab cc` listing: the assembler's listing (address, encoding, disassembly, assembly line)
 * with each line of C shown above the instructions it became.
 *
 *   // sensor.c:12  total += buf[i];
 *   00400040  0d50fff8  ldw t0, [fp - 8]              ;     ldw   t0, [fp - 8]
 */
import { formatListingLine, type ListingLine } from "../listing";

/** Lines that place nothing in memory and say nothing a reader of the listing needs. */
const QUIET = /^\s*(\.(loc|file|func|endfunc|global|type|size|text|rodata|data|bss|entry)\b|$)/;

export function cListing(
  assembly: string,
  listing: readonly ListingLine[],
  sources: Record<string, string>,
): string {
  const asmLines = assembly.split("\n");
  const sourceLines = new Map(Object.entries(sources).map(([file, text]) => [file, text.split("\n")]));
  // The C place in effect at each assembly line (1-based), from the .file and .loc directives.
  const places: ({ file: string; line: number } | undefined)[] = [undefined];
  let file = "";
  let place: { file: string; line: number } | undefined;
  for (const text of asmLines) {
    const f = /^\s*\.file\s+"([^"]*)"/.exec(text);
    if (f) {
      file = f[1]!;
      place = undefined;
    }
    const loc = /^\s*\.loc\s+(\d+)/.exec(text);
    if (loc) place = { file, line: Number(loc[1]) };
    if (/^\s*\.endfunc\b/.test(text)) place = undefined;
    places.push(place);
  }
  const out: string[] = [];
  const shownUpTo = new Map<string, number>();
  let lastKey = "";
  for (const l of listing) {
    const at = places[l.line];
    const key = at ? `${at.file}:${at.line}` : "";
    if (at && key !== lastKey) {
      const lines = sourceLines.get(at.file) ?? [];
      const upTo = shownUpTo.get(at.file) ?? 0;
      // Show the lines skipped since the last one shown (declarations, comments), then this one.
      const from = at.line > upTo && at.line - upTo <= 8 ? upTo + 1 : at.line;
      for (let n = from; n <= at.line; n++) {
        const text = (lines[n - 1] ?? "").trimEnd();
        if (text.trim() !== "" || n === at.line) out.push(`// ${at.file}:${n}  ${text.trim()}`);
      }
      shownUpTo.set(at.file, Math.max(upTo, at.line));
    }
    lastKey = key || lastKey;
    if (l.hex === "" && QUIET.test(asmLines[l.line - 1] ?? "")) continue;
    out.push(formatListingLine(l));
  }
  return `${out.join("\n")}\n`;
}
