/**
 * Every trap cause, entered through the one trap path: what CAUSE, TVAL, TINFO, EPC and ESTATUS hold,
 * that a faulting instruction neither retires nor changes a register, what the trap costs, double and
 * triple faults, interrupts, iret, and the host's trap stop (tvec = 0) and trapReturn.
 *
 * Most tests leave tvec = 0 so the machine stops on the trap and the state can be read exactly as trap
 * entry left it; tests of handler entry point tvec at a kernel handler.
 */
import { describe, expect, test } from "vitest";
import { ConsoleReader } from "../../src/machine/devices/console";
import { IRQ, PORT } from "../../src/machine/devices/ports";
import {
  ACCESS,
  CR,
  CYCLES,
  INSTRUCTIONS,
  PTE,
  REASON,
  STATUS_IE,
  STATUS_USER,
  TRAP,
  TRAP_ENTRY_CYCLES,
  TRAP_EXIT_CYCLES,
} from "../../src/machine/isa";
import { Machine } from "../../src/machine/machine";
import { bumpAllocator, mapPage } from "../../src/machine/pageTables";
import { ins, words } from "../support/encode";

const KCODE = 0x1000;
const HANDLER = 0x1800;
const DF_HANDLER = 0x1c00;
const UCODE = 0x0040_0000;
const UDATA = 0x0080_0000;
/** A user page without WRITABLE. */
const URO = 0x0080_1000;
/** A page in the user range mapped without USER. */
const UKERNEL = 0x0080_2000;
const UNMAPPED = 0x0090_0000;
/** A kernel data page: present and writable, but not executable. */
const KDATA = 0x3000;
const SENTINEL = 0x5a5a5a5a;

const cost = (mnemonic: string): number => CYCLES[ins(mnemonic, 0, 0, 0) >>> 24];

/** Kernel mode, paging off, the program at KCODE (the reset state). */
function flat(program: number[], memoryBytes = 64 * 1024): Machine {
  const m = new Machine({ memoryBytes });
  m.memory.writeBytes(KCODE, words(program));
  m.cpu.pc = KCODE;
  return m;
}

/**
 * A user address space: kernel code (with the handlers) identity-mapped kernel-only at 0x1000, a kernel
 * data page at 0x3000, user code at UCODE, user data at UDATA, a read-only user page, and a kernel-only
 * page inside the user range. The machine is in user mode at UCODE with every register = SENTINEL.
 */
function paged(program: number[], kernel: number[] = []): Machine {
  const m = new Machine({ memoryBytes: 256 * 1024 });
  const allocate = bumpAllocator(m.memory, 0x10000, m.memory.size);
  const directory = allocate();
  const map = (va: number, flags: number) => {
    const frame = allocate();
    mapPage(m.memory, directory, va, frame, flags, allocate);
    return frame;
  };
  mapPage(m.memory, directory, KCODE, KCODE, PTE.EXECUTABLE, allocate);
  mapPage(m.memory, directory, KDATA, KDATA, PTE.WRITABLE, allocate);
  const code = map(UCODE, PTE.USER | PTE.EXECUTABLE);
  map(UDATA, PTE.USER | PTE.WRITABLE);
  map(URO, PTE.USER);
  map(UKERNEL, PTE.WRITABLE | PTE.EXECUTABLE);
  m.memory.writeBytes(code, words(program));
  m.memory.writeBytes(KCODE, words(kernel));
  m.cpu.cr[CR.PTBR] = directory;
  m.mmu.setPageTableBase(directory);
  m.cpu.cr[CR.STATUS] = STATUS_USER;
  m.cpu.pc = UCODE;
  m.cpu.regs.fill(SENTINEL);
  m.cpu.regs[0] = 0;
  return m;
}

/** The trap registers and mode, as trap entry leaves them. */
function trapState(m: Machine) {
  const cr = m.cpu.cr;
  return {
    cause: cr[CR.CAUSE],
    tval: cr[CR.TVAL] >>> 0,
    tinfo: cr[CR.TINFO],
    epc: cr[CR.EPC] >>> 0,
    estatus: cr[CR.ESTATUS],
    status: cr[CR.STATUS],
    pc: m.cpu.pc,
  };
}

