/**
 * Checked mode: every conformance program, compiled checked, must print exactly what it prints
 * unchecked, except the few that read or write out of bounds on purpose (the lessons' bug), which
 * must now stop with the bounds panic instead of reading their neighbours.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { compile } from "../../src/toolchain/c/index";
import { runProgram } from "../support/bareHost";

const DIR = join(import.meta.dirname, "..", "c", "conformance");
/** (The other layout programs overrun inside printf and strcpy, where no pointer can be tied.) */
const OUT_OF_BOUNDS_ON_PURPOSE = new Set(["layout-globals-adjacent.c", "layout-write-past-array.c"]);

function run(source: string, file: string, checked: boolean) {
  const compiled = compile(source, { file, checked, base: 0x1000 });
  expect(compiled.image, compiled.diagnostics.map((d) => d.message).join("\n")).toBeDefined();
  return runProgram(compiled.image!, { mode: "user" });
}

describe("checked mode", () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith(".c"))
    .sort();
  test.each(files)("%s behaves the same checked", (file) => {
    const source = readFileSync(join(DIR, file), "utf8");
    const unchecked = run(source, file, false);
    const checked = run(source, file, true);
    if (OUT_OF_BOUNDS_ON_PURPOSE.has(file)) {
      expect(checked.panic).toMatch(/^index out of bounds: the len is \d+ but the index is -?\d+ at /);
      return;
    }
    expect(checked.panic).toBeUndefined();
    expect(checked.output).toBe(unchecked.output);
    expect(checked.exitCode).toBe(unchecked.exitCode);
  });

  test("checks cost instructions only where they are", () => {
    const source = "int a[8]; int main(void) { int i, s = 0; for (i = 0; i < 8; i++) s += a[i]; return s; }";
    const plain = compile(source, { checked: false }).assembly;
    const checked = compile(source, { checked: true }).assembly;
    expect(plain).not.toContain("__rl_bounds_fail");
    expect(checked).toContain("call  __rl_bounds_fail");
    expect(checked).toContain('.asciz "program.c:1"');
  });
});
