// The assembler never throws, whatever it is given: random text, binary garbage, token soups from the
// real vocabulary, and pathological inputs (deep or long expressions, huge numbers and sizes, 1 MB files).
// A host exception would surface as an "internal assembler error" diagnostic, which must never appear.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CR_NAMES, INSTRUCTIONS, REGISTER_NAMES } from "../../src/machine/isa";
import { KERNEL_SERVICES } from "../../src/shared/kernelApi";
import type { AssembleResult } from "../../src/toolchain/asm";
import { assemble, DIRECTIVES, PSEUDO_INSTRUCTIONS } from "../../src/toolchain/asm";

/** Checks the shape of any result: well-formed diagnostics, no internal error, an image only without errors. */
function wellFormed(source: string, base?: number): AssembleResult {
  const r = assemble(source, base === undefined ? {} : { base });
  for (const d of r.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.col).toBeGreaterThanOrEqual(1);
    expect(d.length).toBeGreaterThanOrEqual(1);
    expect(d.message).not.toMatch(/internal assembler error/);
  }
  const errors = r.diagnostics.filter((d) => d.severity === "error").length;
  expect(r.image === undefined).toBe(errors > 0);
  if (r.image) {
    const stored = r.image.sections.filter((s) => s.name !== "bss" && s.size > 0);
    const end = Math.max(r.image.base, ...stored.map((s) => s.start + s.size));
    expect(r.image.bytes.length).toBe(end - r.image.base);
  }
  return r;
}

const VOCABULARY = [
  ...INSTRUCTIONS.map((i) => i.mnemonic),
  ...PSEUDO_INSTRUCTIONS.map((p) => p.name),
  ...DIRECTIVES.keys(),
  ...REGISTER_NAMES,
  "r0",
  "r7",
  "r15",
  "r16",
  "x5",
  ...CR_NAMES,
  ...KERNEL_SERVICES.map((s) => s.name),
  ",",
  ":",
  "[",
  "]",
  "(",
  ")",
  "+",
  "-",
  "*",
  "/",
  "%",
  "<<",
  ">>",
  "&",
  "^",
  "|",
  "~",
  "!",
  "=",
  ".",
  "hi(",
  "lo(",
  ";",
  "//",
  "#",
  "@",
  "\\",
  "'",
  '"',
  "0",
  "1",
  "-1",
  "4",
  "31",
  "32",
  "0x7fff",
  "0x8000",
  "0xffff",
  "0x10000",
  "0xffffffff",
  "4294967296",
  "0b101",
  "0x",
  "'a'",
  "'\\n'",
  "'ab'",
  '"hi\\n"',
  '"unterminated',
  "'\\q'",
  "main",
  "_start",
  ".loop",
  "main.loop",
  "x",
  "N",
  "label",
  ".L1",
];

const line = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 12 }).map((tokens) => tokens.join(" "));
const soup = fc.array(line, { maxLength: 40 }).map((lines) => lines.join("\n"));

describe("the assembler never throws", () => {
  it("on random text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => void wellFormed(s)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => void wellFormed(s)),
      { numRuns: 100 },
    );
  });

  it("on binary garbage", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        (bytes) => void wellFormed(String.fromCharCode(...bytes)),
      ),
      { numRuns: 200 },
    );
  });

  it("on token soups from the real vocabulary", () => {
    fc.assert(
      fc.property(soup, (s) => void wellFormed(s)),
      { numRuns: 600 },
    );
  });

  it("on token soups at odd bases", () => {
    const base = fc.constantFrom(0, 0x1000, 0xfffff000, 0x1234, -4096, 2 ** 33, Number.NaN);
    fc.assert(
      fc.property(soup, base, (s, b) => void wellFormed(s, b)),
      { numRuns: 200 },
    );
  });

  it("on pathological inputs", () => {
    const cases = [
      `.word ${"(".repeat(100_000)}1${")".repeat(100_000)}`,
      `.word ${"-".repeat(100_000)}1`,
      `.word ${"~!".repeat(50_000)}1`,
      `.word ${"1+".repeat(200_000)}1`,
      `.word hi(${"lo(".repeat(5000)}1${")".repeat(5001)}`,
      `li a0, ${"9".repeat(100_000)}`,
      `li a0, 0x${"f".repeat(100_000)}`,
      `${"x".repeat(500_000)}: nop`,
      Array.from({ length: 20_000 }, (_, i) => `C${i} = C${i + 1} + 1`).join("\n"),
      Array.from({ length: 20_000 }, (_, i) => `C${i + 1} = C${i} + 1`).join("\n") +
        "\nC0 = 0\nli a0, C20000",
      ".space 0xffffffff",
      ".bss\n.space 0x7fffffff\n.space 0x7fffffff\n.space 0x7fffffff",
      ".org 0xfffffff0\nnop\nnop\nnop\nnop\nnop",
      ".org 0xffffffff",
      ".space -0x80000000",
      ".align 0x80000000",
      `.ascii "${"\\x41".repeat(200_000)}"`,
      "bad\n".repeat(100_000),
      "a: b: c: d:\n".repeat(10_000),
      "\u0000\uffff\ud800\udfff\u202e",
      "li a0, 'ab\nli a0, '\n\"\n[\n]\n.loc\n.loc 99999999999\n.file\n.entry\n.entry 1/0",
      "A = B\nB = A\nli a0, A\n.space A\n.org B",
      ".data\nd:\n.text\n.space 0x1000 + !(d - 0x402000)",
    ];
    for (const source of cases) wellFormed(source);
  });

  it("on 1 MB of ordinary assembly, in reasonable time", () => {
    const chunk = [
      "f{i}:",
      "    push lr",
      "    li   a0, {i}",
      "    la   a1, msg",
      ".loop:",
      "    addi a0, a0, -1",
      "    bnez a0, .loop",
      "    pop  lr",
      "    ret",
    ].join("\n");
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 1_000_000; i++) {
      const text = chunk.replaceAll("{i}", String(i));
      parts.push(text);
      size += text.length + 1;
    }
    const source = `${parts.join("\n")}\n.rodata\nmsg: .asciz "x"\n`;
    const started = performance.now();
    const r = wellFormed(source);
    const seconds = (performance.now() - started) / 1000;
    expect(r.diagnostics).toEqual([]);
    expect(r.image!.sections[0]!.size).toBeGreaterThan(200_000);
    expect(seconds).toBeLessThan(30);
  });
});