const withRegs = (m: Machine, regs: Record<number, number>): Machine => {
  for (const [r, v] of Object.entries(regs)) m.cpu.regs[Number(r)] = v;
  return m;
};

const A0 = 1;
const A1 = 2;
const T0 = 5;
const LR = 15;

describe("page faults: TVAL = address, TINFO = access | reason << 4", () => {
  const cases: {
    name: string;
    program: number[];
    regs?: Record<number, number>;
    tval: number;
    tinfo: number;
    /** Where the fault happens (the faulting instruction, or the fetch's address). */
    epc: number;
    /** Instructions retired before the fault. */
    retired: number;
    cycles: number;
    /** Registers the retired instructions wrote. */
    changed?: number[];
  }[] = [
    {
      name: "read, not present",
      program: [ins("ldw", "a0", "a1", 0x10)],
      regs: { [A1]: UNMAPPED },
      tval: UNMAPPED + 0x10,
      tinfo: ACCESS.READ | (REASON.NOT_PRESENT << 4),
      epc: UCODE,
      retired: 0,
      cycles: cost("ldw"),
    },
    {
      name: "read, protection (a kernel-only page)",
      program: [ins("ldbu", "a0", "a1", 3)],
      regs: { [A1]: UKERNEL },
      tval: UKERNEL + 3,
      tinfo: ACCESS.READ | (REASON.PROTECTION << 4),
      epc: UCODE,
      retired: 0,
      cycles: cost("ldbu"),
    },
    {
      name: "read of page 0 (a null pointer)",
      program: [ins("addi", "t0", "zero", 1), ins("ldw", "a0", "zero", 8)],
      tval: 8,
      tinfo: ACCESS.READ | (REASON.NOT_PRESENT << 4),
      epc: UCODE + 4,
      retired: 1,
      cycles: 1 + cost("ldw"),
      changed: [T0],
    },
    {
      name: "a load into its own base register leaves the base unchanged",
      program: [ins("ldw", "a1", "a1", 0)],
      regs: { [A1]: UNMAPPED },
      tval: UNMAPPED,
      tinfo: ACCESS.READ | (REASON.NOT_PRESENT << 4),
      epc: UCODE,
      retired: 0,
      cycles: cost("ldw"),
    },
    {
      name: "write, not present",
      program: [ins("stw", "a0", "a1", -4)],
      regs: { [A1]: UNMAPPED + 4 },
      tval: UNMAPPED,
      tinfo: ACCESS.WRITE | (REASON.NOT_PRESENT << 4),
      epc: UCODE,
      retired: 0,
      cycles: cost("stw"),
    },
    {
      name: "write, protection (a read-only user page)",
      program: [ins("sth", "a0", "a1", 2)],
      regs: { [A1]: URO },
      tval: URO + 2,
      tinfo: ACCESS.WRITE | (REASON.PROTECTION << 4),
      epc: UCODE,
      retired: 0,
      cycles: cost("sth"),
    },
    {
      name: "write, protection (a kernel-only page)",
      program: [ins("stb", "a0", "a1", 0)],
      regs: { [A1]: UKERNEL },
      tval: UKERNEL,
      tinfo: ACCESS.WRITE | (REASON.PROTECTION << 4),
      epc: UCODE,
      retired: 0,
      cycles: cost("stb"),
    },
    {
      name: "execute, not present (the jump retires, the fetch faults)",
      program: [ins("jalr", "lr", "a1", 0)],
      regs: { [A1]: UNMAPPED },
      tval: UNMAPPED,
      tinfo: ACCESS.EXECUTE | (REASON.NOT_PRESENT << 4),
      epc: UNMAPPED,
      retired: 1,
      cycles: cost("jalr"),
      changed: [LR],
    },
    {
      name: "execute, protection (a data page without EXECUTABLE)",
      program: [ins("jalr", "lr", "a1", 0)],
      regs: { [A1]: UDATA },
      tval: UDATA,
      tinfo: ACCESS.EXECUTE | (REASON.PROTECTION << 4),
      epc: UDATA,
      retired: 1,
      cycles: cost("jalr"),
      changed: [LR],
    },
    {
      name: "execute, protection (an executable kernel-only page)",
      program: [ins("jalr", "lr", "a1", 0)],
      regs: { [A1]: UKERNEL },
      tval: UKERNEL,
      tinfo: ACCESS.EXECUTE | (REASON.PROTECTION << 4),
      epc: UKERNEL,
      retired: 1,
      cycles: cost("jalr"),
      changed: [LR],
    },
  ];

  test.each(cases)("$name", (c) => {
    const m = withRegs(paged(c.program), c.regs ?? {});
    const before = Array.from(m.cpu.regs);
    const stop = m.run(1000);
    expect(stop).toEqual({ kind: "trap", cause: TRAP.PAGE_FAULT, tval: c.tval, tinfo: c.tinfo, epc: c.epc });
    expect(trapState(m)).toEqual({
      cause: TRAP.PAGE_FAULT,
      tval: c.tval,
      tinfo: c.tinfo,
      epc: c.epc,
      estatus: STATUS_USER,
      status: 0,
      pc: c.epc,
    });
    expect(m.cpu.instructions).toBe(c.retired);
    expect(m.cpu.cycles).toBe(c.cycles + TRAP_ENTRY_CYCLES);
    // Only what retired instructions wrote has changed; the faulting instruction wrote nothing.
    const after = Array.from(m.cpu.regs);
    expect(after.map((v, i) => (v !== before[i] ? i : -1)).filter((i) => i >= 0)).toEqual(c.changed ?? []);
    expect(m.trapCounts[TRAP.PAGE_FAULT]).toBe(1);
  });

  test("a faulting store writes nothing", () => {
    const m = withRegs(paged([ins("stw", "a0", "a1", 0)]), { [A1]: URO });
    const frame = m.mmu.peek(URO, ACCESS.READ, false);
    m.memory.writeBytes(frame, [1, 2, 3, 4]);
    expect(m.run(1000).kind).toBe("trap");
    expect(Array.from(m.memory.readBytes(frame, 4))).toEqual([1, 2, 3, 4]);
  });

  test("kernel mode, paging off: page 0 and addresses beyond RAM are not present", () => {
    const m = withRegs(flat([ins("ldw", "a0", "a1", 0)]), { [A1]: 0x10000 });
    expect(m.run(1000)).toEqual({
      kind: "trap",
      cause: TRAP.PAGE_FAULT,
      tval: 0x10000,
      tinfo: ACCESS.READ | (REASON.NOT_PRESENT << 4),
      epc: KCODE,
    });
    expect(trapState(m).estatus).toBe(0);
    const n = flat([ins("stw", "a0", "zero", 0xffc)]);
    expect(n.run(1000)).toEqual({
      kind: "trap",
      cause: TRAP.PAGE_FAULT,
      tval: 0xffc,
      tinfo: ACCESS.WRITE | (REASON.NOT_PRESENT << 4),
      epc: KCODE,
    });
  });
});

