// The driver C docs are checked against the compiler: docs/kernel-api.md's tables are what the code
// prints, every ```c example of docs/driver-c.md compiles and does what its comments say, and every
// row of its "not supported" table gives exactly the error it names.
import { describe, expect, it } from "vitest";
import { KERNEL_SERVICES } from "../../src/shared/kernelApi";
import {
  eventKindTable,
  headerTable,
  libraryTable,
  markers,
  serviceTable,
} from "../../src/toolchain/c/apiDoc";
import { compile } from "../../src/toolchain/c/index";
import { type Mode, runProgram } from "../support/bareHost";
import { readExpectations } from "../support/cExpectations";
import { between, normalize, readDoc } from "../support/docTables";

describe("docs/kernel-api.md", () => {
  const text = readDoc("kernel-api.md");

  it("holds exactly the generated tables", () => {
    expect(between(text, ...markers("kernel-api"))).toBe(normalize(serviceTable()));
    expect(between(text, ...markers("event-kinds"))).toBe(normalize(eventKindTable()));
    expect(between(text, ...markers("library"))).toBe(normalize(libraryTable()));
    expect(between(text, ...markers("headers"))).toBe(normalize(headerTable()));
  });

  it("has a section for every service, with its prototype", () => {
    for (const s of KERNEL_SERVICES) {
      const section = text.split(`\n### ${s.name}\n`)[1];
      expect(section, `no section for ${s.name}`).toBeDefined();
      expect(section!.trimStart().startsWith(`\`${s.prototype}\``), s.name).toBe(true);
    }
  });
});

describe("docs/driver-c.md", () => {
  const text = readDoc("driver-c.md");
  const examples = [...text.matchAll(/```c\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it("has examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((e, i) => [i + 1, e]))("example %i does what its comments say", (_n, source) => {
    const want = readExpectations(source as string);
    const compiled = compile(source as string, { file: "example.c", checked: want.checked, base: 0x1000 });
    expect(compiled.diagnostics).toEqual([]);
    for (const mode of ["user", "kernel"] as Mode[]) {
      const run = runProgram(compiled.image!, { mode });
      const lines = run.output.split("\n");
      if (lines.at(-1) === "") lines.pop();
      expect(lines).toEqual(want.output);
      expect(run.panic).toBe(want.panic);
      expect(run.trap).toBeUndefined();
    }
  });

  const rows = between(text, ...markers("unsupported"))!
    .split("\n")
    .slice(2)
    .map((row) => row.split(/(?<!\\)\|/).map((cell) => cell.trim()))
    .map((cells) => ({ what: cells[1]!, example: cells[2]!.slice(1, -1), error: cells[3]!.slice(1, -1) }));

  it("lists unsupported constructs", () => {
    expect(rows.length).toBeGreaterThanOrEqual(5);
  });

  it.each(rows)("$what gives its error", ({ example, error }) => {
    // An example is a declaration or a statement: try it at file scope, then inside main.
    const placements = [
      `${example}\nint main(void) { return 0; }\n`,
      `int main(void) {\n    ${example}\n    return 0;\n}\n`,
    ];
    const firstErrors = placements.map(
      (source) => compile(source).diagnostics.find((d) => d.severity === "error")?.message,
    );
    expect(firstErrors).toContain(error);
  });
});
