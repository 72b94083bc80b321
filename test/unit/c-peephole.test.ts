import { describe, expect, it } from "vitest";
import { forwardFrameLoads } from "../../src/toolchain/c/peephole";

const ins = (mnemonic: string, operands: string): string => `    ${mnemonic.padEnd(6)}${operands}`;

describe("forwardFrameLoads", () => {
  it("turns a load of a word just stored into a move, for every way a frame word is written", () => {
    for (const slot of ["[fp]", "[fp + 12]", "[fp - 8]"]) {
      expect(forwardFrameLoads([ins("stw", `t0, ${slot}`), ins("ldw", `t1, ${slot}`)])).toEqual([
        ins("stw", `t0, ${slot}`),
        ins("mov", "t1, t0"),
      ]);
    }
  });

  it("drops a load into the register that already holds the word", () => {
    expect(forwardFrameLoads([ins("ldw", "t0, [fp - 4]"), ins("ldw", "t0, [fp - 4]")])).toEqual([
      ins("ldw", "t0, [fp - 4]"),
    ]);
  });

  it("leaves loads alone that are not a frame word, or another word of the frame", () => {
    const lines = [
      ins("stw", "t0, [fp - 8]"),
      ins("ldw", "t1, [fp - 12]"),
      ins("ldw", "t2, [sp - 8]"),
      ins("ldw", "t3, [fp - x]"),
      ins("ldw", "a0, [fp-8]"),
    ];
    expect(forwardFrameLoads(lines)).toEqual(lines);
  });

  it("forgets what registers hold at a label, a call, a byte store into the slot and a write", () => {
    const forgets = [
      ".L1:",
      ins("call", "f"),
      ins("stb", "t2, [fp - 6]"),
      ins("addi", "t0, t0, 1"),
      ins("stw", "t2, [a0]"),
    ];
    for (const between of forgets) {
      const lines = [ins("stw", "t0, [fp - 8]"), between, ins("ldw", "t1, [fp - 8]")];
      expect(forwardFrameLoads(lines)).toEqual(lines);
    }
  });
});