describe("protection fault: each privileged instruction in user mode", () => {
  const privileged = INSTRUCTIONS.filter((i) => i.privileged).map((i) => i.mnemonic);
  const operands: Record<string, (string | number)[]> = {
    hcall: [5],
    mfcr: ["a0", CR.SCRATCH],
    mtcr: [CR.STATUS, "zero"],
    in: ["a0", PORT.RNG],
    out: [PORT.CON_OUT, "a1"],
  };

  test("the privileged set is the one the docs name", () => {
    expect(privileged).toEqual(["hcall", "iret", "cli", "sti", "mfcr", "mtcr", "in", "out", "halt"]);
  });

  test.each(privileged)("%s: TVAL = the instruction word, nothing else changes", (mnemonic) => {
    const word = ins(mnemonic, ...(operands[mnemonic] ?? []));
    const m = flat([word]);
    m.cpu.cr[CR.STATUS] = STATUS_USER;
    m.cpu.cr[CR.EPC] = KCODE + 0x100;
    m.cpu.cr[CR.ESTATUS] = STATUS_USER | STATUS_IE;
    m.cpu.cr[CR.SCRATCH] = 77;
    m.cpu.regs[A1] = 65;
    let hcalls = 0;
    m.hcallHandler = () => hcalls++;
    const random = m.random.state;
    const stop = m.run(1000);
    expect(stop).toEqual({ kind: "trap", cause: TRAP.PROTECTION_FAULT, tval: word, tinfo: 0, epc: KCODE });
    expect(trapState(m)).toEqual({
      cause: TRAP.PROTECTION_FAULT,
      tval: word,
      tinfo: 0,
      epc: KCODE,
      estatus: STATUS_USER,
      status: 0,
      pc: KCODE,
    });
    expect(m.cpu.instructions).toBe(0);
    expect(m.cpu.cycles).toBe(CYCLES[word >>> 24] + TRAP_ENTRY_CYCLES);
    expect(m.cpu.regs[A0]).toBe(0);
    expect(m.cpu.cr[CR.SCRATCH]).toBe(77);
    expect(hcalls).toBe(0);
    expect(m.random.state).toBe(random);
    expect(new ConsoleReader(m.devices.console).read()).toBe("");
    expect(m.stopped).toBeUndefined();
  });
});

