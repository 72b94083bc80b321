// Directives, sections and layout, symbols, local labels, relocations, kernel API stubs and source mapping.
import { describe, expect, it } from "vitest";
import { BY_MNEMONIC, encode, REG } from "../../src/machine/isa";
import { KERNEL_SERVICE_BY_NAME } from "../../src/shared/kernelApi";
import { assemble } from "../../src/toolchain/asm";
import type { Image } from "../../src/toolchain/image";

function image(src: string, base = 0x1000): Image {
  const r = assemble(src, { base, file: "t.s" });
  expect(r.diagnostics).toEqual([]);
  return r.image!;
}

const bytesAt = (img: Image, address: number, n: number): number[] => [
  ...img.bytes.subarray(address - img.base, address - img.base + n),
];
const wordAt = (img: Image, address: number): number => {
  const [a, b, c, d] = bytesAt(img, address, 4);
  return (a! | (b! << 8) | (c! << 16) | (d! << 24)) >>> 0;
};
const symbol = (img: Image, name: string) => img.symbols.find((s) => s.name === name);
const NOP = encode(BY_MNEMONIC.get("addi")!.opcode, 0, 0, 0, 0, "I");

describe("sections", () => {
  it("are laid out .text, .rodata, .data, .bss, each on its own page, with permissions", () => {
    const img = image(".data\nd: .word 1\n.text\nnop\nnop\n.bss\nb: .space 10\n.rodata\nr: .byte 7\n");
    expect(img.sections).toEqual([
      { name: "text", start: 0x1000, size: 8, writable: false, executable: true },
      { name: "rodata", start: 0x2000, size: 1, writable: false, executable: false },
      { name: "data", start: 0x3000, size: 4, writable: true, executable: false },
      { name: "bss", start: 0x4000, size: 10, writable: true, executable: false },
    ]);
    expect(img.bytes.length).toBe(0x2004); // up to the end of .data; .bss is not stored
    expect(bytesAt(img, 0x2000, 1)).toEqual([7]);
    expect(wordAt(img, 0x3000)).toBe(1);
    expect([symbol(img, "r")!.address, symbol(img, "d")!.address, symbol(img, "b")!.address]).toEqual([
      0x2000, 0x3000, 0x4000,
    ]);
  });

  it("empty sections take no space", () => {
    const img = image(".data\nx: .word 5\n");
    expect(img.sections.map((s) => [s.name, s.start, s.size])).toEqual([
      ["text", 0x1000, 0],
      ["rodata", 0x1000, 0],
      ["data", 0x1000, 4],
      ["bss", 0x2000, 0],
    ]);
    expect(img.bytes.length).toBe(4);
  });

  it("a section can be reopened, and .section NAME is the same as .NAME", () => {
    const img = image(".text\nnop\n.section .data\n.word 1\n.section text\nhalt\n.section rodata\n.byte 2");
    expect(img.sections.map((s) => s.size)).toEqual([8, 1, 4, 0]);
    expect(wordAt(img, 0x1004)).toBe(0x34000000);
  });

  it("a page-sized .text pushes .rodata to the next page", () => {
    const img = image(".space 4096\n.rodata\n.byte 1");
    expect(img.sections[1]!.start).toBe(0x2000);
    const img2 = image(".space 4097\n.rodata\n.byte 1");
    expect(img2.sections[1]!.start).toBe(0x3000);
  });
});

