/**
 * The ISA table is the one source of instruction semantics: for random states, executing one
 * instruction on the real machine changes exactly what the table's `semantics` says (the register it
 * writes, with the value semantics.ts computes; the bytes a store names; pc as its control flow says;
 * a trap where it says one), and nothing else.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decode, encode, INSTRUCTIONS, type InstructionInfo, TRAP } from "../../src/machine/isa";
import { Machine } from "../../src/machine/machine";
import { branchTaken, evaluateAlu, extendLoaded } from "../../src/machine/semantics";

const CODE = 0x1000;
/** Loads and stores are aimed here (paging off: every address in RAM but page 0 is accessible). */
const DATA = 0x4000;

const CHECKED = INSTRUCTIONS.filter((i) => !i.privileged);

interface Case {
  info: InstructionInfo;
  a: number;
  b: number;
  c: number;
  imm: number;
  regs: number[];
  memorySeed: number;
}

const int32 = fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff });
/** Register values biased toward the edges where arithmetic goes wrong. */
const value = fc.oneof(int32, fc.constantFrom(0, 1, -1, 2, 31, 32, 0x7fff_ffff, -0x8000_0000));

const aCase: fc.Arbitrary<Case> = fc
  .record({
    k: fc.nat(CHECKED.length - 1),
    a: fc.nat(15),
    b: fc.nat(15),
    c: fc.nat(15),
    imm: fc.integer({ min: -0x8000, max: 0xffff }),
    regs: fc.array(value, { minLength: 16, maxLength: 16 }),
    memorySeed: fc.nat(),
  })
  .map(({ k, a, b, c, imm, regs, memorySeed }) => {
    const info = CHECKED[k];
    // Memory accesses: point the base register at the data area and keep the offset small.
    if (info.semantics.kind === "load" || info.semantics.kind === "store") {
      if (b === 0) b = 5; // r0 as the base would aim at page 0, which always faults
      regs[b] = DATA + (regs[b] & 0xff);
      imm = (imm % 64) | 0;
    }
    if (info.format === "B") imm = (imm % 16) | 0;
    if (info.format === "J") imm = (imm % 16) | 0;
    if (info.semantics.kind === "jalr" && b !== 0) regs[b] = CODE + 64 + (regs[b] & 0xfc);
    regs[0] = 0;
    if (info.semantics.kind === "load" && a === b) regs[b] = DATA + (regs[b] & 0xff);
    return { info, a, b, c, imm, regs, memorySeed };
  });

function checkOne(t: Case): void {
  const m = new Machine({ memoryBytes: 64 * 1024 });
  let seed = t.memorySeed | 1;
  for (let i = DATA - 64; i < DATA + 512; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    m.memory.u8[i] = seed & 0xff;
  }
  const word = encode(t.info.opcode, t.a, t.b, t.c, t.imm, t.info.format);
  m.memory.write32(CODE, word);
  m.cpu.regs.set(t.regs);
  m.cpu.pc = CODE;
  const before = { regs: Int32Array.from(m.cpu.regs), memory: Uint8Array.from(m.memory.u8) };
  const d = decode(word);
  expect(d).toBeDefined();
  if (!d) return;
  const fields = { a: d.a, b: d.b, c: d.c };
  const read = (f: "a" | "b" | "c") => before.regs[fields[f]];
  const sem = t.info.semantics;

  const stop = m.step();

  const expectedRegs = Int32Array.from(before.regs);
  const expectedMemory = Uint8Array.from(before.memory);
  let expectedPc = (CODE + 4) >>> 0;
  let trap: number | undefined;
  const write = (value: number) => {
    if (d.a !== 0) expectedRegs[d.a] = value;
  };
  switch (sem.kind) {
    case "alu": {
      const second = sem.second === "reg" ? read("c") : d.imm;
      const result = evaluateAlu(sem.op, read("b"), second);
      if (result === undefined) {
        expect(sem.trapsOnZeroDivisor).toBe(true);
        trap = TRAP.DIVIDE_BY_ZERO;
        expectedPc = CODE;
      } else write(result);
      break;
    }
    case "lui":
      write(d.imm << 16);
      break;
    case "load": {
      const address = (read("b") + d.imm) >>> 0;
      let raw = 0;
      for (let i = 0; i < sem.width; i++) raw |= before.memory[address + i] << (8 * i);
      write(extendLoaded(raw, sem.width, sem.signed));
      break;
    }
    case "store": {
      const address = (read("b") + d.imm) >>> 0;
      const v = read("a");
      for (let i = 0; i < sem.width; i++) expectedMemory[address + i] = (v >>> (8 * i)) & 0xff;
      break;
    }
    case "branch":
      if (branchTaken(sem.condition, read("a"), read("b"))) expectedPc = (CODE + 4 + d.imm * 4) >>> 0;
      break;
    case "jal":
      write(CODE + 4);
      expectedPc = (CODE + 4 + d.imm * 4) >>> 0;
      break;
    case "jalr":
      expectedPc = (read("b") + d.imm) >>> 0;
      write(CODE + 4);
      break;
    case "sys":
      trap = TRAP.SYSCALL;
      break;
    case "brk":
      trap = TRAP.BREAKPOINT;
      break;
    default:
      throw new Error(`no check for ${t.info.mnemonic}`);
  }
  // The registers the table says are written are the only ones that change.
  if (sem.writes === undefined) expect(Array.from(expectedRegs)).toEqual(Array.from(before.regs));
  if (trap !== undefined) {
    expect(stop).toMatchObject({ kind: "trap", cause: trap });
    expect(m.cpu.cr[1] >>> 0).toBe(trap === TRAP.DIVIDE_BY_ZERO ? CODE : CODE + 4);
  } else {
    expect(stop.kind).toBe("budget");
    expect(m.cpu.pc >>> 0).toBe(expectedPc);
  }
  expect(Array.from(m.cpu.regs)).toEqual(Array.from(expectedRegs));
  // Memory: only the bytes a store names (compare the region the tests touch plus the code word).
  // (Compared byte by byte: a diff of 32 KiB arrays takes the reporter minutes to print.)
  const changed: string[] = [];
  for (let i = 0; i < 0x8000; i++)
    if (m.memory.u8[i] !== expectedMemory[i]) changed.push(`0x${i.toString(16)}: ${m.memory.u8[i]}`);
  expect(changed).toEqual([]);
}

describe("the ISA table's semantics describe the interpreter", () => {
  test("every unprivileged instruction has a check here", () => {
    for (const info of CHECKED) expect(info.semantics.kind).not.toBe("halt");
    expect(CHECKED.map((i) => i.semantics.kind)).toContain("store");
  });

  test("privileged instructions are exactly the table's privileged ones, and read the fields it says", () => {
    for (const info of INSTRUCTIONS) {
      const fields = info.semantics.reads;
      if (info.format === "R") expect(fields).toEqual(["b", "c"]);
      if (info.format === "S" || info.format === "B") expect(fields).toEqual(["a", "b"]);
      if (info.format === "L") expect(fields).toEqual(["b"]);
    }
  });

  test("for random states, one step changes exactly what the table says", () => {
    fc.assert(
      fc.property(aCase, (t) => {
        checkOne(t);
      }),
      { numRuns: 3000 },
    );
  });
});
