/**
 * The one instruction table of the Ringlab machine. The CPU's decoder, the assembler, the disassembler,
 * the docs (docs/isa.md) and the verifier all read it, so an instruction exists in exactly one place.
 *
 * Every instruction is one little-endian 32-bit word:
 *
 *   31      24 23  20 19  16 15  12 11                0
 *  +----------+------+------+------+-------------------+
 *  |  opcode  |  a   |  b   |  c   |                   |   R:  a=rd  b=rs1 c=rs2
 *  |  opcode  |  a   |  b   |        imm16             |   I:  a=rd  b=rs1 (also loads, stores, jalr)
 *  |  opcode  |  a   |            imm20                |   J:  a=rd, imm20 = signed word offset
 *  +----------+------+------+------+-------------------+
 *
 * Stores put the value register in field a; branches put rs1 in a and rs2 in b. Branch and jump offsets
 * count words from the next instruction (pc + 4).
 */

/** How the operands of an instruction are written and encoded. */
export type Format =
  | "R" //     add rd, rs1, rs2
  | "I" //     addi rd, rs1, simm16
  | "IU" //    andi rd, rs1, uimm16 (zero-extended)
  | "SH" //    shli rd, rs1, 0..31
  | "U" //     lui rd, uimm16          (rd = imm << 16)
  | "L" //     ldw rd, [rs1 + simm16]
  | "S" //     stw rs, [rs1 + simm16]  (value register in field a)
  | "B" //     beq rs1, rs2, label     (simm16 word offset from pc + 4)
  | "J" //     jal rd, label           (simm20 word offset from pc + 4)
  | "JR" //    jalr rd, rs1, simm16    (target rs1 + imm)
  | "N" //     halt                    (no operands)
  | "K" //     sys uimm16              (a number in imm16)
  | "CRR" //   mfcr rd, cr             (cr number in imm16)
  | "CRW" //   mtcr cr, rs             (rs in field b, cr number in imm16)
  | "IN" //    in rd, port             (port in imm16)
  | "OUT"; //  out port, rs            (rs in field a, port in imm16)

export interface InstructionInfo {
  mnemonic: string;
  opcode: number;
  format: Format;
  /** Cycles the instruction costs (trap entry and exit add TRAP_ENTRY_CYCLES / TRAP_EXIT_CYCLES). */
  cycles: number;
  /** Privileged instructions raise a protection fault in user mode. */
  privileged: boolean;
  /** One line for docs/isa.md and the disassembler's help. */
  summary: string;
  /** What the instruction does, as data: the verifier's transfer functions read it, and
   * test/property/isa-semantics.test.ts checks the interpreter against it. */
  semantics: Semantics;
}

/** A field of the instruction word that names a register (see the encoding above). */
export type RegisterField = "a" | "b" | "c";

/** The binary operations of the ALU instructions; `evaluateAlu` in semantics.ts computes each. */
export type AluOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "divu"
  | "rem"
  | "remu"
  | "and"
  | "or"
  | "xor"
  | "shl"
  | "shr"
  | "sar"
  | "slt"
  | "sltu";

/** Branch conditions, comparing field a (rs1) with field b (rs2). */
export type BranchCondition = "eq" | "ne" | "lt" | "ge" | "ltu" | "geu";

/**
 * Where control goes after the instruction:
 * next (pc + 4); branch (target or pc + 4); jump (pc + 4 + imm words); indirect (rs1 + imm, a register
 * decides); trap (completes, then enters the kernel with epc = pc + 4); host (the host's service, then pc + 4);
 * trap-return (pc = epc); halt (waits or stops).
 */
export type ControlFlow = "next" | "branch" | "jump" | "indirect" | "trap" | "host" | "trap-return" | "halt";

