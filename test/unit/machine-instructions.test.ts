/**
 * The exact semantics of every instruction in the ISA table, edge cases included. Each case is a small
 * program run at physical 0x1000 in the reset state (kernel mode, paging off) and ended by `halt`
 * (appended). A case states the registers it expects; every other register must keep its initial value,
 * so a stray write (r0 included) fails the case. Straight-line cases must also retire every word once
 * and cost exactly the table's cycles.
 *
 * The last test fails if an instruction of the table has no case here.
 */
import { describe, expect, test } from "vitest";
import { ConsoleReader } from "../../src/machine/devices/console";
import { IRQ, PORT } from "../../src/machine/devices/ports";
import {
  ACCESS,
  BY_MNEMONIC,
  CR,
  CYCLES,
  INSTRUCTIONS,
  parseRegister,
  REGISTER_NAMES,
  STATUS_IE,
  TRAP,
  TRAP_ENTRY_CYCLES,
  TRAP_EXIT_CYCLES,
} from "../../src/machine/isa";
import { Machine, type StopReason } from "../../src/machine/machine";
import { hex } from "../../src/shared/bits";
import { ins, words } from "../support/encode";

const CODE = 0x1000;
const DATA = 0x2000;
const HANDLER = 0x1800;
const INT_MIN = -0x8000_0000;
const INT_MAX = 0x7fff_ffff;

type RegName = (typeof REGISTER_NAMES)[number];
type Regs = Partial<Record<RegName, number>>;

interface Case {
  name: string;
  /** Runs at CODE; a halt is appended. */
  program: number[];
  /** Registers set before the run. */
  init?: Regs;
  /** Words placed at other physical addresses (handlers, far jump targets). */
  place?: [number, number[]][];
  /** Bytes placed before the run. */
  memory?: [number, number[]][];
  setup?: (m: Machine) => void;
  /** Registers expected after the run; all others keep their initial value. */
  regs?: Regs;
  /** Bytes expected after the run. */
  bytes?: [number, number[]][];
  /** For programs that are not straight-line: instructions retired (halt included) and cycles. */
  retired?: number;
  cycles?: number;
  /** How the run ends; a halt unless given. */
  stop?: StopReason;
  check?: (m: Machine) => void;
}

function boot(c: Case): { m: Machine; stop: StopReason } {
  const m = new Machine({ memoryBytes: 64 * 1024 });
  m.memory.writeBytes(CODE, words([...c.program, ins("halt")]));
  for (const [address, list] of c.place ?? []) m.memory.writeBytes(address, words(list));
  for (const [address, bytes] of c.memory ?? []) m.memory.writeBytes(address, bytes);
  for (const [name, value] of Object.entries(c.init ?? {})) m.cpu.regs[parseRegister(name)] = value;
  c.setup?.(m);
  m.cpu.pc = CODE;
  const stop = m.run(100_000);
  return { m, stop };
}

function registerFile(values: ArrayLike<number>): Record<string, string> {
  return Object.fromEntries(REGISTER_NAMES.map((name, i) => [name, hex(values[i])]));
}

function expectedRegisters(c: Case): Record<string, string> {
  const values = new Array<number>(16).fill(0);
  for (const [name, value] of Object.entries({ ...c.init, ...c.regs })) values[parseRegister(name)] = value;
  return registerFile(values);
}

const costOf = (word: number): number => CYCLES[word >>> 24];

/** `x op y` for a three-register instruction: a0 = a1 op a2. */
function r3(mnemonic: string, name: string, a1: number, a2: number, a0: number): Case {
  return { name, program: [ins(mnemonic, "a0", "a1", "a2")], init: { a1, a2 }, regs: { a0 } };
}

/** `a0 = a1 op imm`. */
function ri(mnemonic: string, name: string, a1: number, imm: number, a0: number): Case {
  return { name, program: [ins(mnemonic, "a0", "a1", imm)], init: { a1 }, regs: { a0 } };
}

/** A branch on a1, a2 over one instruction: a0 = 1 only if the branch falls through. */
function branch(mnemonic: string, name: string, a1: number, a2: number, taken: boolean): Case {
  const program = [ins(mnemonic, "a1", "a2", 1), ins("addi", "a0", "zero", 1), ins("addi", "a3", "zero", 2)];
  const regs = { a0: taken ? 0 : 1, a3: 2 };
  if (!taken) return { name, program, init: { a1, a2 }, regs };
  return { name, program, init: { a1, a2 }, regs, retired: 3, cycles: costOf(program[0]) + 2 };
}

/** A trap handler that records cause, tval and epc in a0..a2 and halts. */
const recordTrap = [
  ins("mfcr", "a0", CR.CAUSE),
  ins("mfcr", "a1", CR.TVAL),
  ins("mfcr", "a2", CR.EPC),
  ins("halt"),
];
const withHandler = (m: Machine) => {
  m.cpu.cr[CR.TVEC] = HANDLER;
};

const fill = (n: number, byte = 0xaa): number[] => new Array<number>(n).fill(byte);

