// Golden listings: each test/golden/asm/NAME.s has its expected output beside it in NAME.listing (the
// listing and image summary, or the diagnostics). Run with UPDATE_GOLDEN=1 to rewrite the expected files,
// then review the diff; they are never rewritten otherwise.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hex } from "../../src/shared/bits";
import { formatDiagnostic } from "../../src/shared/diagnostic";
import { assemble, formatListing } from "../../src/toolchain/asm";
import { formatImageSummary } from "../../src/toolchain/listing";
import { expectGolden } from "../support/golden";

const DIR = join(import.meta.dirname, "../golden/asm");

function render(name: string, source: string): string {
  const result = assemble(source, { file: name });
  const parts = result.diagnostics.map((d) => formatDiagnostic(d, source));
  if (result.image) {
    parts.push(formatListing(result), "", formatImageSummary(result.image), "source map:");
    for (const l of result.image.sourceMap) {
      parts.push(`  ${hex(l.address)}  ${l.file}:${l.line}:${l.col}${l.func ? `  ${l.func}` : ""}`);
    }
  }
  return `${parts.join("\n")}\n`;
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".s"))
  .sort();

describe("golden listings", () => {
  it("there are golden files", () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of files) {
    it(file, () => {
      const actual = render(file, readFileSync(join(DIR, file), "utf8"));
      const expectedPath = join(DIR, file.replace(/\.s$/, ".listing"));
      expectGolden(expectedPath, actual);
    });
  }
});
