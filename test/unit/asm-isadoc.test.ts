// Docs that come from the code: docs/isa.md's instruction table, and the pseudo-instruction and directive
// tables of docs/assembly.md, must be exactly what the tables in the code print (cell for cell; the
// column padding is the formatter's business). Every ```asm example in docs/assembly.md must assemble.
import { describe, expect, it } from "vitest";
import { INSTRUCTIONS } from "../../src/machine/isa";
import { assemble } from "../../src/toolchain/asm";
import { block, directiveTable, markers, pseudoTable } from "../../src/toolchain/asm/reference";
import { ISA_TABLE_END, ISA_TABLE_START, isaTable } from "../../src/toolchain/isaDoc";
import { between, normalize, readDoc } from "../support/docTables";

const docs = readDoc;

describe("docs tables", () => {
  it("isaTable has one row per instruction, with its opcode, cycles and privilege", () => {
    const rows = isaTable().split("\n").slice(2);
    expect(rows).toHaveLength(INSTRUCTIONS.length);
    expect(rows[0]).toBe("| `add` | `rd, rs1, rs2` | R | 0x01 | 1 |  | rd = rs1 + rs2 (wraps) |");
    const halt = INSTRUCTIONS.find((i) => i.mnemonic === "halt")!;
    expect(rows.find((r) => r.startsWith("| `halt`"))).toBe(
      `| \`halt\` |  | N | 0x${halt.opcode.toString(16)} | ${halt.cycles} | yes | ${halt.summary} |`,
    );
    expect(rows.find((r) => r.startsWith("| `ldw`"))).toContain("`rd, [rs1 + simm16]`");
  });

  it("docs/isa.md holds exactly the generated instruction table", () => {
    expect(between(docs("isa.md"), ISA_TABLE_START, ISA_TABLE_END)).toBe(normalize(isaTable()));
  });

  it("docs/assembly.md holds exactly the generated pseudo-instruction and directive tables", () => {
    const text = docs("assembly.md");
    expect(between(text, ...markers("pseudo-table"))).toBe(normalize(pseudoTable()));
    expect(between(text, ...markers("directive-table"))).toBe(normalize(directiveTable()));
    expect(block("x", "t")).toBe("<!-- x:start -->\nt\n<!-- x:end -->");
  });
});

describe("docs/assembly.md examples", () => {
  const blocks = [...docs("assembly.md").matchAll(/```asm\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it("has examples", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  blocks.forEach((block, i) => {
    it(`example ${i + 1} assembles without a diagnostic`, () => {
      const r = assemble(block, { file: `example${i + 1}.s` });
      expect(r.diagnostics).toEqual([]);
      expect(r.image).toBeDefined();
    });
  });
});