const CASES: Record<string, Case[]> = {
  add: [
    r3("add", "adds", 5, 7, 12),
    r3("add", "wraps past INT_MAX to INT_MIN", INT_MAX, 1, INT_MIN),
    r3("add", "wraps 0xffffffff + 1 to 0", -1, 1, 0),
    {
      name: "one register in every field",
      program: [ins("add", "a1", "a1", "a1")],
      init: { a1: 21 },
      regs: { a1: 42 },
    },
  ],
  sub: [
    r3("sub", "subtracts to a negative", 5, 7, -2),
    r3("sub", "wraps INT_MIN - 1 to INT_MAX", INT_MIN, 1, INT_MAX),
    r3("sub", "wraps 0 - INT_MIN to INT_MIN", 0, INT_MIN, INT_MIN),
  ],
  mul: [
    r3("mul", "multiplies", 6, 7, 42),
    r3("mul", "negative times positive", -3, 5, -15),
    r3("mul", "keeps the low 32 bits (0x10000 squared is 0)", 0x10000, 0x10000, 0),
    r3("mul", "keeps the low 32 bits of a large product", 0x12345678, 0x9abcdef, 0xe242d208 | 0),
    r3("mul", "-1 * -1", -1, -1, 1),
    r3("mul", "INT_MIN * -1 wraps to INT_MIN", INT_MIN, -1, INT_MIN),
  ],
  div: [
    r3("div", "7 / 2 = 3", 7, 2, 3),
    r3("div", "-7 / 2 = -3 (toward zero)", -7, 2, -3),
    r3("div", "7 / -2 = -3", 7, -2, -3),
    r3("div", "-7 / -2 = 3", -7, -2, 3),
    r3("div", "INT_MIN / -1 wraps to INT_MIN", INT_MIN, -1, INT_MIN),
    r3("div", "INT_MIN / 1", INT_MIN, 1, INT_MIN),
    r3("div", "0 / 5", 0, 5, 0),
  ],
  divu: [
    r3("divu", "7 / 2 = 3", 7, 2, 3),
    r3("divu", "0xffffffff / 2 = 0x7fffffff", -1, 2, INT_MAX),
    r3("divu", "0x80000000 / 0xffffffff = 0", INT_MIN, -1, 0),
    r3("divu", "0xffffffff / 0xffffffff = 1", -1, -1, 1),
    r3("divu", "0xfffffff9 / 7 (operands unsigned)", -7, 7, 0x24924923),
  ],
  rem: [
    r3("rem", "7 % 2 = 1", 7, 2, 1),
    r3("rem", "-7 % 2 = -1 (sign of the dividend)", -7, 2, -1),
    r3("rem", "7 % -2 = 1", 7, -2, 1),
    r3("rem", "-7 % -2 = -1", -7, -2, -1),
    r3("rem", "INT_MIN % -1 = 0", INT_MIN, -1, 0),
    r3("rem", "a multiple leaves 0", -12, 4, 0),
  ],
  remu: [
    r3("remu", "0xffffffff % 10 = 5", -1, 10, 5),
    r3("remu", "0xfffffff9 % 2 = 1 (operands unsigned)", -7, 2, 1),
    r3("remu", "7 % 0xffffffff = 7", 7, -1, 7),
    r3("remu", "0x80000000 % 3 = 2", INT_MIN, 3, 2),
  ],
  and: [r3("and", "bitwise and", 0xf0f0f0f0 | 0, 0xff00ff00 | 0, 0xf000f000 | 0)],
  or: [r3("or", "bitwise or", 0xf0f0f0f0 | 0, 0xff00ff00 | 0, 0xfff0fff0 | 0)],
  xor: [
    r3("xor", "bitwise xor", 0xf0f0f0f0 | 0, 0xff00ff00 | 0, 0x0ff00ff0),
    r3("xor", "x ^ x = 0", 0x12345678, 0x12345678, 0),
  ],
  shl: [
    r3("shl", "by 4", 0x12345678, 4, 0x23456780),
    r3("shl", "by 31", 1, 31, INT_MIN),
    r3("shl", "by 32 is by 0 (amount mod 32)", 1, 32, 1),
    r3("shl", "by 33 is by 1", 1, 33, 2),
    r3("shl", "by 0xffffffff is by 31", 1, -1, INT_MIN),
  ],
  shr: [
    r3("shr", "by 4, zero-filling", 0xf0000000 | 0, 4, 0x0f000000),
    r3("shr", "by 31", INT_MIN, 31, 1),
    r3("shr", "by 32 is by 0", INT_MIN, 32, INT_MIN),
    r3("shr", "by 36 is by 4", 0xf0000000 | 0, 36, 0x0f000000),
  ],
  sar: [
    r3("sar", "by 4, sign-filling", 0xf0000000 | 0, 4, 0xff000000 | 0),
    r3("sar", "a positive value fills with zeros", 0x70000000, 4, 0x07000000),
    r3("sar", "by 31 of a negative value is -1", INT_MIN, 31, -1),
    r3("sar", "by 32 is by 0", INT_MIN, 32, INT_MIN),
    r3("sar", "by 36 is by 4", 0xf0000000 | 0, 36, 0xff000000 | 0),
  ],
  slt: [
    r3("slt", "-1 < 1", -1, 1, 1),
    r3("slt", "1 < -1 is false", 1, -1, 0),
    r3("slt", "equal is false", 7, 7, 0),
    r3("slt", "INT_MIN < INT_MAX", INT_MIN, INT_MAX, 1),
  ],
  sltu: [
    r3("sltu", "1 < 0xffffffff", 1, -1, 1),
    r3("sltu", "0xffffffff < 1 is false", -1, 1, 0),
    r3("sltu", "equal is false", 7, 7, 0),
    r3("sltu", "0 < 0x80000000", 0, INT_MIN, 1),
  ],
  addi: [
    ri("addi", "adds a negative immediate", 5, -3, 2),
    ri("addi", "largest immediate 32767", 0, 32767, 32767),
    ri("addi", "smallest immediate -32768 (sign-extended)", 0, -32768, -32768),
    ri("addi", "wraps INT_MAX + 1", INT_MAX, 1, INT_MIN),
    {
      name: "a write to r0 is discarded",
      program: [ins("addi", "zero", "zero", 5), ins("addi", "a0", "zero", 0)],
      regs: { a0: 0 },
    },
  ],
  andi: [
    ri("andi", "immediate 0xffff is zero-extended", -1, 0xffff, 0xffff),
    ri("andi", "immediate 0x8000 is zero-extended", -1, 0x8000, 0x8000),
    ri("andi", "masks low bits", 0x12345678, 0x0ff0, 0x0670),
  ],
  ori: [
    ri("ori", "immediate 0x8000 is zero-extended", 0, 0x8000, 0x8000),
    ri("ori", "fills the low half", 0xffff0000 | 0, 0xffff, -1),
  ],
  xori: [
    ri("xori", "immediate 0xffff is zero-extended", -1, 0xffff, 0xffff0000 | 0),
    ri("xori", "flips low bits", 0x12345678, 0x00ff, 0x12345687),
  ],
  shli: [
    ri("shli", "by 31", 1, 31, INT_MIN),
    ri("shli", "by 0", 0x12345678, 0, 0x12345678),
    ri("shli", "by 16", -1, 16, 0xffff0000 | 0),
    ri("shli", "a shift amount field of 33 uses its low 5 bits (1)", 3, 33, 6),
  ],
  shri: [
    ri("shri", "by 31, zero-filling", INT_MIN, 31, 1),
    ri("shri", "by 16", -1, 16, 0xffff),
    ri("shri", "by 0", INT_MIN, 0, INT_MIN),
  ],
  sari: [
    ri("sari", "by 31, sign-filling", INT_MIN, 31, -1),
    ri("sari", "by 16 of a negative value", 0xffff0000 | 0, 16, -1),
    ri("sari", "by 16 of a positive value", 0x7fff0000, 16, 0x7fff),
  ],
  slti: [
    ri("slti", "-5 < -4", -5, -4, 1),
    ri("slti", "5 < -4 is false", 5, -4, 0),
    ri("slti", "-4 < -4 is false", -4, -4, 0),
    ri("slti", "32766 < 32767", 32766, 32767, 1),
    ri("slti", "INT_MIN < -32768", INT_MIN, -32768, 1),
  ],
  sltiu: [
    ri("sltiu", "5 < -1 (0xffffffff unsigned)", 5, -1, 1),
    ri("sltiu", "0xffffffff < -1 is false", -1, -1, 0),
    ri("sltiu", "0x80000000 < -32768 (0xffff8000)", INT_MIN, -32768, 1),
    ri("sltiu", "0xffff8000 < -32768 is false", 0xffff8000 | 0, -32768, 0),
    ri("sltiu", "x < 1 tests x == 0", 0, 1, 1),
    ri("sltiu", "1 < 1 is false", 1, 1, 0),
  ],
  lui: [
    { name: "loads the upper half", program: [ins("lui", "a0", 0x1234)], regs: { a0: 0x12340000 } },
    { name: "0xffff", program: [ins("lui", "a0", 0xffff)], regs: { a0: 0xffff0000 | 0 } },
    {
      name: "clears the low half",
      program: [ins("lui", "a0", 1)],
      init: { a0: -1 },
      regs: { a0: 0x10000 },
    },
    {
      name: "lui + ori build any constant",
      program: [ins("lui", "a0", 0xdead), ins("ori", "a0", "a0", 0xbeef)],
      regs: { a0: 0xdeadbeef | 0 },
    },
    { name: "a write to r0 is discarded", program: [ins("lui", "zero", 0x1234)], regs: {} },
  ],
  ldw: [
    {
      name: "little-endian word",
      program: [ins("ldw", "a0", "a1", 0)],
      init: { a1: DATA },
      memory: [[DATA, [0x44, 0x33, 0x22, 0x11]]],
      regs: { a0: 0x11223344 },
    },
    {
      name: "negative offset",
      program: [ins("ldw", "a0", "a1", -16)],
      init: { a1: DATA + 16 },
      memory: [[DATA, [0x01, 0x00, 0x00, 0x80]]],
      regs: { a0: 0x80000001 | 0 },
    },
    {
      name: "unaligned address",
      program: [ins("ldw", "a0", "a1", 1)],
      init: { a1: DATA },
      memory: [[DATA, [0xff, 0x78, 0x56, 0x34, 0x12, 0xff]]],
      regs: { a0: 0x12345678 },
    },
    {
      name: "base + offset wraps around 2^32",
      program: [ins("ldw", "a0", "a1", 0x3000)],
      init: { a1: -0x1000 },
      memory: [[DATA, [0xef, 0xbe, 0xad, 0xde]]],
      regs: { a0: 0xdeadbeef | 0 },
    },
    {
      name: "a load into r0 is discarded",
      program: [ins("ldw", "zero", "a1", 0)],
      init: { a1: DATA },
      memory: [[DATA, [1, 2, 3, 4]]],
      regs: {},
    },
  ],
  ldh: [
    {
      name: "sign-extends 0x8001",
      program: [ins("ldh", "a0", "a1", 2)],
      init: { a1: DATA },
      memory: [[DATA, [0xaa, 0xaa, 0x01, 0x80, 0xaa]]],
      regs: { a0: 0xffff8001 | 0 },
    },
    {
      name: "a positive halfword",
      program: [ins("ldh", "a0", "a1", 0)],
      init: { a1: DATA },
      memory: [[DATA, [0xff, 0x7f, 0xff]]],
      regs: { a0: 0x7fff },
    },
    {
      name: "unaligned address",
      program: [ins("ldh", "a0", "a1", -1)],
      init: { a1: DATA + 4 },
      memory: [[DATA, [0, 0, 0, 0x34, 0x92, 0]]],
      regs: { a0: 0xffff9234 | 0 },
    },
  ],
  ldhu: [
    {
      name: "zero-extends 0x8001",
      program: [ins("ldhu", "a0", "a1", 0)],
      init: { a1: DATA },
      memory: [[DATA, [0x01, 0x80, 0xff, 0xff]]],
      regs: { a0: 0x8001 },
    },
    {
      name: "unaligned address",
      program: [ins("ldhu", "a0", "a1", 3)],
      init: { a1: DATA },
      memory: [[DATA, [0, 0, 0, 0xfe, 0xff, 0xff]]],
      regs: { a0: 0xfffe },
    },
  ],
  ldb: [
    {
      name: "sign-extends 0x80",
      program: [ins("ldb", "a0", "a1", 1)],
      init: { a1: DATA },
      memory: [[DATA, [0x7f, 0x80, 0x7f]]],
      regs: { a0: -128 },
    },
    {
      name: "a positive byte",
      program: [ins("ldb", "a0", "a1", 0)],
      init: { a1: DATA },
      memory: [[DATA, [0x7f, 0xff]]],
      regs: { a0: 0x7f },
    },
    {
      name: "0xff is -1",
      program: [ins("ldb", "a0", "a1", 3)],
      init: { a1: DATA },
      memory: [[DATA, [0, 0, 0, 0xff]]],
      regs: { a0: -1 },
    },
  ],
  ldbu: [
    {
      name: "zero-extends 0x80",
      program: [ins("ldbu", "a0", "a1", 1)],
      init: { a1: DATA },
      memory: [[DATA, [0xff, 0x80, 0xff]]],
      regs: { a0: 0x80 },
    },
    {
      name: "reads the bytes of a word in little-endian order",
      program: [
        ins("ldbu", "a0", "a1", 0),
        ins("ldbu", "a2", "a1", 1),
        ins("ldbu", "a3", "a1", 2),
        ins("ldbu", "t0", "a1", 3),
      ],
      init: { a1: DATA },
      setup: (m) => m.memory.write32(DATA, 0x11223344),
      regs: { a0: 0x44, a2: 0x33, a3: 0x22, t0: 0x11 },
    },
  ],
  stw: [
    {
      name: "stores little-endian and touches nothing else",
      program: [ins("stw", "a0", "a1", 4)],
      init: { a0: 0x11223344, a1: DATA },
      memory: [[DATA, fill(12)]],
      bytes: [[DATA, [...fill(4), 0x44, 0x33, 0x22, 0x11, ...fill(4)]]],
    },
    {
      name: "negative offset",
      program: [ins("stw", "a0", "a1", -4)],
      init: { a0: -2, a1: DATA + 4 },
      bytes: [[DATA, [0xfe, 0xff, 0xff, 0xff, 0]]],
    },
    {
      name: "unaligned address",
      program: [ins("stw", "a0", "a1", 1)],
      init: { a0: 0x12345678, a1: DATA },
      memory: [[DATA, fill(6)]],
      bytes: [[DATA, [0xaa, 0x78, 0x56, 0x34, 0x12, 0xaa]]],
    },
    {
      name: "store then load round-trips",
      program: [ins("stw", "a0", "a1", 8), ins("ldw", "a2", "a1", 8)],
      init: { a0: INT_MIN + 5, a1: DATA },
      regs: { a2: INT_MIN + 5 },
    },
  ],
  sth: [
    {
      name: "stores the low 16 bits only",
      program: [ins("sth", "a0", "a1", 2)],
      init: { a0: 0xdeadbeef | 0, a1: DATA },
      memory: [[DATA, fill(6)]],
      bytes: [[DATA, [0xaa, 0xaa, 0xef, 0xbe, 0xaa, 0xaa]]],
    },
    {
      name: "unaligned address",
      program: [ins("sth", "a0", "a1", 3)],
      init: { a0: 0x1234, a1: DATA },
      memory: [[DATA, fill(6)]],
      bytes: [[DATA, [0xaa, 0xaa, 0xaa, 0x34, 0x12, 0xaa]]],
    },
  ],
  stb: [
    {
      name: "stores the low 8 bits only",
      program: [ins("stb", "a0", "a1", 1)],
      init: { a0: 0x12345678, a1: DATA },
      memory: [[DATA, fill(3)]],
      bytes: [[DATA, [0xaa, 0x78, 0xaa]]],
    },
    {
      name: "stb then ldb round-trips a negative byte",
      program: [ins("stb", "a0", "a1", 0), ins("ldb", "a2", "a1", 0), ins("ldbu", "a3", "a1", 0)],
      init: { a0: -3, a1: DATA },
      regs: { a2: -3, a3: 0xfd },
    },
  ],
  beq: [
    branch("beq", "taken when equal", 3, 3, true),
    branch("beq", "not taken when different", 3, 4, false),
    {
      name: "offset 0 goes to the next instruction",
      program: [ins("beq", "zero", "zero", 0), ins("addi", "a0", "zero", 1)],
      regs: { a0: 1 },
    },
    {
      // 0: t0 = 3; 1: a0++; 2: t0--; 3: if t0 == 0 skip to 5 (halt); 4: beq zero, zero back to 1.
      name: "backward offset loops",
      program: [
        ins("addi", "t0", "zero", 3),
        ins("addi", "a0", "a0", 1),
        ins("addi", "t0", "t0", -1),
        ins("beq", "t0", "zero", 1),
        ins("beq", "zero", "zero", -4),
      ],
      regs: { a0: 3, t0: 0 },
      retired: 1 + 3 * 3 + 2 + 1,
      cycles: 1 + 3 * 3 + 2 + 1,
    },
  ],
  bne: [
    branch("bne", "taken when different", 3, 4, true),
    branch("bne", "not taken when equal", 3, 3, false),
    {
      name: "counts down a loop (backward offset)",
      program: [
        ins("addi", "t0", "zero", 5),
        ins("addi", "a0", "a0", 2),
        ins("addi", "t0", "t0", -1),
        ins("bne", "t0", "zero", -3),
      ],
      regs: { a0: 10, t0: 0 },
      retired: 1 + 5 * 3 + 1,
      cycles: 1 + 5 * 3 + 1,
    },
  ],
  blt: [
    branch("blt", "-1 < 1 is taken (signed)", -1, 1, true),
    branch("blt", "1 < -1 is not taken", 1, -1, false),
    branch("blt", "equal is not taken", 5, 5, false),
  ],
  bge: [
    branch("bge", "equal is taken", 5, 5, true),
    branch("bge", "1 >= -1 is taken (signed)", 1, -1, true),
    branch("bge", "-1 >= 1 is not taken", -1, 1, false),
  ],
  bltu: [
    branch("bltu", "1 < 0xffffffff is taken (unsigned)", 1, -1, true),
    branch("bltu", "0xffffffff < 1 is not taken", -1, 1, false),
    branch("bltu", "equal is not taken", 5, 5, false),
  ],
  bgeu: [
    branch("bgeu", "equal is taken", 5, 5, true),
    branch("bgeu", "0xffffffff >= 1 is taken (unsigned)", -1, 1, true),
    branch("bgeu", "1 >= 0xffffffff is not taken", 1, -1, false),
  ],
  jal: [
    {
      name: "links pc + 4 and jumps forward",
      program: [ins("jal", "lr", 1), ins("addi", "a0", "zero", 1), ins("addi", "a1", "zero", 2)],
      regs: { lr: CODE + 4, a1: 2 },
      retired: 3,
      cycles: 2 + 1 + 1,
    },
    {
      name: "rd = zero does not link",
      program: [ins("jal", "zero", 1), ins("addi", "a0", "zero", 1), ins("addi", "a1", "zero", 2)],
      regs: { a1: 2 },
      retired: 3,
      cycles: 2 + 1 + 1,
    },
    {
      // 0 -> 3 -> 4 -> (back) 1 -> 2 -> 5 (halt)
      name: "backward offset",
      program: [
        ins("jal", "zero", 2),
        ins("addi", "a0", "zero", 7),
        ins("jal", "zero", 2),
        ins("addi", "a1", "zero", 9),
        ins("jal", "lr", -4),
      ],
      regs: { a0: 7, a1: 9, lr: CODE + 20 },
      retired: 6,
      cycles: 2 + 1 + 2 + 1 + 2 + 1,
    },
    {
      name: "a large forward offset (0x1000 words)",
      program: [ins("jal", "lr", 0x1000), ins("addi", "a0", "zero", 1)],
      place: [[CODE + 4 + 0x4000, [ins("addi", "a1", "zero", 3), ins("halt")]]],
      regs: { lr: CODE + 4, a1: 3 },
      retired: 3,
      cycles: 2 + 1 + 1,
    },
  ],
  jalr: [
    {
      // 0: call 3; 3: a2 = 5; 4: return to 1; 1: a0 = 1; 2: halt.
      name: "call and return",
      program: [
        ins("jalr", "lr", "a1", 0),
        ins("addi", "a0", "zero", 1),
        ins("halt"),
        ins("addi", "a2", "zero", 5),
        ins("jalr", "zero", "lr", 0),
      ],
      init: { a1: CODE + 12 },
      regs: { lr: CODE + 4, a0: 1, a2: 5 },
      retired: 5,
      cycles: 2 + 1 + 2 + 1 + 1,
    },
    {
      name: "negative offset",
      program: [ins("jalr", "lr", "a1", -8), ins("addi", "a0", "zero", 1), ins("addi", "a2", "zero", 2)],
      init: { a1: CODE + 8 + 8 },
      regs: { lr: CODE + 4, a2: 2 },
      retired: 3,
      cycles: 2 + 1 + 1,
    },
    {
      name: "rd = rs1: the target uses the old value",
      program: [
        ins("jalr", "a1", "a1", 12),
        ins("addi", "a0", "zero", 1),
        ins("addi", "a0", "zero", 2),
        ins("addi", "a2", "zero", 3),
      ],
      init: { a1: CODE },
      regs: { a1: CODE + 4, a2: 3 },
      retired: 3,
      cycles: 2 + 1 + 1,
    },
  ],
  sys: [
    {
      name: "traps with cause SYSCALL, tval = the number, epc = the next instruction",
      program: [ins("sys", 0x1234), ins("addi", "a3", "zero", 1)],
      place: [[HANDLER, recordTrap]],
      setup: withHandler,
      regs: { a0: TRAP.SYSCALL, a1: 0x1234, a2: CODE + 4 },
      retired: 1 + 4,
      cycles: 1 + TRAP_ENTRY_CYCLES + 4,
    },
    {
      name: "the number is zero-extended (0xffff)",
      program: [ins("sys", 0xffff)],
      place: [[HANDLER, recordTrap]],
      setup: withHandler,
      regs: { a0: TRAP.SYSCALL, a1: 0xffff, a2: CODE + 4 },
      retired: 1 + 4,
      cycles: 1 + TRAP_ENTRY_CYCLES + 4,
    },
    {
      name: "iret from the handler continues after the sys",
      program: [ins("sys", 3), ins("addi", "a3", "zero", 1)],
      place: [[HANDLER, [ins("iret")]]],
      setup: withHandler,
      regs: { a3: 1 },
      retired: 4,
      cycles: 1 + TRAP_ENTRY_CYCLES + 1 + TRAP_EXIT_CYCLES + 1 + 1,
    },
  ],
  brk: [
    {
      name: "traps with cause BREAKPOINT, tval 0, epc = the next instruction",
      program: [ins("brk"), ins("addi", "a3", "zero", 1)],
      place: [[HANDLER, recordTrap]],
      setup: (m) => {
        withHandler(m);
        m.cpu.cr[CR.TVAL] = 0x5555;
      },
      regs: { a0: TRAP.BREAKPOINT, a1: 0, a2: CODE + 4 },
      retired: 1 + 4,
      cycles: 1 + TRAP_ENTRY_CYCLES + 4,
    },
  ],
  hcall: [
    {
      name: "calls the host handler with the service number, without a trap",
      program: [ins("hcall", 0xbeef), ins("addi", "a2", "a0", 1)],
      setup: (m) => {
        m.hcallHandler = (service) => {
          m.cpu.regs[1] = service;
        };
      },
      regs: { a0: 0xbeef, a2: 0xbeef + 1 },
      check: (m) => {
        expect(m.trapCounts.every((n) => n === 0)).toBe(true);
        expect(m.cpu.cr[CR.CAUSE]).toBe(0);
      },
    },
  ],
  iret: [
    {
      name: "status = estatus, pc = epc, and costs the exit cycles",
      program: [
        ins("iret"),
        ins("addi", "a0", "zero", 1),
        ins("halt"),
        ins("mfcr", "a1", CR.STATUS),
        ins("mfcr", "a2", CR.EPC),
        ins("cli"),
      ],
      setup: (m) => {
        m.cpu.cr[CR.EPC] = CODE + 12;
        m.cpu.cr[CR.ESTATUS] = STATUS_IE;
      },
      regs: { a1: STATUS_IE, a2: CODE + 12 },
      retired: 5,
      cycles: 1 + TRAP_EXIT_CYCLES + 1 + 1 + 1 + 1,
    },
  ],
  cli: [
    {
      name: "clears IE",
      program: [ins("mfcr", "a0", CR.STATUS), ins("cli"), ins("mfcr", "a1", CR.STATUS)],
      setup: (m) => {
        m.cpu.cr[CR.STATUS] = STATUS_IE;
      },
      regs: { a0: STATUS_IE, a1: 0 },
    },
  ],
  sti: [
    {
      name: "sets IE",
      program: [ins("mfcr", "a0", CR.STATUS), ins("sti"), ins("mfcr", "a1", CR.STATUS), ins("cli")],
      regs: { a0: 0, a1: STATUS_IE },
    },
  ],
  mfcr: [
    {
      name: "reads every control register",
      program: [
        ins("mfcr", "a0", CR.STATUS),
        ins("mfcr", "a1", CR.EPC),
        ins("mfcr", "a2", CR.ESTATUS),
        ins("mfcr", "a3", CR.CAUSE),
        ins("mfcr", "t0", CR.TVAL),
        ins("mfcr", "t1", CR.TINFO),
        ins("mfcr", "t2", CR.TVEC),
        ins("mfcr", "t3", CR.DFVEC),
        ins("mfcr", "t4", CR.PTBR),
        ins("mfcr", "s0", CR.SCRATCH),
        ins("cli"),
      ],
      setup: (m) => {
        m.cpu.cr.set([STATUS_IE, 0x1111, 3, 6, 0x7777, 0x12, 0x1800, 0x1900, 0, 0xdeadbeef | 0]);
      },
      regs: {
        a0: STATUS_IE,
        a1: 0x1111,
        a2: 3,
        a3: 6,
        t0: 0x7777,
        t1: 0x12,
        t2: 0x1800,
        t3: 0x1900,
        t4: 0,
        s0: 0xdeadbeef | 0,
      },
    },
    {
      name: "into r0 is discarded",
      program: [ins("mfcr", "zero", CR.SCRATCH)],
      setup: (m) => {
        m.cpu.cr[CR.SCRATCH] = 7;
      },
      regs: {},
    },
  ],
  mtcr: [
    {
      name: "writes the control registers",
      program: [
        ins("mtcr", CR.EPC, "a0"),
        ins("mtcr", CR.ESTATUS, "a1"),
        ins("mtcr", CR.CAUSE, "a2"),
        ins("mtcr", CR.TVAL, "a3"),
        ins("mtcr", CR.TINFO, "t0"),
        ins("mtcr", CR.TVEC, "t1"),
        ins("mtcr", CR.DFVEC, "t2"),
        ins("mtcr", CR.SCRATCH, "t3"),
        ins("mfcr", "s0", CR.SCRATCH),
      ],
      init: { a0: 0x4000, a1: 1, a2: 8, a3: -5, t0: 0x11, t1: 0x1804, t2: 0x1904, t3: 0x1234567 },
      regs: { s0: 0x1234567 },
      check: (m) => {
        expect(Array.from(m.cpu.cr.subarray(0, 10))).toEqual([
          0, 0x4000, 1, 8, -5, 0x11, 0x1804, 0x1904, 0, 0x1234567,
        ]);
      },
    },
    {
      name: "ptbr turns paging on with the new tables",
      // The directory at 0x8000 is empty, so the very next fetch is a page fault (and with tvec = 0 the
      // machine stops on it).
      program: [ins("mtcr", CR.PTBR, "a0")],
      init: { a0: 0x8000 },
      retired: 1,
      cycles: 1 + TRAP_ENTRY_CYCLES,
      stop: { kind: "trap", cause: TRAP.PAGE_FAULT, tval: CODE + 4, tinfo: ACCESS.EXECUTE, epc: CODE + 4 },
      check: (m) => {
        expect(m.mmu.ptbr).toBe(0x8000);
        expect(m.cpu.cr[CR.PTBR]).toBe(0x8000);
      },
    },
    {
      name: "status: IE set and cleared",
      program: [ins("mtcr", CR.STATUS, "a0"), ins("mfcr", "a1", CR.STATUS), ins("mtcr", CR.STATUS, "zero")],
      init: { a0: STATUS_IE },
      regs: { a1: STATUS_IE },
    },
  ],
  in: [
    {
      name: "reads the cycle counter (after its own cost), an unknown port, and console input",
      program: [
        ins("addi", "a1", "zero", 1),
        ins("in", "a0", PORT.TIMER_NOW_LO),
        ins("in", "a2", 0x7777),
        ins("in", "a3", PORT.CON_IN),
      ],
      setup: (m) => m.devices.console.type("A"),
      regs: { a1: 1, a0: 1 + 4, a2: -1, a3: 65 },
    },
    {
      name: "into r0 is discarded (but the port is still read)",
      program: [ins("in", "zero", PORT.CON_IN), ins("in", "a0", PORT.CON_IN)],
      setup: (m) => m.devices.console.type("AB"),
      regs: { a0: 66 },
    },
  ],
  out: [
    {
      name: "writes bytes to the console",
      program: [
        ins("addi", "a0", "zero", 72),
        ins("out", PORT.CON_OUT, "a0"),
        ins("addi", "a0", "zero", 0x169),
        ins("out", PORT.CON_OUT, "a0"),
      ],
      regs: { a0: 0x169 },
      check: (m) => expect(new ConsoleReader(m.devices.console).read()).toBe("Hi"),
    },
    {
      name: "a device register written by out reads back with in",
      program: [ins("out", PORT.TIMER_PERIOD, "a1"), ins("in", "a0", PORT.TIMER_PERIOD)],
      init: { a1: 5000 },
      regs: { a0: 5000 },
    },
  ],
  halt: [
    {
      name: "with interrupts enabled, waits for the next interrupt (the clock jumps to it)",
      // out at cycle 4 sets the timer's first tick to 104; the halt at cycle 6 sleeps until then, and the
      // interrupt's epc is the instruction after the halt. The handler's halt (interrupts now off) stops.
      program: [ins("out", PORT.TIMER_PERIOD, "a1"), ins("sti"), ins("halt"), ins("addi", "a3", "zero", 1)],
      init: { a1: 100 },
      place: [[HANDLER, recordTrap]],
      setup: withHandler,
      regs: { a0: TRAP.TIMER, a1: IRQ.TIMER, a2: CODE + 12 },
      retired: 3 + 4,
      cycles: 104 + TRAP_ENTRY_CYCLES + 4,
    },
    {
      name: "stops with pc after it; the stop is sticky",
      program: [],
      check: (m) => {
        expect(m.cpu.pc).toBe(CODE + 4);
        expect(m.run(1000)).toEqual({ kind: "halt" });
        expect(m.cpu.cycles).toBe(1);
        expect(m.cpu.pc).toBe(CODE + 4);
      },
    },
  ],
};

