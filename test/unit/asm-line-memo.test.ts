// A line's words are kept with its parse when they depend on its text alone, and reused by every copy
// of the line, in this assembly and later ones. What depends on more must never be reused.
import { describe, expect, it } from "vitest";
import { assemble } from "../../src/toolchain/asm";
import { cachedLineCount } from "../../src/toolchain/asm/parser";

function words(source: string): number[] {
  const r = assemble(source, { base: 0x1000, listing: false });
  if (!r.image) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  const text = r.image.sections.find((s) => s.name === "text")!;
  const bytes = r.image.bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = text.start - r.image.base;
  return Array.from({ length: text.size / 4 }, (_, i) => view.getUint32(at + i * 4, true));
}

describe("reused encodings", () => {
  it("a repeated line encodes the same, here and in a later assembly", () => {
    const line = "    ldw   t0, [fp - 16]";
    const first = words(`${line}\n${line}\n`);
    expect(first[0]).toBe(first[1]);
    expect(words(`    nop\n${line}\n`)[1]).toBe(first[0]);
  });

  it("a branch to a number is encoded again at each address", () => {
    const [a, b] = words("    beq   t0, t1, 0x1010\n    beq   t0, t1, 0x1010\n");
    expect(a).not.toBe(b);
    expect(words("    nop\n    beq   t0, t1, 0x1010\n")[1]).toBe(b);
  });

  it("a line that names a symbol is not reused: its value is this assembly's", () => {
    const source = (n: number) => `K = ${n}\n    addi  t0, t0, K\n`;
    expect(words(source(1))[0]).not.toBe(words(source(2))[0]);
  });

  it("every copy of a line with an error reports it, in every assembly", () => {
    const line = "    addi  t0, t0, 99999";
    for (let i = 0; i < 2; i++) {
      const r = assemble(`${line}\n${line}\n`);
      expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.line)).toEqual([1, 2]);
    }
  });

  it("the cache of parsed lines has a bound, however many distinct lines come", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `    addi  t0, t0, ${i % 30000}`);
    for (let round = 0; round < 2; round++) {
      const r = assemble(lines.join("\n"), { listing: false });
      expect(r.image).toBeDefined();
      expect(cachedLineCount()).toBeLessThanOrEqual(8192);
    }
  });
});