export type Semantics =
  | {
      /** rd(a) = op(rs1(b), second); second is rs2(c) for "reg", the decoded immediate for "imm". */
      kind: "alu";
      op: AluOp;
      second: "reg" | "imm";
      reads: RegisterField[];
      writes: "a";
      flow: "next";
      /** div divu rem remu: a zero divisor is a divide-by-zero trap and nothing is written. */
      trapsOnZeroDivisor: boolean;
    }
  | {
      kind: "load";
      width: 1 | 2 | 4;
      /** Whether the loaded value is sign-extended to 32 bits (else zero-extended). */
      signed: boolean;
      reads: RegisterField[];
      writes: "a";
      flow: "next";
    }
  | { kind: "store"; width: 1 | 2 | 4; reads: RegisterField[]; writes?: undefined; flow: "next" }
  | { kind: "branch"; condition: BranchCondition; reads: RegisterField[]; writes?: undefined; flow: "branch" }
  | {
      kind:
        | "lui"
        | "jal"
        | "jalr"
        | "sys"
        | "brk"
        | "hcall"
        | "iret"
        | "cli"
        | "sti"
        | "mfcr"
        | "mtcr"
        | "in"
        | "out"
        | "halt";
      reads: RegisterField[];
      writes?: "a";
      flow: ControlFlow;
    };

function alu(op: AluOp, second: "reg" | "imm"): Semantics {
  const trapsOnZeroDivisor = op === "div" || op === "divu" || op === "rem" || op === "remu";
  const reads: RegisterField[] = second === "reg" ? ["b", "c"] : ["b"];
  return { kind: "alu", op, second, reads, writes: "a", flow: "next", trapsOnZeroDivisor };
}
function load(width: 1 | 2 | 4, signed: boolean): Semantics {
  return { kind: "load", width, signed, reads: ["b"], writes: "a", flow: "next" };
}
function store(width: 1 | 2 | 4): Semantics {
  return { kind: "store", width, reads: ["a", "b"], flow: "next" };
}
function branch(condition: BranchCondition): Semantics {
  return { kind: "branch", condition, reads: ["a", "b"], flow: "branch" };
}