/** Every word a case places in memory as code. */
const codeOf = (c: Case): number[] => [
  ...c.program,
  ins("halt"),
  ...(c.place ?? []).flatMap(([, list]) => list),
];

describe.each(Object.entries(CASES))("%s", (mnemonic, cases) => {
  test.each(cases)("$name", (c) => {
    const { m, stop } = boot(c);
    const opcode = BY_MNEMONIC.get(mnemonic)?.opcode;
    expect(codeOf(c).some((w) => w >>> 24 === opcode)).toBe(true);
    expect(stop).toEqual(c.stop ?? { kind: "halt" });
    expect(registerFile(m.cpu.regs)).toEqual(expectedRegisters(c));
    for (const [address, bytes] of c.bytes ?? []) {
      expect(Array.from(m.memory.readBytes(address, bytes.length))).toEqual(bytes);
    }
    if (c.retired === undefined) {
      // Straight-line: every word once, the halt included, at exactly the table's cost.
      const all = [...c.program, ins("halt")];
      expect(m.cpu.instructions).toBe(all.length);
      expect(m.cpu.cycles).toBe(all.reduce((sum, w) => sum + costOf(w), 0));
      expect(m.cpu.pc).toBe(CODE + 4 * all.length);
    } else {
      expect(m.cpu.instructions).toBe(c.retired);
      expect(m.cpu.cycles).toBe(c.cycles);
    }
    c.check?.(m);
  });
});

