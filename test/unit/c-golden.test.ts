/**
 * Every driver C program under test/c/ states what it must do in comments (see
 * test/support/cExpectations.ts). Each is compiled, then run on the bare machine in user and in kernel
 * status: the output must be what the comments say, and the same in both.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { compile } from "../../src/toolchain/c/index";
import { type Mode, runProgram } from "../support/bareHost";
import { readExpectations } from "../support/cExpectations";

const ROOT = join(import.meta.dirname, "..", "c");

function cFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return cFiles(path);
    return entry.name.endsWith(".c") ? [path] : [];
  });
}

const files = cFiles(ROOT).sort();
const located = (d: { line: number; col: number; message: string }) => `${d.line}:${d.col} ${d.message}`;

describe("driver C golden programs", () => {
  test("there are programs to run", () => {
    expect(files.length).toBeGreaterThan(150);
  });

  test.each(files.map((f) => [relative(ROOT, f), f]))("%s", (_name, path) => {
    const source = readFileSync(path, "utf8");
    const want = readExpectations(source);
    const file = basename(path);
    const compiled = compile(source, { file, checked: want.checked, base: 0x1000 });
    const errors = compiled.diagnostics.filter((d) => d.severity === "error").map(located);
    const warnings = compiled.diagnostics.filter((d) => d.severity === "warning").map(located);
    expect(errors).toEqual(want.errors.map(located));
    expect(warnings).toEqual(want.warnings.map(located));
    if (want.errors.length > 0) {
      expect(compiled.image).toBeUndefined();
      return;
    }
    const image = compiled.image!;
    const outputs: string[] = [];
    for (const mode of ["user", "kernel"] as Mode[]) {
      const run = runProgram(image, { mode, maxCycles: 20_000_000 });
      expect(run.timedOut, `${mode}: ran out of cycles`).toBe(false);
      const lines = run.output.split("\n");
      if (lines.at(-1) === "") lines.pop();
      expect(lines, `${mode} output`).toEqual(want.output);
      expect(run.trap?.name, `${mode} trap`).toBe(want.trap);
      expect(run.panic, `${mode} panic`).toBe(want.panic);
      if (!want.trap && !want.panic) expect(run.exitCode, `${mode} exit code`).toBe(want.exit ?? 0);
      outputs.push(run.output);
    }
    expect(outputs[0]).toBe(outputs[1]);
  });
});