const table: Omit<InstructionInfo, "opcode">[] = [
  // Arithmetic and logic on registers.
  {
    mnemonic: "add",
    format: "R",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 + rs2 (wraps)",
    semantics: alu("add", "reg"),
  },
  {
    mnemonic: "sub",
    format: "R",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 - rs2 (wraps)",
    semantics: alu("sub", "reg"),
  },
  {
    mnemonic: "mul",
    format: "R",
    cycles: 3,
    privileged: false,
    summary: "rd = low 32 bits of rs1 * rs2",
    semantics: alu("mul", "reg"),
  },
  {
    mnemonic: "div",
    format: "R",
    cycles: 12,
    privileged: false,
    summary: "rd = rs1 / rs2, signed, toward zero; divide-by-zero trap if rs2 = 0",
    semantics: alu("div", "reg"),
  },
  {
    mnemonic: "divu",
    format: "R",
    cycles: 12,
    privileged: false,
    summary: "rd = rs1 / rs2, unsigned; divide-by-zero trap if rs2 = 0",
    semantics: alu("divu", "reg"),
  },
  {
    mnemonic: "rem",
    format: "R",
    cycles: 12,
    privileged: false,
    summary: "rd = rs1 % rs2, signed (sign of rs1); divide-by-zero trap if rs2 = 0",
    semantics: alu("rem", "reg"),
  },
  {
    mnemonic: "remu",
    format: "R",
    cycles: 12,
    privileged: false,
    summary: "rd = rs1 % rs2, unsigned; divide-by-zero trap if rs2 = 0",
    semantics: alu("remu", "reg"),
  },
  {
    mnemonic: "and",
    format: "R",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 & rs2",
    semantics: alu("and", "reg"),
  },
  {
    mnemonic: "or",
    format: "R",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 | rs2",
    semantics: alu("or", "reg"),
  },
  {
    mnemonic: "xor",
    format: "R",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 ^ rs2",
    semantics: alu("xor", "reg"),
  },
  {
    mnemonic: "shl",
    format: "R",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 << (rs2 & 31)",
    semantics: alu("shl", "reg"),
  },
  {
    mnemonic: "shr",
    format: "R",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 >> (rs2 & 31), logical (zero-filling)",
    semantics: alu("shr", "reg"),
  },
  {
    mnemonic: "sar",
    format: "R",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 >> (rs2 & 31), arithmetic (sign-filling)",
    semantics: alu("sar", "reg"),
  },
  {
    mnemonic: "slt",
    format: "R",
    cycles: 1,
    privileged: false,
    summary: "rd = 1 if rs1 < rs2 (signed), else 0",
    semantics: alu("slt", "reg"),
  },
  {
    mnemonic: "sltu",
    format: "R",
    cycles: 1,
    privileged: false,
    summary: "rd = 1 if rs1 < rs2 (unsigned), else 0",
    semantics: alu("sltu", "reg"),
  },
  // Arithmetic and logic with an immediate.
  {
    mnemonic: "addi",
    format: "I",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 + simm16",
    semantics: alu("add", "imm"),
  },
  {
    mnemonic: "andi",
    format: "IU",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 & uimm16",
    semantics: alu("and", "imm"),
  },
  {
    mnemonic: "ori",
    format: "IU",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 | uimm16",
    semantics: alu("or", "imm"),
  },
  {
    mnemonic: "xori",
    format: "IU",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 ^ uimm16",
    semantics: alu("xor", "imm"),
  },
  {
    mnemonic: "shli",
    format: "SH",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 << shamt",
    semantics: alu("shl", "imm"),
  },
  {
    mnemonic: "shri",
    format: "SH",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 >> shamt, logical",
    semantics: alu("shr", "imm"),
  },
  {
    mnemonic: "sari",
    format: "SH",
    cycles: 1,
    privileged: false,
    summary: "rd = rs1 >> shamt, arithmetic",
    semantics: alu("sar", "imm"),
  },
  {
    mnemonic: "slti",
    format: "I",
    cycles: 1,
    privileged: false,
    summary: "rd = 1 if rs1 < simm16 (signed), else 0",
    semantics: alu("slt", "imm"),
  },
  {
    mnemonic: "sltiu",
    format: "I",
    cycles: 1,
    privileged: false,
    summary: "rd = 1 if rs1 < simm16 (compared unsigned, imm sign-extended), else 0",
    semantics: alu("sltu", "imm"),
  },
  {
    mnemonic: "lui",
    format: "U",
    cycles: 1,
    privileged: false,
    summary: "rd = uimm16 << 16",
    semantics: { kind: "lui", reads: [], writes: "a", flow: "next" },
  },
  // Memory. Addresses are virtual and go through the MMU; unaligned accesses are allowed.
  {
    mnemonic: "ldw",
    format: "L",
    cycles: 2,
    privileged: false,
    summary: "rd = 32-bit word at rs1 + simm16",
    semantics: load(4, false),
  },
  {
    mnemonic: "ldh",
    format: "L",
    cycles: 2,
    privileged: false,
    summary: "rd = 16-bit halfword at rs1 + simm16, sign-extended",
    semantics: load(2, true),
  },
  {
    mnemonic: "ldhu",
    format: "L",
    cycles: 2,
    privileged: false,
    summary: "rd = 16-bit halfword at rs1 + simm16, zero-extended",
    semantics: load(2, false),
  },
  {
    mnemonic: "ldb",
    format: "L",
    cycles: 2,
    privileged: false,
    summary: "rd = byte at rs1 + simm16, sign-extended",
    semantics: load(1, true),
  },
  {
    mnemonic: "ldbu",
    format: "L",
    cycles: 2,
    privileged: false,
    summary: "rd = byte at rs1 + simm16, zero-extended",
    semantics: load(1, false),
  },
  {
    mnemonic: "stw",
    format: "S",
    cycles: 2,
    privileged: false,
    summary: "32-bit word at rs1 + simm16 = rs",
    semantics: store(4),
  },
  {
    mnemonic: "sth",
    format: "S",
    cycles: 2,
    privileged: false,
    summary: "16-bit halfword at rs1 + simm16 = low 16 bits of rs",
    semantics: store(2),
  },
  {
    mnemonic: "stb",
    format: "S",
    cycles: 2,
    privileged: false,
    summary: "byte at rs1 + simm16 = low 8 bits of rs",
    semantics: store(1),
  },
  // Control flow.
  {
    mnemonic: "beq",
    format: "B",
    cycles: 1,
    privileged: false,
    summary: "branch if rs1 == rs2",
    semantics: branch("eq"),
  },
  {
    mnemonic: "bne",
    format: "B",
    cycles: 1,
    privileged: false,
    summary: "branch if rs1 != rs2",
    semantics: branch("ne"),
  },
  {
    mnemonic: "blt",
    format: "B",
    cycles: 1,
    privileged: false,
    summary: "branch if rs1 < rs2 (signed)",
    semantics: branch("lt"),
  },
  {
    mnemonic: "bge",
    format: "B",
    cycles: 1,
    privileged: false,
    summary: "branch if rs1 >= rs2 (signed)",
    semantics: branch("ge"),
  },
  {
    mnemonic: "bltu",
    format: "B",
    cycles: 1,
    privileged: false,
    summary: "branch if rs1 < rs2 (unsigned)",
    semantics: branch("ltu"),
  },
  {
    mnemonic: "bgeu",
    format: "B",
    cycles: 1,
    privileged: false,
    summary: "branch if rs1 >= rs2 (unsigned)",
    semantics: branch("geu"),
  },
  {
    mnemonic: "jal",
    format: "J",
    cycles: 2,
    privileged: false,
    summary: "rd = pc + 4; pc = label",
    semantics: { kind: "jal", reads: [], writes: "a", flow: "jump" },
  },
  {
    mnemonic: "jalr",
    format: "JR",
    cycles: 2,
    privileged: false,
    summary: "rd = pc + 4; pc = rs1 + simm16",
    semantics: { kind: "jalr", reads: ["b"], writes: "a", flow: "indirect" },
  },
  // Traps into the kernel.
  {
    mnemonic: "sys",
    format: "K",
    cycles: 1,
    privileged: false,
    summary: "system call: trap with cause SYSCALL and tval = uimm16",
    semantics: { kind: "sys", reads: [], flow: "trap" },
  },
  {
    mnemonic: "brk",
    format: "N",
    cycles: 1,
    privileged: false,
    summary: "breakpoint: trap with cause BREAKPOINT",
    semantics: { kind: "brk", reads: [], flow: "trap" },
  },
  // Privileged: a protection fault in user mode.
  {
    mnemonic: "hcall",
    format: "K",
    cycles: 4,
    privileged: true,
    summary: "kernel service call: runs kernel service uimm16 directly, without a trap",
    semantics: { kind: "hcall", reads: [], flow: "host" },
  },
  {
    mnemonic: "iret",
    format: "N",
    cycles: 1,
    privileged: true,
    summary: "trap return: status = estatus; pc = epc",
    semantics: { kind: "iret", reads: [], flow: "trap-return" },
  },
  {
    mnemonic: "cli",
    format: "N",
    cycles: 1,
    privileged: true,
    summary: "disable interrupts (status.IE = 0)",
    semantics: { kind: "cli", reads: [], flow: "next" },
  },
  {
    mnemonic: "sti",
    format: "N",
    cycles: 1,
    privileged: true,
    summary: "enable interrupts (status.IE = 1)",
    semantics: { kind: "sti", reads: [], flow: "next" },
  },
  {
    mnemonic: "mfcr",
    format: "CRR",
    cycles: 1,
    privileged: true,
    summary: "rd = control register cr",
    semantics: { kind: "mfcr", reads: [], writes: "a", flow: "next" },
  },
  {
    mnemonic: "mtcr",
    format: "CRW",
    cycles: 1,
    privileged: true,
    summary: "control register cr = rs (writing ptbr switches page tables and flushes the TLB)",
    semantics: { kind: "mtcr", reads: ["b"], flow: "next" },
  },
  {
    mnemonic: "in",
    format: "IN",
    cycles: 4,
    privileged: true,
    summary: "rd = value read from device port",
    semantics: { kind: "in", reads: [], writes: "a", flow: "next" },
  },
  {
    mnemonic: "out",
    format: "OUT",
    cycles: 4,
    privileged: true,
    summary: "write rs to device port",
    semantics: { kind: "out", reads: ["a"], flow: "next" },
  },
  {
    mnemonic: "halt",
    format: "N",
    cycles: 1,
    privileged: true,
    summary: "wait for an interrupt; with interrupts disabled, for the watchdog (or stop if it is not armed)",
    semantics: { kind: "halt", reads: [], flow: "halt" },
  },
];