describe("illegal instruction: TVAL = the word (or the pc), EPC = the instruction", () => {
  test("opcode 0: zero-filled memory executed as code", () => {
    const m = flat([ins("jal", "zero", 100)]);
    const target = KCODE + 4 + 400;
    expect(m.run(1000)).toEqual({
      kind: "trap",
      cause: TRAP.ILLEGAL_INSTRUCTION,
      tval: 0,
      tinfo: 0,
      epc: target,
    });
    expect(m.cpu.instructions).toBe(1);
    expect(m.cpu.cycles).toBe(cost("jal") + TRAP_ENTRY_CYCLES);
  });

  test("every opcode that is no instruction", () => {
    const defined = new Set(INSTRUCTIONS.map((i) => i.opcode));
    for (let op = 0; op < 256; op++) {
      if (defined.has(op)) continue;
      const word = ((op << 24) | 0x00a51234) >>> 0;
      const m = withRegs(flat([word]), { [A0]: SENTINEL });
      expect(m.run(1000)).toEqual({
        kind: "trap",
        cause: TRAP.ILLEGAL_INSTRUCTION,
        tval: word,
        tinfo: 0,
        epc: KCODE,
      });
      expect(m.cpu.instructions).toBe(0);
      expect(m.cpu.cycles).toBe(TRAP_ENTRY_CYCLES);
      expect(m.cpu.regs[A0]).toBe(SENTINEL);
    }
  });

  test("an unaligned pc: TVAL = EPC = the pc", () => {
    const m = withRegs(flat([ins("jalr", "zero", "a1", 2)]), { [A1]: KCODE + 8 });
    expect(m.run(1000)).toEqual({
      kind: "trap",
      cause: TRAP.ILLEGAL_INSTRUCTION,
      tval: KCODE + 10,
      tinfo: 0,
      epc: KCODE + 10,
    });
    expect(m.cpu.instructions).toBe(1);
  });

  test("an unaligned pc reached by iret, in user mode", () => {
    const m = flat([ins("iret")]);
    m.cpu.cr[CR.EPC] = KCODE + 0x41;
    m.cpu.cr[CR.ESTATUS] = STATUS_USER;
    expect(m.run(1000)).toEqual({
      kind: "trap",
      cause: TRAP.ILLEGAL_INSTRUCTION,
      tval: KCODE + 0x41,
      tinfo: 0,
      epc: KCODE + 0x41,
    });
    expect(trapState(m).estatus).toBe(STATUS_USER);
    expect(m.cpu.cycles).toBe(1 + TRAP_EXIT_CYCLES + TRAP_ENTRY_CYCLES);
  });

  test.each([
    ["mfcr", ins("mfcr", "a0", 10)],
    ["mfcr", ins("mfcr", "a0", 0xffff)],
    ["mtcr", ins("mtcr", 10, "a1")],
    ["mtcr", ins("mtcr", 15, "a1")],
  ])("%s of a control register that does not exist (%i)", (_, word) => {
    const m = withRegs(flat([word]), { [A0]: SENTINEL, [A1]: 3 });
    expect(m.run(1000)).toEqual({
      kind: "trap",
      cause: TRAP.ILLEGAL_INSTRUCTION,
      tval: word,
      tinfo: 0,
      epc: KCODE,
    });
    expect(m.cpu.regs[A0]).toBe(SENTINEL);
    expect(Array.from(m.cpu.cr.subarray(10))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(m.cpu.instructions).toBe(0);
  });
});

describe("divide by zero", () => {
  test.each(["div", "divu", "rem", "remu"])(
    "%s: the destination is unchanged, EPC = the instruction",
    (mnemonic) => {
      const m = withRegs(flat([ins("addi", "t0", "zero", 1), ins(mnemonic, "a0", "a1", "zero")]), {
        [A0]: SENTINEL,
        [A1]: 100,
      });
      m.cpu.cr[CR.TVAL] = 99;
      expect(m.run(1000)).toEqual({
        kind: "trap",
        cause: TRAP.DIVIDE_BY_ZERO,
        tval: 0,
        tinfo: 0,
        epc: KCODE + 4,
      });
      expect(m.cpu.regs[A0]).toBe(SENTINEL);
      expect(m.cpu.instructions).toBe(1);
      expect(m.cpu.cycles).toBe(1 + 12 + TRAP_ENTRY_CYCLES);
      expect(m.trapCounts[TRAP.DIVIDE_BY_ZERO]).toBe(1);
    },
  );
});

describe("breakpoint and system call: they retire, EPC = the next instruction", () => {
  test("brk", () => {
    const m = paged([ins("addi", "a0", "zero", 1), ins("brk")]);
    expect(m.run(1000)).toEqual({ kind: "trap", cause: TRAP.BREAKPOINT, tval: 0, tinfo: 0, epc: UCODE + 8 });
    expect(trapState(m).estatus).toBe(STATUS_USER);
    expect(m.cpu.instructions).toBe(2);
    expect(m.cpu.cycles).toBe(2 + TRAP_ENTRY_CYCLES);
  });

  test("sys: TVAL = the number", () => {
    const m = paged([ins("sys", 0x7fff)]);
    expect(m.run(1000)).toEqual({
      kind: "trap",
      cause: TRAP.SYSCALL,
      tval: 0x7fff,
      tinfo: 0,
      epc: UCODE + 4,
    });
    expect(trapState(m)).toEqual({
      cause: TRAP.SYSCALL,
      tval: 0x7fff,
      tinfo: 0,
      epc: UCODE + 4,
      estatus: STATUS_USER,
      status: 0,
      pc: UCODE + 4,
    });
    expect(m.cpu.instructions).toBe(1);
    expect(m.cpu.cycles).toBe(1 + TRAP_ENTRY_CYCLES);
  });
});

describe("trap entry into a handler and iret", () => {
  test("entry: kernel mode, interrupts off, pc = TVEC; iret returns to user mode", () => {
    // The handler irets from the system call; back in user mode, mfcr is a protection fault, and the
    // handler halts on it (interrupts are off, so the machine stops).
    const handler = [
      ins("mfcr", "s0", CR.CAUSE),
      ins("addi", "t1", "zero", TRAP.SYSCALL),
      ins("bne", "s0", "t1", 1),
      ins("iret"),
      ins("halt"),
    ];
    const m = paged([ins("sys", 1), ins("mfcr", "a0", CR.STATUS)], []);
    m.memory.writeBytes(HANDLER, words(handler));
    m.cpu.cr[CR.TVEC] = HANDLER;
    m.cpu.cr[CR.STATUS] = STATUS_USER | STATUS_IE;
    expect(m.run(10_000)).toEqual({ kind: "halt" });
    expect(m.cpu.regs[10]).toBe(TRAP.PROTECTION_FAULT);
    expect(m.cpu.regs[A0]).toBe(SENTINEL);
    expect(trapState(m)).toEqual({
      cause: TRAP.PROTECTION_FAULT,
      tval: ins("mfcr", "a0", CR.STATUS),
      tinfo: 0,
      epc: UCODE + 4,
      estatus: STATUS_USER | STATUS_IE,
      status: 0,
      pc: HANDLER + 20,
    });
    const user = 1 + 1; // sys, then mfcr (which faults, but its cost is spent)
    const firstVisit = 1 + 1 + 1 + 1; // mfcr, addi, bne (not taken), iret
    const secondVisit = 1 + 1 + 1 + 1; // mfcr, addi, bne (taken), halt
    expect(m.cpu.cycles).toBe(user + firstVisit + secondVisit + 2 * TRAP_ENTRY_CYCLES + TRAP_EXIT_CYCLES);
    expect(m.cpu.instructions).toBe(1 + 4 + 4);
    expect(m.trapCounts[TRAP.SYSCALL]).toBe(1);
    expect(m.trapCounts[TRAP.PROTECTION_FAULT]).toBe(1);
  });

  test("a fault inside the handler is an ordinary nested trap (it overwrites EPC)", () => {
    const m = paged([ins("sys", 1)]);
    m.memory.writeBytes(HANDLER, words([ins("div", "a0", "a0", "zero")]));
    m.cpu.cr[CR.TVEC] = HANDLER;
    // The second entry re-enters the same handler, which faults again: stop after a few.
    m.run(200);
    expect(m.cpu.cr[CR.CAUSE]).toBe(TRAP.DIVIDE_BY_ZERO);
    expect(m.cpu.cr[CR.EPC]).toBe(HANDLER);
    expect(m.cpu.cr[CR.ESTATUS]).toBe(0);
    expect(m.trapCounts[TRAP.DOUBLE_FAULT]).toBe(0);
  });
});

describe("the host's trap stop (tvec = 0) and trapReturn", () => {
  test("the stop carries the trap; trapReturn resumes in the saved mode at EPC", () => {
    const m = paged([ins("sys", 9), ins("addi", "a0", "zero", 5), ins("sys", 10)]);
    expect(m.run(1000)).toEqual({ kind: "trap", cause: TRAP.SYSCALL, tval: 9, tinfo: 0, epc: UCODE + 4 });
    expect(m.userMode).toBe(false);
    m.trapReturn();
    expect(m.userMode).toBe(true);
    expect(m.cpu.pc).toBe(UCODE + 4);
    expect(m.cpu.cycles).toBe(1 + TRAP_ENTRY_CYCLES + TRAP_EXIT_CYCLES);
    expect(m.run(1000)).toEqual({ kind: "trap", cause: TRAP.SYSCALL, tval: 10, tinfo: 0, epc: UCODE + 12 });
    expect(m.cpu.regs[A0]).toBe(5);
    expect(m.cpu.instructions).toBe(3);
  });

  test("a fault stop is not sticky: resuming at EPC retries the instruction", () => {
    const m = withRegs(paged([ins("ldw", "a0", "a1", 0)]), { [A1]: UNMAPPED });
    expect(m.run(1000).kind).toBe("trap");
    m.trapReturn();
    expect(m.run(1000)).toMatchObject({ kind: "trap", epc: UCODE });
    expect(m.trapCounts[TRAP.PAGE_FAULT]).toBe(2);
  });
});

describe("interrupts", () => {
  // `beq zero, zero, -1` branches to itself at one cycle a go, so the clock is exact.
  const spin = ins("beq", "zero", "zero", -1);

  test("timer: with IE set, delivered at the tick with EPC = the next instruction", () => {
    const m = withRegs(flat([ins("out", PORT.TIMER_PERIOD, "a1"), ins("sti"), spin]), { [A1]: 50 });
    expect(m.run(10_000)).toEqual({
      kind: "trap",
      cause: TRAP.TIMER,
      tval: IRQ.TIMER,
      tinfo: 0,
      epc: KCODE + 8,
    });
    expect(trapState(m)).toEqual({
      cause: TRAP.TIMER,
      tval: IRQ.TIMER,
      tinfo: 0,
      epc: KCODE + 8,
      estatus: STATUS_IE,
      status: 0,
      pc: KCODE + 8,
    });
    // out costs 4 and sets the tick at 4 + 50; the spin fills the cycles up to it.
    expect(m.cpu.cycles).toBe(54 + TRAP_ENTRY_CYCLES);
    expect(m.cpu.instructions).toBe(2 + (54 - 5));
    expect(m.devices.timer.ticks).toBe(1);
    expect(m.devices.interrupts.pending).toBe(1 << IRQ.TIMER);
  });

  test("timer: with IE clear, no trap, but the ticks count and the line is pending", () => {
    const m = withRegs(flat([ins("out", PORT.TIMER_PERIOD, "a1"), spin]), { [A1]: 50 });
    expect(m.run(1000)).toEqual({ kind: "budget" });
    expect(m.cpu.cycles).toBe(1000);
    expect(m.devices.timer.ticks).toBe(Math.floor((1000 - 4) / 50));
    expect(m.devices.interrupts.pending).toBe(1 << IRQ.TIMER);
    expect(m.trapCounts[TRAP.TIMER]).toBe(0);
  });

  test("timer in user mode: ESTATUS = USER | IE, entry switches to kernel mode with IE off", () => {
    const m = paged([spin]);
    m.cpu.cr[CR.STATUS] = STATUS_USER | STATUS_IE;
    m.devices.timer.setPeriod(30, 0);
    expect(m.run(1000)).toEqual({ kind: "trap", cause: TRAP.TIMER, tval: IRQ.TIMER, tinfo: 0, epc: UCODE });
    expect(trapState(m)).toMatchObject({ estatus: STATUS_USER | STATUS_IE, status: 0 });
    expect(m.cpu.cycles).toBe(30 + TRAP_ENTRY_CYCLES);
  });

  test("a pending interrupt is taken as soon as sti enables it", () => {
    const m = flat([ins("addi", "a0", "zero", 1), ins("sti"), ins("addi", "a0", "zero", 2)]);
    m.devices.interrupts.raise(IRQ.TIMER);
    expect(m.run(1000)).toEqual({
      kind: "trap",
      cause: TRAP.TIMER,
      tval: IRQ.TIMER,
      tinfo: 0,
      epc: KCODE + 8,
    });
    expect(m.cpu.regs[A0]).toBe(1);
  });

  test("console input raises the console line: a device interrupt with TVAL = the line", () => {
    const m = flat([ins("sti"), spin]);
    m.devices.console.type("x");
    expect(m.run(1000)).toEqual({
      kind: "trap",
      cause: TRAP.DEVICE,
      tval: IRQ.CONSOLE,
      tinfo: 0,
      epc: KCODE + 4,
    });
    expect(m.cpu.cycles).toBe(1 + TRAP_ENTRY_CYCLES);
    expect(m.trapCounts[TRAP.DEVICE]).toBe(1);
  });

  test("an event's arrival raises the event line at its cycle", () => {
    const m = flat([ins("sti"), spin]);
    m.devices.events.load([{ at: 30, kind: 1, pid: 2, name: "a", arg: "b" }]);
    expect(m.run(1000)).toEqual({
      kind: "trap",
      cause: TRAP.DEVICE,
      tval: IRQ.EVENTS,
      tinfo: 0,
      epc: KCODE + 4,
    });
    expect(m.cpu.cycles).toBe(30 + TRAP_ENTRY_CYCLES);
  });

  test("the timer line wins over the others when both are pending", () => {
    const m = flat([ins("sti"), spin]);
    m.devices.console.type("x");
    m.devices.interrupts.raise(IRQ.TIMER);
    expect(m.run(1000)).toMatchObject({ kind: "trap", cause: TRAP.TIMER, tval: IRQ.TIMER });
  });

  test("halt with IE set sleeps until the interrupt; EPC = the instruction after the halt", () => {
    const m = flat([ins("sti"), ins("halt"), ins("addi", "a0", "zero", 1)]);
    m.devices.events.load([{ at: 500, kind: 1, pid: 2, name: "a", arg: "b" }]);
    expect(m.run(10_000)).toEqual({
      kind: "trap",
      cause: TRAP.DEVICE,
      tval: IRQ.EVENTS,
      tinfo: 0,
      epc: KCODE + 8,
    });
    expect(m.cpu.cycles).toBe(500 + TRAP_ENTRY_CYCLES);
    expect(m.cpu.regs[A0]).toBe(0);
  });

  test("halt with IE set keeps waiting across runs (the end of a run is no interrupt)", () => {
    const m = flat([ins("sti"), ins("halt"), ins("addi", "a0", "zero", 1)]);
    expect(m.run(700)).toEqual({ kind: "budget" });
    expect(m.cpu.cycles).toBe(700);
    expect(m.cpu.pc).toBe(KCODE + 8);
    expect(m.stopped).toBeUndefined();
    expect(m.waiting).toBe(true);
    for (let i = 0; i < 5; i++) expect(m.step()).toEqual({ kind: "budget" });
    expect(m.run(300)).toEqual({ kind: "budget" });
    expect(m.cpu.cycles).toBe(1005);
    expect(m.cpu.instructions).toBe(2);
    expect(m.cpu.regs[A0]).toBe(0);
    // Console input wakes it: the interrupt's EPC is the instruction after the halt.
    m.devices.console.type("!");
    expect(m.run(100)).toEqual({
      kind: "trap",
      cause: TRAP.DEVICE,
      tval: IRQ.CONSOLE,
      tinfo: 0,
      epc: KCODE + 8,
    });
    expect(m.waiting).toBe(false);
    // Handled: the byte read and the line acknowledged, as a handler would.
    expect(m.ports.read(PORT.CON_IN)).toBe(33);
    m.ports.write(PORT.IRQ_ACK, -1);
    m.trapReturn();
    m.run(1);
    expect(m.cpu.regs[A0]).toBe(1);
  });
});

describe("double and triple faults", () => {
  function faultingEntry(tvec: number, dfvec: number, paging = false): Machine {
    const m = paging ? paged([ins("sys", 3)]) : flat([ins("sys", 3)], 64 * 1024);
    if (!paging) m.cpu.cr[CR.STATUS] = STATUS_USER;
    m.memory.writeBytes(DF_HANDLER, words([ins("halt")]));
    m.cpu.cr[CR.TVEC] = tvec;
    m.cpu.cr[CR.DFVEC] = dfvec;
    return m;
  }

  test.each([
    ["TVEC beyond RAM (unmapped, paging off)", 0x00f0_0000, false],
    ["TVEC in page 0", 0x100, false],
    ["TVEC unaligned", HANDLER + 2, false],
    ["TVEC on a present page without EXECUTABLE", KDATA, true],
    ["TVEC on an unmapped page", UNMAPPED, true],
  ])("%s: the DFVEC handler runs with CAUSE = DOUBLE_FAULT, TVAL = the first cause", (_, tvec, paging) => {
    const m = faultingEntry(tvec, DF_HANDLER, paging);
    const epc = (paging ? UCODE : KCODE) + 4;
    expect(m.run(1000)).toEqual({ kind: "halt" });
    expect(trapState(m)).toEqual({
      cause: TRAP.DOUBLE_FAULT,
      tval: TRAP.SYSCALL,
      tinfo: tvec,
      epc,
      estatus: STATUS_USER,
      status: 0,
      pc: DF_HANDLER + 4,
    });
    expect(m.cpu.cycles).toBe(1 + TRAP_ENTRY_CYCLES + 1);
    expect(m.cpu.instructions).toBe(2);
    expect(m.trapCounts[TRAP.SYSCALL]).toBe(1);
    expect(m.trapCounts[TRAP.DOUBLE_FAULT]).toBe(1);
  });

  test.each([
    ["DFVEC = 0", 0],
    ["DFVEC unmapped", 0x00f0_0000],
    ["DFVEC unaligned", DF_HANDLER + 1],
  ])("%s: a triple fault stops the machine until reset", (_, dfvec) => {
    const m = faultingEntry(0x00f0_0000, dfvec);
    const stop = { kind: "triple-fault", cause: TRAP.SYSCALL, tval: 3, epc: KCODE + 4 };
    expect(m.run(1000)).toEqual(stop);
    expect(m.cpu.cr[CR.CAUSE]).toBe(TRAP.DOUBLE_FAULT);
    expect(m.cpu.pc).toBe(KCODE + 4);
    expect(m.cpu.cycles).toBe(1 + TRAP_ENTRY_CYCLES);
    // Sticky: nothing runs any more.
    expect(m.run(1000)).toEqual(stop);
    expect(m.cpu.cycles).toBe(1 + TRAP_ENTRY_CYCLES);
    m.reset();
    expect(m.stopped).toBeUndefined();
    expect(m.cpu.cycles).toBe(0);
  });

  test("a fault while entering from a page fault keeps the first fault's EPC and names its cause", () => {
    const m = withRegs(paged([ins("ldw", "a0", "a1", 0)]), { [A1]: UNMAPPED });
    m.memory.writeBytes(DF_HANDLER, words([ins("halt")]));
    m.cpu.cr[CR.TVEC] = UNMAPPED;
    m.cpu.cr[CR.DFVEC] = DF_HANDLER;
    expect(m.run(1000)).toEqual({ kind: "halt" });
    expect(trapState(m)).toMatchObject({ cause: TRAP.DOUBLE_FAULT, tval: TRAP.PAGE_FAULT, epc: UCODE });
    expect(m.cpu.regs[A0]).toBe(SENTINEL);
  });
});