describe("data directives", () => {
  it(".word, .half, .byte (little-endian, negatives in two's complement)", () => {
    const img = image(".word 0x11223344, -1\n.half 0xabcd, -2\n.byte 1, 255, -128");
    expect(bytesAt(img, 0x1000, 15)).toEqual([
      0x44, 0x33, 0x22, 0x11, 255, 255, 255, 255, 0xcd, 0xab, 0xfe, 0xff, 1, 255, 128,
    ]);
  });
  it(".ascii and .asciz with escapes, several strings", () => {
    const img = image('.ascii "hi\\n", "\\x41"\n.asciz "a", ""');
    expect(bytesAt(img, 0x1000, 8)).toEqual([104, 105, 10, 0x41, 97, 0, 0]);
    expect(img.sections[0]!.size).toBe(7);
  });
  it(".space with and without a fill, and .zero", () => {
    const img = image(".space 3, 0xaa\n.space 2\n.zero 2\n.byte 9");
    expect(bytesAt(img, 0x1000, 8)).toEqual([0xaa, 0xaa, 0xaa, 0, 0, 0, 0, 9]);
  });
  it(".align pads .text with nop and other sections with zeros", () => {
    const img = image(".byte 1\n.align 8\nhalt\n.data\n.byte 2\n.align 4\n.byte 3");
    expect(bytesAt(img, 0x1000, 4)).toEqual([1, 0, 0, 0]);
    expect(wordAt(img, 0x1004)).toBe(NOP);
    expect(wordAt(img, 0x1008)).toBe(0x34000000);
    expect(bytesAt(img, 0x2000, 5)).toEqual([2, 0, 0, 0, 3]);
    expect(image(".align 1\n.byte 1\n.align 2").sections[0]!.size).toBe(2);
  });
  it("a size computed from an address is computed again once the sections have moved", () => {
    // With every section at the base, r would be 0x1000 and the .space 1 byte; at its real place,
    // 0x2000, it is 2 bytes, and y must come after those 2.
    const img = image("nop\n.rodata\nr: .byte 7\n.data\nx: .space (r >> 12) & 0xf\ny: .byte 9\n");
    expect(symbol(img, "y")!.address).toBe(0x3002);
    expect(bytesAt(img, 0x3000, 3)).toEqual([0, 0, 9]);
  });

  it("sizes that no address went into are the same wherever the sections start", () => {
    const img = image("nop\nnop\n.rodata\nr: .space 3, 1\n.data\nk = 2\nx: .space k * 2\ny: .byte 9\n");
    expect([symbol(img, "r")!.address, symbol(img, "y")!.address]).toEqual([0x2000, 0x3004]);
    expect(bytesAt(img, 0x2000, 3)).toEqual([1, 1, 1]);
  });

  it(".org moves forward to an absolute address", () => {
    const img = image("nop\n.org 0x1010\nhere: halt\n.data\n.byte 1\n.org 0x2008\nlater: .byte 2");
    expect(symbol(img, "here")!.address).toBe(0x1010);
    expect(wordAt(img, 0x1004)).toBe(0); // .org fills with zeros
    expect(symbol(img, "later")!.address).toBe(0x2008);
    expect(img.sections[2]!.size).toBe(9);
  });
});

describe("symbols", () => {
  it("constants with .equ and =, usable before their definition", () => {
    const img = image("li a0, A + B\n.equ A, 3\nB = A * 2");
    expect(wordAt(img, 0x1000)).toBe(encode(BY_MNEMONIC.get("lui")!.opcode, REG.A0, 0, 0, 0, "U"));
    expect(wordAt(img, 0x1004)).toBe(encode(BY_MNEMONIC.get("ori")!.opcode, REG.A0, REG.A0, 0, 9, "IU"));
    expect(symbol(img, "A")).toEqual({ name: "A", address: 3, kind: "constant" });
    expect(symbol(img, "B")).toEqual({ name: "B", address: 6, kind: "constant" });
  });
  it("symbols are case-sensitive; mnemonics are not", () => {
    const img = image("Loop: NOP\nloop: J Loop");
    expect(symbol(img, "Loop")!.address).toBe(0x1000);
    expect(symbol(img, "loop")!.address).toBe(0x1004);
  });
  it("local labels are scoped to the previous non-local label", () => {
    const img = image("f:\n.loop: nop\nbnez a0, .loop\ng:\n.loop: nop\nbnez a0, .loop\nj f.loop");
    expect(symbol(img, "f.loop")!.address).toBe(0x1000);
    expect(symbol(img, "g.loop")!.address).toBe(0x1008);
    expect(wordAt(img, 0x1004) & 0xffff).toBe(0xfffe); // back to f.loop
    expect(wordAt(img, 0x100c) & 0xffff).toBe(0xfffe); // back to g.loop
    expect(wordAt(img, 0x1010) & 0xfffff).toBe(0xffffb); // j f.loop: -5 words
  });
  it("a local constant belongs to its scope", () => {
    const img = image("f:\n.n = 2\nli a0, .n\ng:\n.n = 3\nli a0, .n");
    expect([symbol(img, "f.n")!.address, symbol(img, "g.n")!.address]).toEqual([2, 3]);
  });
  it(".type, .size and .global shape the symbol table", () => {
    const img = image(
      ".global main, buf\n.type main, function\nmain: nop\nret\n.size main, . - main\n.data\n.type buf, object\nbuf: .space 16\n.size buf, 16\nplain:",
    );
    expect(symbol(img, "main")).toEqual({ name: "main", address: 0x1000, kind: "function", size: 8 });
    expect(symbol(img, "buf")).toEqual({ name: "buf", address: 0x2000, kind: "object", size: 16 });
    expect(symbol(img, "plain")).toEqual({ name: "plain", address: 0x2010, kind: "label" });
  });
  it("the entry is .entry, else _start, else main, else the start of .text", () => {
    expect(image("nop\nfoo: nop\n.entry foo").entry).toBe(0x1004);
    expect(image("nop\nmain: nop\n_start: nop").entry).toBe(0x1008);
    expect(image("nop\nmain: nop").entry).toBe(0x1004);
    expect(image("nop\nnop").entry).toBe(0x1000);
  });
});