/** Opcode 0 is deliberately no instruction: zero-filled memory executed as code is an illegal instruction. */
export const INSTRUCTIONS: readonly InstructionInfo[] = table.map((info, index) => ({
  ...info,
  opcode: index + 1,
}));

export const BY_MNEMONIC: ReadonlyMap<string, InstructionInfo> = new Map(
  INSTRUCTIONS.map((i) => [i.mnemonic, i]),
);

/** Indexed by opcode; undefined for opcodes that are not instructions. */
export const BY_OPCODE: readonly (InstructionInfo | undefined)[] = (() => {
  const byOpcode: (InstructionInfo | undefined)[] = new Array(256).fill(undefined);
  for (const info of INSTRUCTIONS) byOpcode[info.opcode] = info;
  return byOpcode;
})();

/** Opcode numbers by name, for the CPU's switch. */
export const OP = Object.fromEntries(INSTRUCTIONS.map((i) => [i.mnemonic.toUpperCase(), i.opcode])) as Record<
  Uppercase<(typeof table)[number]["mnemonic"]>,
  number
>;

/** Cycles per opcode, for the CPU's hot loop. */
export const CYCLES: Uint8Array = (() => {
  const cycles = new Uint8Array(256);
  for (const info of INSTRUCTIONS) cycles[info.opcode] = info.cycles;
  return cycles;
})();

