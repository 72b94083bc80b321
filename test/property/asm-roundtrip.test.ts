// Property: every instruction with random valid operands assembles to the word isa.ts's encode gives, and
// assemble -> disassemble -> assemble is the identity; any 32-bit word decodes and disassembles without
// throwing, and the disassembly of any instruction word assembles back to an equivalent word.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CR_NAMES,
  decode,
  encode,
  INSTRUCTIONS,
  type InstructionInfo,
  REGISTER_NAMES,
} from "../../src/machine/isa";
import { assemble } from "../../src/toolchain/asm";
import { FORMAT_SLOTS } from "../../src/toolchain/asm/formats";
import { disassemble } from "../../src/toolchain/disassemble";

const BASE = 0x0040_0000;

function assembleOne(text: string): number | undefined {
  const r = assemble(text, { base: BASE });
  if (r.diagnostics.length > 0 || !r.image || r.image.bytes.length !== 4) return undefined;
  const b = r.image.bytes;
  return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
}

const register = fc
  .tuple(fc.integer({ min: 0, max: 15 }), fc.boolean())
  .map(([n, abi]) => ({ n, text: abi ? REGISTER_NAMES[n]! : `r${n}` }));

/** An instruction with random valid operands: its text and the fields encode() should get. */
const instruction = fc.constantFrom(...INSTRUCTIONS).chain((info: InstructionInfo) => {
  const slots = FORMAT_SLOTS[info.format];
  const parts = slots.map((slot) => {
    switch (slot.kind) {
      case "reg":
        return register.map((r) => ({ text: r.text, field: slot.field!, value: r.n }));
      case "mem":
        return fc.tuple(register, fc.integer({ min: slot.min, max: slot.max })).map(([r, off]) => ({
          text: off === 0 ? `[${r.text}]` : off < 0 ? `[${r.text} - ${-off}]` : `[${r.text} + ${off}]`,
          field: "b" as const,
          value: r.n,
          imm: off,
        }));
      case "target":
        return fc.integer({ min: slot.min, max: slot.max }).map((words) => ({
          text: `0x${(BASE + 4 + words * 4).toString(16)}`,
          imm: words,
        }));
      case "cr":
        return fc.integer({ min: 0, max: 15 }).map((n) => ({ text: CR_NAMES[n] ?? String(n), imm: n }));
      default:
        return fc
          .tuple(fc.integer({ min: slot.min, max: slot.max }), fc.boolean())
          .map(([v, asHex]) => ({ text: asHex && v >= 0 ? `0x${v.toString(16)}` : String(v), imm: v }));
    }
  });
  return fc.tuple(...parts).map((ops) => {
    const fields = { a: 0, b: 0, c: 0, imm: 0 };
    for (const op of ops as { field?: "a" | "b" | "c"; value?: number; imm?: number }[]) {
      if (op.field) fields[op.field] = op.value!;
      if (op.imm !== undefined) fields.imm = op.imm;
    }
    const text = ops.length === 0 ? info.mnemonic : `${info.mnemonic} ${ops.map((o) => o.text).join(", ")}`;
    return {
      info,
      text,
      expected: encode(info.opcode, fields.a, fields.b, fields.c, fields.imm, info.format),
    };
  });
});

describe("assembler and disassembler round trip", () => {
  it("encodes every instruction as encode() does, and disassembly assembles back to the same word", () => {
    fc.assert(
      fc.property(instruction, ({ text, expected }) => {
        const word = assembleOne(text);
        expect(word, text).toBe(expected);
        const back = disassemble(word!, BASE);
        expect(assembleOne(back), `${text} -> ${back}`).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("covers every instruction", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(instruction, ({ info }) => void seen.add(info.mnemonic)),
      { numRuns: 3000 },
    );
    expect(seen.size).toBe(INSTRUCTIONS.length);
  });

  it("decode and disassemble never throw on any word", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (word, at) => {
          decode(word);
          expect(typeof disassemble(word, at)).toBe("string");
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("the disassembly of any instruction word assembles to a word that disassembles the same", () => {
    // Bits no field uses are dropped, and control register numbers above 15 cannot be written, so the
    // words can differ; what the instruction does (its disassembly) cannot.
    const anyInstruction = fc
      .tuple(fc.constantFrom(...INSTRUCTIONS), fc.integer({ min: 0, max: 0xffffff }))
      .map(([info, rest]) => ((info.opcode << 24) | rest) >>> 0)
      .filter((w) => {
        const d = decode(w)!;
        return !((d.info.format === "CRR" || d.info.format === "CRW") && d.imm > 15);
      });
    fc.assert(
      fc.property(anyInstruction, (word) => {
        const text = disassemble(word, BASE);
        const again = assembleOne(text);
        expect(again, text).toBeDefined();
        expect(disassemble(again!, BASE)).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });
});
