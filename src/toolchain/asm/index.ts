/**
 * The Ringlab assembler: assembly text -> image, diagnostics and listing. The syntax is documented in
 * docs/assembly.md; the C compiler emits the same syntax and assembles through `assemble`.
 */

import { type AssembleOptions, type AssembleResult, assembleSource } from "./assembler";
import { MESSAGES } from "./messages";

export type { ListingLine } from "../listing";
export { formatListing } from "../listing";
export type { AssembleOptions, AssembleResult } from "./assembler";
export { DIRECTIVES } from "./directives";
export { PSEUDO_INSTRUCTIONS } from "./pseudo";

/** Assembles `source`. Never throws: every problem, in any input, comes back as a diagnostic. */
export function assemble(source: string, options: AssembleOptions = {}): AssembleResult {
  try {
    return assembleSource(String(source), options);
  } catch (e) {
    // A host exception here is a bug in Ringlab; it still must not take the caller down.
    const detail = e instanceof Error ? e.message : String(e);
    return {
      image: undefined,
      diagnostics: [
        {
          severity: "error",
          file: options.file ?? "input.s",
          line: 1,
          col: 1,
          length: 1,
          message: MESSAGES.internalError(detail),
        },
      ],
      listing: [],
    };
  }
}