/** Extra cycles for entering the kernel on a trap or interrupt, and for leaving it with iret. */
export const TRAP_ENTRY_CYCLES = 40;
export const TRAP_EXIT_CYCLES = 40;

// ---- Registers -------------------------------------------------------------------------------------

/**
 * 16 general registers. r0 always reads 0. The calling convention (shared by driver C and assembly):
 * arguments in a0..a3 (r1..r4), result in a0; t0..t4 are scratch (caller-saved); s0..s2 are kept
 * across calls (callee-saved); fp frames locals; sp is the stack pointer (grows down); lr holds the
 * return address.
 */
export const REGISTER_NAMES = [
  "zero",
  "a0",
  "a1",
  "a2",
  "a3",
  "t0",
  "t1",
  "t2",
  "t3",
  "t4",
  "s0",
  "s1",
  "s2",
  "fp",
  "sp",
  "lr",
] as const;

export const REG = {
  ZERO: 0,
  A0: 1,
  A1: 2,
  A2: 3,
  A3: 4,
  T0: 5,
  T1: 6,
  T2: 7,
  T3: 8,
  T4: 9,
  S0: 10,
  S1: 11,
  S2: 12,
  FP: 13,
  SP: 14,
  LR: 15,
} as const;

/** Parses r0..r15 or an ABI name; returns -1 for anything else. */
export function parseRegister(name: string): number {
  const lower = name.toLowerCase();
  const numbered = /^r(\d{1,2})$/.exec(lower);
  if (numbered) {
    const n = Number(numbered[1]);
    return n < 16 ? n : -1;
  }
  return (REGISTER_NAMES as readonly string[]).indexOf(lower);
}

// ---- Control registers -----------------------------------------------------------------------------

/** Control registers, read with mfcr and written with mtcr (kernel mode only). */
export const CR = {
  /** bit 0: USER (1 = user mode), bit 1: IE (interrupts enabled). */
  STATUS: 0,
  /** pc saved by trap entry. */
  EPC: 1,
  /** status saved by trap entry. */
  ESTATUS: 2,
  /** why the last trap happened (TRAP below). */
  CAUSE: 3,
  /** the trap's value: faulting address, instruction word, system call number, irq number. */
  TVAL: 4,
  /** page faults: access (bits 0-1: 0 read, 1 write, 2 execute) | reason << 4 (0 not present, 1 protection). */
  TINFO: 5,
  /** address of the trap handler (0: no handler, the machine stops on the trap). */
  TVEC: 6,
  /** address of the double-fault handler (0: a double fault stops the machine). */
  DFVEC: 7,
  /** physical address of the page directory; 0 turns paging off. */
  PTBR: 8,
  /** free for the kernel's own use. */
  SCRATCH: 9,
} as const;

