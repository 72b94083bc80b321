// Golden `ringlab cc` output: each test/golden/cc/NAME.c has its expected listing (or diagnostics) in
// NAME.listing. Run with UPDATE_GOLDEN=1 to rewrite them, then review the diff; they are never
// rewritten otherwise. Checked-mode listings are NAME.checked.listing for files whose name says so.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/shared/diagnostic";
import { compile } from "../../src/toolchain/c/index";
import { expectGolden } from "../support/golden";

const DIR = join(import.meta.dirname, "../golden/cc");

function render(name: string, source: string, checked: boolean): string {
  const result = compile(source, { file: name, checked });
  const parts = result.diagnostics.map((d) => formatDiagnostic(d, source));
  if (result.image) parts.push(result.listing.trimEnd());
  return `${parts.join("\n")}\n`;
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".c"))
  .sort();

describe("golden cc listings", () => {
  it("there are golden files", () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  for (const file of files) {
    for (const checked of file === "bounds.c" ? [false, true] : [false]) {
      const expectedPath = join(DIR, file.replace(/\.c$/, checked ? ".checked.listing" : ".listing"));
      it(`${file}${checked ? " --checked" : ""}`, () => {
        const actual = render(file, readFileSync(join(DIR, file), "utf8"), checked);
        expectGolden(expectedPath, actual);
      });
    }
  }
});
