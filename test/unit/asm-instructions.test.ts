// Instructions: operand syntax and encoding of every format, ranges, and every pseudo-instruction's expansion.
import { describe, expect, it } from "vitest";
import { BY_MNEMONIC, encode, REG } from "../../src/machine/isa";
import { assemble } from "../../src/toolchain/asm";
import { PSEUDO_INSTRUCTIONS } from "../../src/toolchain/asm/pseudo";
import { disassemble } from "../../src/toolchain/disassemble";

const BASE = 0x1000;

function words(src: string): number[] {
  const r = assemble(src, { base: BASE });
  expect(r.diagnostics).toEqual([]);
  const { bytes, sections } = r.image!;
  const out: number[] = [];
  for (let i = 0; i + 4 <= sections[0]!.size; i += 4) {
    out.push((bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0);
  }
  return out;
}

/** The text as the disassembler prints it: what each pseudo-instruction became. */
const dis = (src: string): string[] => words(src).map((w, i) => disassemble(w, BASE + 4 * i));

const enc = (m: string, a: number, b: number, c: number, imm: number): number => {
  const info = BY_MNEMONIC.get(m)!;
  return encode(info.opcode, a, b, c, imm, info.format);
};

describe("encoding of each format", () => {
  it("R: add rd, rs1, rs2", () => {
    expect(words("add a0, a1, a2")).toEqual([0x01123000]);
    expect(words("sub r15, r14, r13")).toEqual([enc("sub", 15, 14, 13, 0)]);
  });
  it("I: addi rd, rs1, simm16 (negative immediates sign-extend)", () => {
    expect(words("addi a0, zero, 3")).toEqual([0x10100003]);
    expect(words("addi sp, sp, -4")).toEqual([0x10eefffc]);
    expect(words("slti t0, t1, -32768\nsltiu t0, t1, 32767")).toEqual([
      enc("slti", REG.T0, REG.T1, 0, -32768),
      enc("sltiu", REG.T0, REG.T1, 0, 32767),
    ]);
  });
  it("IU: andi/ori/xori take 0..65535", () => {
    expect(words("ori a0, a0, 0xffff\nandi t0, t1, 0")).toEqual([
      0x1211ffff,
      enc("andi", REG.T0, REG.T1, 0, 0),
    ]);
  });
  it("SH: shifts take 0..31", () => {
    expect(words("shli a0, a1, 31\nshri a0, a1, 0\nsari a0, a1, 7")).toEqual([
      enc("shli", 1, 2, 0, 31),
      enc("shri", 1, 2, 0, 0),
      enc("sari", 1, 2, 0, 7),
    ]);
  });
  it("U: lui rd, uimm16", () => {
    expect(words("lui a0, 0x1234")).toEqual([0x19101234]);
  });
  it("L and S: memory operands [rs], [rs + e], [rs - e]", () => {
    expect(
      words("ldw a0, [sp]\nldw a0, [sp + 8]\nldb a0, [fp - 4]\nstw lr, [sp + 2 * 2]\nstb a1, [a0 - 1 + 2]"),
    ).toEqual([
      enc("ldw", REG.A0, REG.SP, 0, 0),
      enc("ldw", REG.A0, REG.SP, 0, 8),
      enc("ldb", REG.A0, REG.FP, 0, -4),
      enc("stw", REG.LR, REG.SP, 0, 4),
      enc("stb", REG.A1, REG.A0, 0, 1),
    ]);
  });
  it("B: branches count words from pc + 4, forward and backward", () => {
    expect(words("top: beq a0, a1, next\nnext: bne a0, zero, top")).toEqual([
      enc("beq", REG.A0, REG.A1, 0, 0),
      enc("bne", REG.A0, REG.ZERO, 0, -2),
    ]);
  });
  it("J: jal rd, label with a 20-bit word offset", () => {
    expect(words("jal lr, far\n.space 4000\nfar: halt")).toEqual([
      enc("jal", REG.LR, 0, 0, 1000),
      ...new Array(1000).fill(0),
      enc("halt", 0, 0, 0, 0),
    ]);
  });
  it("JR: jalr rd, rs1, simm16", () => {
    expect(words("jalr lr, t0, -8")).toEqual([enc("jalr", REG.LR, REG.T0, 0, -8)]);
  });
  it("N, K: no operands, and a number", () => {
    expect(words("halt\niret\nbrk\nsys 7\nhcall 65535")).toEqual([
      0x34000000,
      enc("iret", 0, 0, 0, 0),
      enc("brk", 0, 0, 0, 0),
      enc("sys", 0, 0, 0, 7),
      enc("hcall", 0, 0, 0, 0xffff),
    ]);
  });
  it("CRR, CRW: control registers by name (any case) or number", () => {
    expect(words("mfcr a0, cause\nmtcr TVEC, t0\nmfcr a0, 9\nmtcr 15, a1")).toEqual([
      enc("mfcr", REG.A0, 0, 0, 3),
      enc("mtcr", 0, REG.T0, 0, 6),
      enc("mfcr", REG.A0, 0, 0, 9),
      enc("mtcr", 0, REG.A1, 0, 15),
    ]);
  });
  it("IN, OUT: ports as expressions", () => {
    expect(words("CON = 0x20\nout CON, a0\nin a0, CON + 1")).toEqual([
      enc("out", REG.A0, 0, 0, 0x20),
      enc("in", REG.A0, 0, 0, 0x21),
    ]);
  });
  it("mnemonics and registers are case-insensitive; r0..r15 and ABI names are the same registers", () => {
    expect(words("ADD A0, R2, Sp")).toEqual(words("add r1, a1, r14"));
  });
});

describe("pseudo-instructions", () => {
  it("nop, mov", () => {
    expect(dis("nop")).toEqual(["addi zero, zero, 0"]);
    expect(dis("mov a0, t1")).toEqual(["addi a0, t1, 0"]);
  });
  it("li: one addi when the value is known in pass 1 and fits 16 bits signed", () => {
    expect(dis("li a0, -32768\nli a1, 32767")).toEqual(["addi a0, zero, -32768", "addi a1, zero, 32767"]);
    expect(dis("N = 100\nli a0, N * 2")).toEqual(["addi a0, zero, 200"]);
  });
  it("li: lui + ori for large values", () => {
    expect(dis("li a0, 0x12345678")).toEqual(["lui a0, 0x1234", "ori a0, a0, 0x5678"]);
    expect(dis("li a0, 32768")).toEqual(["lui a0, 0", "ori a0, a0, 0x8000"]);
    expect(dis("li a0, -1")).toEqual(["addi a0, zero, -1"]);
    expect(dis("li a0, -32769")).toEqual(["lui a0, 0xffff", "ori a0, a0, 0x7fff"]);
  });
  it("li: two words when the value is defined later, even if small (sizes are fixed in pass 1)", () => {
    expect(dis("li a0, LATER\nLATER = 5")).toEqual(["lui a0, 0", "ori a0, a0, 5"]);
    expect(dis("li a0, end - start\nstart: nop\nend:")).toEqual([
      "lui a0, 0",
      "ori a0, a0, 4",
      "addi zero, zero, 0",
    ]);
  });
  it("la: always lui + ori", () => {
    expect(dis("la a0, 5")).toEqual(["lui a0, 0", "ori a0, a0, 5"]);
    expect(dis("la t0, target\ntarget:")).toEqual(["lui t0, 0", "ori t0, t0, 0x1008"]);
  });
  it("call, ret, j, jr", () => {
    expect(dis("f: call f\nret\nj f\njr t2")).toEqual([
      "jal lr, 0x00001000",
      "jalr zero, lr, 0",
      "jal zero, 0x00001000",
      "jalr zero, t2, 0",
    ]);
  });
  it("neg, not", () => {
    expect(dis("neg a0, a1")).toEqual(["sub a0, zero, a1"]);
    expect(dis("not a0, a1")).toEqual(["sub a0, zero, a1", "addi a0, a0, -1"]);
  });
  it("push, pop", () => {
    expect(dis("push s0\npop s1")).toEqual([
      "addi sp, sp, -4",
      "stw s0, [sp]",
      "ldw s1, [sp]",
      "addi sp, sp, 4",
    ]);
  });
  it("beqz, bnez", () => {
    expect(dis("x: beqz a0, x\nbnez t0, x")).toEqual([
      "beq a0, zero, 0x00001000",
      "bne t0, zero, 0x00001000",
    ]);
  });
  it("bgt, ble, bgtu, bleu swap their operands", () => {
    expect(dis("x: bgt a0, a1, x\nble a0, a1, x\nbgtu a0, a1, x\nbleu a0, a1, x")).toEqual([
      "blt a1, a0, 0x00001000",
      "bge a1, a0, 0x00001000",
      "bltu a1, a0, 0x00001000",
      "bgeu a1, a0, 0x00001000",
    ]);
  });
  it("seqz, snez", () => {
    expect(dis("seqz a0, a1\nsnez a0, a1")).toEqual(["sltiu a0, a1, 1", "sltu a0, zero, a1"]);
  });
  it("every pseudo-instruction is tested above and expands only to real instructions", () => {
    const tested = ["nop", "mov", "li", "la", "call", "ret", "j", "jr", "neg", "not", "push", "pop"];
    tested.push("beqz", "bnez", "bgt", "ble", "bgtu", "bleu", "seqz", "snez");
    expect(PSEUDO_INSTRUCTIONS.map((p) => p.name).sort()).toEqual(tested.sort());
    for (const p of PSEUDO_INSTRUCTIONS) {
      expect(BY_MNEMONIC.has(p.name), `${p.name} must not shadow a real instruction`).toBe(false);
      for (const part of p.expansion.split(" + "))
        expect(BY_MNEMONIC.has(part.split(" ")[0]!), part).toBe(true);
    }
  });
});

describe("ranges are checked, never truncated", () => {
  const message = (src: string): string[] => assemble(src).diagnostics.map((d) => d.message);
  it("at the edges", () => {
    expect(message("addi a0, a0, 32768")).toEqual(["32768 does not fit: 'addi' takes -32768..32767"]);
    expect(message("addi a0, a0, -32769")).toEqual(["-32769 does not fit: 'addi' takes -32768..32767"]);
    expect(message("ori a0, a0, -1")).toEqual(["-1 does not fit: 'ori' takes 0..65535"]);
    expect(message("lui a0, 0x10000")).toEqual(["65536 (0x10000) does not fit: 'lui' takes 0..65535"]);
    expect(message("shli a0, a0, 32")).toEqual(["shift amount 32 is out of range: shifts take 0..31"]);
    expect(message("ldw a0, [sp + 40000]")).toEqual(["40000 does not fit: 'ldw' takes -32768..32767"]);
    expect(message("mfcr a0, 16")).toEqual(["control register 16 does not exist: the number must be 0..15"]);
    expect(message("out 0x10000, a0")).toEqual(["65536 (0x10000) does not fit: 'out' takes 0..65535"]);
  });
  it("branch and jump reach", () => {
    expect(message("beq a0, a1, x\n.space 131068\nx:")).toEqual([]);
    expect(message("beq a0, a1, x\n.space 131072\nx:")).toEqual([
      "the target is 32768 instructions away, but 'beq' reaches only -32768..32767",
    ]);
    expect(message("x: .space 131068\nbeq a0, a1, x")).toEqual([]);
    expect(message("x: .space 131072\nbeq a0, a1, x")).toEqual([
      "the target is -32769 instructions away, but 'beq' reaches only -32768..32767",
    ]);
    expect(message("jal zero, x\n.space 2097148\nx:")).toEqual([]);
    expect(message("jal zero, x\n.space 2097152\nx:")).toEqual([
      "the target is 524288 instructions away, but 'jal' reaches only -524288..524287",
    ]);
  });
});
