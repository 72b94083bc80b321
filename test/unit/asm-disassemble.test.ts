// The disassembler (every format, symbols, words that are not instructions) and the listing's layout.
import { describe, expect, it } from "vitest";
import { BY_MNEMONIC, encode, REG } from "../../src/machine/isa";
import { assemble, formatListing } from "../../src/toolchain/asm";
import { disassemble, disassembleRange, symbolLookup } from "../../src/toolchain/disassemble";
import type { SymbolInfo } from "../../src/toolchain/image";
import { formatListingLine } from "../../src/toolchain/listing";

const enc = (m: string, a: number, b: number, c: number, imm: number): number => {
  const info = BY_MNEMONIC.get(m)!;
  return encode(info.opcode, a, b, c, imm, info.format);
};

describe("disassemble", () => {
  it("prints each format in the assembler's syntax, registers by ABI name", () => {
    const at = 0x400000;
    expect(disassemble(enc("add", REG.A0, REG.A1, REG.A2, 0), at)).toBe("add a0, a1, a2");
    expect(disassemble(enc("addi", REG.SP, REG.SP, 0, -16), at)).toBe("addi sp, sp, -16");
    expect(disassemble(enc("ori", REG.T0, REG.T0, 0, 0xbeef), at)).toBe("ori t0, t0, 0xbeef");
    expect(disassemble(enc("andi", REG.T0, REG.T0, 0, 7), at)).toBe("andi t0, t0, 7");
    expect(disassemble(enc("shli", REG.S0, REG.S1, 0, 31), at)).toBe("shli s0, s1, 31");
    expect(disassemble(enc("lui", REG.S2, 0, 0, 0x40), at)).toBe("lui s2, 0x40");
    expect(disassemble(enc("ldw", REG.A0, REG.FP, 0, -8), at)).toBe("ldw a0, [fp - 8]");
    expect(disassemble(enc("ldbu", REG.A0, REG.A1, 0, 0), at)).toBe("ldbu a0, [a1]");
    expect(disassemble(enc("stw", REG.LR, REG.SP, 0, 12), at)).toBe("stw lr, [sp + 12]");
    expect(disassemble(enc("beq", REG.A0, REG.ZERO, 0, -1), at)).toBe("beq a0, zero, 0x00400000");
    expect(disassemble(enc("jal", REG.LR, 0, 0, 3), at)).toBe("jal lr, 0x00400010");
    expect(disassemble(enc("jalr", REG.ZERO, REG.LR, 0, 0), at)).toBe("jalr zero, lr, 0");
    expect(disassemble(enc("halt", 0, 0, 0, 0), at)).toBe("halt");
    expect(disassemble(enc("sys", 0, 0, 0, 11), at)).toBe("sys 11");
    expect(disassemble(enc("mfcr", REG.T1, 0, 0, 4), at)).toBe("mfcr t1, tval");
    expect(disassemble(enc("mtcr", 0, REG.T1, 0, 8), at)).toBe("mtcr ptbr, t1");
    expect(disassemble(enc("mtcr", 0, REG.T1, 0, 12), at)).toBe("mtcr 12, t1");
    expect(disassemble(enc("in", REG.A0, 0, 0, 0x21), at)).toBe("in a0, 0x21");
    expect(disassemble(enc("out", REG.A0, 0, 0, 0x20), at)).toBe("out 0x20, a0");
  });

  it("prints words that are not instructions as .word", () => {
    expect(disassemble(0, 0)).toBe(".word 0x00000000");
    expect(disassemble(0xff123456, 0)).toBe(".word 0xff123456");
  });

  it("names branch targets with symbols: exact, or label+offset", () => {
    const symbols: SymbolInfo[] = [
      { name: "main", address: 0x1000, kind: "function" },
      { name: "main.loop", address: 0x1008, kind: "label" },
      { name: "N", address: 0x1010, kind: "constant" },
      { name: "data", address: 0x2000, kind: "object" },
    ];
    const lookup = symbolLookup(symbols);
    expect(disassemble(enc("bne", REG.A0, REG.ZERO, 0, -2), 0x100c, lookup)).toBe("bne a0, zero, main.loop");
    expect(disassemble(enc("jal", REG.LR, 0, 0, 3), 0x1000, lookup)).toBe("jal lr, main.loop+0x8");
    expect(disassemble(enc("jal", REG.LR, 0, 0, -2), 0x1000, lookup)).toBe("jal lr, 0x00000ffc");
    expect(lookup(0x1010)).toBe("main.loop+0x8"); // constants are not addresses
    expect(lookup(0x2000)).toBe("data");
  });

  it("disassembleRange reads words and marks unreadable ones", () => {
    const memory = new Map([
      [0x100, enc("addi", 0, 0, 0, 0)],
      [0x104, enc("halt", 0, 0, 0, 0)],
    ]);
    expect(disassembleRange((a) => memory.get(a), 0x100, 3)).toEqual([
      { address: 0x100, word: memory.get(0x100), text: "addi zero, zero, 0" },
      { address: 0x104, word: 0x34000000, text: "halt" },
      { address: 0x108, word: undefined, text: "??" },
    ]);
  });
});

describe("listing", () => {
  it("shows every source line with its address, encoding and disassembly", () => {
    const r = assemble(
      '; demo\nstart:\n\tli a0, 0x12345\n.data\nmsg: .asciz "Hi!!x"\n.word start\n.bss\nbuf: .space 64\n',
      {
        base: 0x1000,
      },
    );
    expect(formatListing(r).split("\n")).toEqual([
      "                                                  ; ; demo",
      "00001000                                          ; start:",
      "00001000  19100001  lui a0, 1                     ;     li a0, 0x12345",
      "00001004  12112345  ori a0, a0, 0x2345",
      "                                                  ; .data",
      '00002000  48692121                                ; msg: .asciz "Hi!!x"',
      "00002004  7800",
      "00002006  00001000                                ; .word start",
      "                                                  ; .bss",
      "00003000            (64 bytes)                    ; buf: .space 64",
      "",
    ]);
  });

  it("formats one line in fixed columns", () => {
    expect(
      formatListingLine({
        line: 1,
        address: 0x400000,
        hex: "1f100003",
        text: "addi a0, zero, 3",
        source: "li a0, 3",
      }),
    ).toBe("00400000  1f100003  addi a0, zero, 3              ; li a0, 3");
  });

  it("keeps a listing even when there are errors", () => {
    const r = assemble("nop\nbogus\nhalt", { base: 0x1000 });
    expect(r.image).toBeUndefined();
    expect(r.listing.map((l) => [l.line, l.address, l.text])).toEqual([
      [1, 0x1000, "addi zero, zero, 0"],
      [2, undefined, ""],
      [3, 0x1004, "halt"],
    ]);
  });
});