describe("relocations", () => {
  it("an address in .word gets abs32; a difference of addresses or a number gets none", () => {
    const img = image("nop\n.data\nstart: .word 1, start, start + 8, end - start, 42\nend:");
    expect(img.relocations).toEqual([
      { offset: 0x1004, kind: "abs32" },
      { offset: 0x1008, kind: "abs32" },
    ]);
    expect(wordAt(img, 0x2008)).toBe(0x2008);
    expect(wordAt(img, 0x200c)).toBe(20);
  });
  it("la of an address gets hilo at its lui; la of a number gets none; li of an address gets hilo", () => {
    const img = image('la a0, msg\nla a1, 1234\nli a2, msg + 1\n.rodata\nmsg: .asciz "x"');
    expect(img.relocations).toEqual([
      { offset: 0, kind: "hilo" },
      { offset: 16, kind: "hilo" },
    ]);
  });
});

describe(".kapi stubs", () => {
  it("emit the label, sys N and ret, and record the kernel call site", () => {
    const img = image("call printf\nhalt\n.kapi printf\n.kapi exit");
    const printf = KERNEL_SERVICE_BY_NAME.get("printf")!;
    const sys = BY_MNEMONIC.get("sys")!;
    const jalr = BY_MNEMONIC.get("jalr")!;
    expect(wordAt(img, 0x1008)).toBe(encode(sys.opcode, 0, 0, 0, printf.number, "K"));
    expect(wordAt(img, 0x100c)).toBe(encode(jalr.opcode, REG.ZERO, REG.LR, 0, 0, "JR"));
    expect(wordAt(img, 0x1010)).toBe(encode(sys.opcode, 0, 0, 0, 0, "K"));
    expect(img.kernelCalls).toEqual([
      { address: 0x1008, service: printf.number, name: "printf" },
      { address: 0x1010, service: 0, name: "exit" },
    ]);
    expect(symbol(img, "printf")).toEqual({ name: "printf", address: 0x1008, kind: "function", size: 8 });
  });
  it("a hand-written sys is not a kernel call site", () => {
    expect(image("sys 1\nret").kernelCalls).toEqual([]);
  });
});

describe("source map", () => {
  it("maps each instruction word to its assembly line and function, sorted by address", () => {
    const img = image("main:\n  li a0, 0x12345\n  nop\n.data\n.word 1, 2\n.text\nhelper: halt");
    expect(img.sourceMap).toEqual([
      { address: 0x1000, file: "t.s", line: 2, col: 3, func: "main" },
      { address: 0x1004, file: "t.s", line: 2, col: 3, func: "main" },
      { address: 0x1008, file: "t.s", line: 3, col: 3, func: "main" },
      { address: 0x100c, file: "t.s", line: 7, col: 9, func: "helper" },
      { address: 0x2000, file: "t.s", line: 5, col: 1 }, // data belongs to no function
      { address: 0x2004, file: "t.s", line: 5, col: 1 },
    ]);
  });
  it(".file, .loc and .func map instructions to C source until the next .loc", () => {
    const src = [
      '.file "driver.c"',
      ".func add_one",
      "add_one:",
      ".loc 3 5",
      "  addi a0, a0, 1",
      "  nop",
      ".loc 4 1",
      "  ret",
      ".endfunc",
    ].join("\n");
    expect(image(src).sourceMap).toEqual([
      { address: 0x1000, file: "driver.c", line: 3, col: 5, func: "add_one" },
      { address: 0x1004, file: "driver.c", line: 3, col: 5, func: "add_one" },
      { address: 0x1008, file: "driver.c", line: 4, col: 1, func: "add_one" },
    ]);
  });
  it(".kapi stubs map to their own assembly line, whatever .loc says", () => {
    const img = image('.file "x.c"\nf:\n.loc 7 3\nnop\n.kapi exit');
    expect(img.sourceMap).toEqual([
      { address: 0x1000, file: "x.c", line: 7, col: 3, func: "f" },
      { address: 0x1004, file: "t.s", line: 5, col: 1, func: "exit" },
      { address: 0x1008, file: "t.s", line: 5, col: 1, func: "exit" },
    ]);
  });
  it("without .func the function is the latest non-local label in .text", () => {
    const img = image('.file "x.c"\nf:\n.loc 1 1\nnop\n.L1:\nnop');
    expect(img.sourceMap.map((l) => l.func)).toEqual(["f", "f"]);
  });
});