export const CR_NAMES = [
  "status",
  "epc",
  "estatus",
  "cause",
  "tval",
  "tinfo",
  "tvec",
  "dfvec",
  "ptbr",
  "scratch",
];

export const STATUS_USER = 1;
export const STATUS_IE = 2;

// ---- Traps -----------------------------------------------------------------------------------------

export const TRAP = {
  PAGE_FAULT: 1,
  PROTECTION_FAULT: 2,
  ILLEGAL_INSTRUCTION: 3,
  DIVIDE_BY_ZERO: 4,
  BREAKPOINT: 5,
  SYSCALL: 6,
  TIMER: 7,
  DEVICE: 8,
  DOUBLE_FAULT: 9,
  /** The watchdog's deadline passed: taken whatever IE and the mask say (see devices/watchdog.ts). */
  WATCHDOG: 10,
} as const;

export type TrapCause = (typeof TRAP)[keyof typeof TRAP];

export const TRAP_NAMES: Record<number, string> = {
  [TRAP.PAGE_FAULT]: "page fault",
  [TRAP.PROTECTION_FAULT]: "protection fault",
  [TRAP.ILLEGAL_INSTRUCTION]: "illegal instruction",
  [TRAP.DIVIDE_BY_ZERO]: "divide by zero",
  [TRAP.BREAKPOINT]: "breakpoint",
  [TRAP.SYSCALL]: "system call",
  [TRAP.TIMER]: "timer interrupt",
  [TRAP.DEVICE]: "device interrupt",
  [TRAP.DOUBLE_FAULT]: "double fault",
  [TRAP.WATCHDOG]: "watchdog interrupt",
};

export const ACCESS = { READ: 0, WRITE: 1, EXECUTE: 2 } as const;
export type Access = (typeof ACCESS)[keyof typeof ACCESS];
export const ACCESS_NAMES = ["read", "write", "execute"] as const;
export const REASON = { NOT_PRESENT: 0, PROTECTION: 1 } as const;
export const REASON_NAMES = ["not present", "protection"] as const;

// ---- Encoding --------------------------------------------------------------------------------------

export interface DecodedInstruction {
  info: InstructionInfo;
  a: number;
  b: number;
  c: number;
  /** imm16 sign- or zero-extended as the format says; imm20 sign-extended for J. */
  imm: number;
}

/** Whether the format's 16-bit immediate is zero-extended. */
export function immIsUnsigned(format: Format): boolean {
  return (
    format === "IU" ||
    format === "U" ||
    format === "K" ||
    format === "CRR" ||
    format === "CRW" ||
    format === "IN" ||
    format === "OUT"
  );
}

export function decode(word: number): DecodedInstruction | undefined {
  const info = BY_OPCODE[word >>> 24];
  if (!info) return undefined;
  const a = (word >>> 20) & 15;
  const b = (word >>> 16) & 15;
  const c = (word >>> 12) & 15;
  let imm: number;
  if (info.format === "J") imm = (word << 12) >> 12;
  else if (info.format === "SH") imm = word & 31;
  else if (immIsUnsigned(info.format)) imm = word & 0xffff;
  else imm = (word << 16) >> 16;
  return { info, a, b, c, imm };
}

/** Packs fields into a word. The caller has range-checked the immediate. */
export function encode(opcode: number, a: number, b: number, c: number, imm: number, format: Format): number {
  let word = ((opcode & 0xff) << 24) | ((a & 15) << 20);
  if (format === "J") return (word | (imm & 0xfffff)) >>> 0;
  word |= (b & 15) << 16;
  if (format === "R") return (word | ((c & 15) << 12)) >>> 0;
  return (word | (imm & 0xffff)) >>> 0;
}

/** The memory map, in one place: see docs/isa.md. */
export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;
/** Page-table entry bits (the page-directory entry uses only PRESENT). */
export const PTE = { PRESENT: 1, WRITABLE: 2, USER: 4, EXECUTABLE: 8 } as const;