describe("hcall without a host handler", () => {
  test("stops with the service number; the next run continues after it", () => {
    const m = new Machine({ memoryBytes: 64 * 1024 });
    m.memory.writeBytes(CODE, words([ins("hcall", 42), ins("addi", "a0", "zero", 9), ins("halt")]));
    m.cpu.pc = CODE;
    expect(m.run(1000)).toEqual({ kind: "hcall", service: 42 });
    expect(m.cpu.pc).toBe(CODE + 4);
    expect(m.cpu.instructions).toBe(1);
    expect(m.cpu.cycles).toBe(4);
    expect(m.run(1000)).toEqual({ kind: "halt" });
    expect(m.cpu.regs[1]).toBe(9);
  });
});

describe("the table", () => {
  test("every instruction has a semantics case that runs it", () => {
    const missing = INSTRUCTIONS.filter((i) => !(CASES[i.mnemonic]?.length > 0)).map((i) => i.mnemonic);
    expect(missing).toEqual([]);
    const unknown = Object.keys(CASES).filter((name) => !BY_MNEMONIC.has(name));
    expect(unknown).toEqual([]);
  });

  test("costs are positive and opcode 0 is no instruction", () => {
    for (const i of INSTRUCTIONS) expect(CYCLES[i.opcode]).toBe(i.cycles);
    expect(INSTRUCTIONS.every((i) => i.cycles > 0 && i.opcode > 0)).toBe(true);
    expect(CYCLES[0]).toBe(0);
  });
});
