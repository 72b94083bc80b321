/**
 * The MMU against its documented rule (mmu.ts header): kernel mode may read any present page, write it
 * if WRITABLE and execute it if EXECUTABLE; user mode needs USER as well. Page 0 is never mapped; with
 * ptbr = 0 paging is off. Then the TLB: every way a translation can change (guest store to a page
 * table, host write, ptbr switch, a frame becoming a page table) must be seen by the next access; and
 * accesses that straddle two pages.
 */
import { describe, expect, test } from "vitest";
import {
  ACCESS,
  ACCESS_NAMES,
  CR,
  PAGE_SIZE,
  PTE,
  REASON,
  STATUS_USER,
  TRAP,
  TRAP_ENTRY_CYCLES,
} from "../../src/machine/isa";
import { Machine } from "../../src/machine/machine";
import { bumpAllocator, mapPage, readPte } from "../../src/machine/pageTables";
import { ins, words } from "../support/encode";

const CODE = 0x0040_0000;
const TARGET = 0x0050_0000;
const KERNEL_BASE = 0x8000_0000;

/** An address space under construction in a fresh machine (256 KiB; frames handed out from 0x10000). */
function space(memoryBytes = 256 * 1024) {
  const m = new Machine({ memoryBytes });
  const allocate = bumpAllocator(m.memory, 0x10000, memoryBytes);
  const directory = allocate();
  const map = (va: number, pa: number, flags: number) => {
    expect(mapPage(m.memory, directory, va, pa, flags, allocate)).toBe(true);
  };
  const pteAddress = (va: number) =>
    (m.memory.read32(directory + (va >>> 22) * 4) & ~0xfff) + ((va >>> 12) & 1023) * 4;
  const use = (dir = directory) => {
    m.cpu.cr[CR.PTBR] = dir;
    m.mmu.setPageTableBase(dir);
  };
  return { m, allocate, directory, map, pteAddress, use };
}

/** The documented rule, written out independently of the MMU. */
function allowed(present: boolean, flags: number, user: boolean, access: number): boolean {
  if (!present) return false;
  if (user && (flags & PTE.USER) === 0) return false;
  if (access === ACCESS.WRITE) return (flags & PTE.WRITABLE) !== 0;
  if (access === ACCESS.EXECUTE) return (flags & PTE.EXECUTABLE) !== 0;
  return true;
}

const FLAG_SETS = [0, 1, 2, 3, 4, 5, 6, 7].map(
  (i) => (i & 1 ? PTE.WRITABLE : 0) | (i & 2 ? PTE.USER : 0) | (i & 4 ? PTE.EXECUTABLE : 0),
);
const flagName = (f: number) =>
  `${f & PTE.WRITABLE ? "W" : "-"}${f & PTE.USER ? "U" : "-"}${f & PTE.EXECUTABLE ? "X" : "-"}`;

const MATRIX = [true, false].flatMap((present) =>
  FLAG_SETS.flatMap((flags) =>
    [false, true].flatMap((user) =>
      [ACCESS.READ, ACCESS.WRITE, ACCESS.EXECUTE].map((access) => ({
        present,
        flags,
        user,
        access,
        label: `${present ? "present" : "absent"} ${flagName(flags)} ${user ? "user" : "kernel"} ${ACCESS_NAMES[access]}`,
      })),
    ),
  ),
);

describe("permission matrix: user/kernel x read/write/execute x present/absent x W, U, X", () => {
  test("the matrix has every combination", () => {
    expect(MATRIX.length).toBe(2 * 8 * 2 * 3);
    expect(new Set(MATRIX.map((c) => c.label)).size).toBe(MATRIX.length);
  });

  /** TARGET mapped with the flags; an absent page keeps its flags and frame but lacks PRESENT. */
  function matrixSpace(present: boolean, flags: number) {
    const s = space();
    const target = s.allocate();
    const code = s.allocate();
    s.map(TARGET, target, flags);
    if (!present) s.m.memory.write32(s.pteAddress(TARGET), target | flags);
    s.map(CODE, code, PTE.USER | PTE.EXECUTABLE);
    s.use();
    return { ...s, target, code };
  }

  test.each(MATRIX)("translate: $label", ({ present, flags, user, access }) => {
    const { m, target } = matrixSpace(present, flags);
    const pa = m.mmu.translate(TARGET + 0x123, access, user);
    if (allowed(present, flags, user, access)) {
      expect(pa).toBe(target + 0x123);
      // Cached now: the same answer again, and from the TLB.
      expect(m.mmu.translate(TARGET + 0x124, access, user)).toBe(target + 0x124);
    } else {
      expect(pa).toBe(-1);
      expect(m.mmu.fault).toEqual({
        address: TARGET + 0x123,
        access,
        reason: present ? REASON.PROTECTION : REASON.NOT_PRESENT,
      });
    }
    expect(m.mmu.peek(TARGET + 0x10, access, user)).toBe(
      allowed(present, flags, user, access) ? target + 0x10 : -1,
    );
  });

  test.each(MATRIX)("CPU: $label", ({ present, flags, user, access }) => {
    const { m, target, code } = matrixSpace(present, flags);
    // The program reaches the target page with the access, then `sys 0`; the target page holds `sys 1`.
    const program = [
      access === ACCESS.READ
        ? ins("ldw", "a0", "a1", 8)
        : access === ACCESS.WRITE
          ? ins("stw", "a2", "a1", 8)
          : ins("jalr", "zero", "a1", 0),
      ins("sys", 0),
    ];
    m.memory.writeBytes(code, words(program));
    m.memory.writeBytes(target, words([ins("sys", 1), 0, 0x11223344]));
    m.cpu.regs[2] = TARGET;
    m.cpu.regs[3] = 0x55667788;
    m.cpu.cr[CR.STATUS] = user ? STATUS_USER : 0;
    m.cpu.pc = CODE;
    const stop = m.run(1000);
    const estatus = user ? STATUS_USER : 0;
    expect(m.cpu.cr[CR.ESTATUS]).toBe(estatus);
    if (allowed(present, flags, user, access)) {
      const tval = access === ACCESS.EXECUTE ? 1 : 0;
      const epc = access === ACCESS.EXECUTE ? TARGET + 4 : CODE + 8;
      expect(stop).toEqual({ kind: "trap", cause: TRAP.SYSCALL, tval, tinfo: 0, epc });
      if (access === ACCESS.READ) expect(m.cpu.regs[1]).toBe(0x11223344);
      if (access === ACCESS.WRITE) expect(m.memory.read32(target + 8)).toBe(0x55667788);
    } else {
      const address = access === ACCESS.EXECUTE ? TARGET : TARGET + 8;
      const tinfo = access | ((present ? REASON.PROTECTION : REASON.NOT_PRESENT) << 4);
      const epc = access === ACCESS.EXECUTE ? TARGET : CODE;
      expect(stop).toEqual({ kind: "trap", cause: TRAP.PAGE_FAULT, tval: address, tinfo, epc });
      expect(m.cpu.regs[1]).toBe(0);
      expect(m.memory.read32(target + 8)).toBe(0x11223344);
    }
  });

  test("a directory entry without PRESENT hides its whole table", () => {
    const s = space();
    const frame = s.allocate();
    s.map(TARGET, frame, PTE.WRITABLE | PTE.USER | PTE.EXECUTABLE);
    const pdeAddress = s.directory + (TARGET >>> 22) * 4;
    s.m.memory.write32(pdeAddress, s.m.memory.read32(pdeAddress) & ~PTE.PRESENT);
    s.use();
    expect(s.m.mmu.translate(TARGET, ACCESS.READ, false)).toBe(-1);
    expect(s.m.mmu.fault).toEqual({ address: TARGET, access: ACCESS.READ, reason: REASON.NOT_PRESENT });
  });
});

describe("page 0 is never mapped", () => {
  const modes = [false, true];
  const accesses = [ACCESS.READ, ACCESS.WRITE, ACCESS.EXECUTE];

  test.each(modes)("paging on, even with a PTE granting everything (user = %s)", (user) => {
    const s = space();
    s.map(0, s.allocate(), PTE.WRITABLE | PTE.USER | PTE.EXECUTABLE);
    expect(readPte(s.m.memory, s.directory, 0) & PTE.PRESENT).toBe(PTE.PRESENT);
    s.use();
    for (const access of accesses)
      for (const address of [0, 4, 0xfff]) {
        expect(s.m.mmu.translate(address, access, user)).toBe(-1);
        expect(s.m.mmu.fault).toEqual({ address, access, reason: REASON.NOT_PRESENT });
        expect(s.m.mmu.peek(address, access, user)).toBe(-1);
      }
    expect(s.m.mmu.translate(0x1000, ACCESS.READ, user)).toBe(-1);
  });

  test.each(modes)("paging off (user = %s); the next page is there", (user) => {
    const m = new Machine({ memoryBytes: 64 * 1024 });
    for (const access of accesses) {
      expect(m.mmu.translate(0, access, user)).toBe(-1);
      expect(m.mmu.translate(0xffc, access, user)).toBe(-1);
      expect(m.mmu.fault).toEqual({ address: 0xffc, access, reason: REASON.NOT_PRESENT });
      expect(m.mmu.translate(0x1000, access, user)).toBe(0x1000);
    }
  });

  test("the CPU: a null-pointer load, store and call fault in kernel mode with paging off", () => {
    for (const [word, tinfo, epc] of [
      [ins("ldw", "a0", "zero", 0), ACCESS.READ, 0x1000],
      [ins("stb", "a0", "zero", 1), ACCESS.WRITE, 0x1000],
      [ins("jalr", "zero", "zero", 0), ACCESS.EXECUTE, 0],
    ]) {
      const m = new Machine({ memoryBytes: 64 * 1024 });
      m.memory.writeBytes(0x1000, words([word]));
      m.cpu.pc = 0x1000;
      const tval = word >>> 24 === ins("stb", 0, 0, 0) >>> 24 ? 1 : 0;
      expect(m.run(100)).toEqual({ kind: "trap", cause: TRAP.PAGE_FAULT, tval, tinfo, epc });
      expect(Array.from(m.memory.readBytes(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    }
  });
});

describe("what lies beyond RAM is not present", () => {
  test("paging off: the last byte of RAM is there, the next is not", () => {
    const m = new Machine({ memoryBytes: 64 * 1024 });
    expect(m.mmu.translate(0xffff, ACCESS.WRITE, true)).toBe(0xffff);
    expect(m.mmu.translate(0x10000, ACCESS.READ, false)).toBe(-1);
    expect(m.mmu.fault).toEqual({ address: 0x10000, access: ACCESS.READ, reason: REASON.NOT_PRESENT });
    expect(m.mmu.translate(0xffff_f000, ACCESS.READ, false)).toBe(-1);
  });

  test("a PTE whose frame is beyond RAM", () => {
    const s = space();
    s.map(TARGET, 0x0010_0000, PTE.WRITABLE | PTE.USER | PTE.EXECUTABLE);
    s.map(TARGET + PAGE_SIZE, 0x3_f000, PTE.WRITABLE);
    s.use();
    expect(s.m.mmu.translate(TARGET + 8, ACCESS.READ, false)).toBe(-1);
    expect(s.m.mmu.fault).toEqual({ address: TARGET + 8, access: ACCESS.READ, reason: REASON.NOT_PRESENT });
    expect(s.m.mmu.translate(TARGET + PAGE_SIZE, ACCESS.READ, false)).toBe(0x3_f000);
  });

  test("a directory entry whose table is beyond RAM, and a ptbr beyond RAM", () => {
    const s = space();
    s.m.memory.write32(s.directory + (TARGET >>> 22) * 4, 0x0010_0000 | PTE.PRESENT);
    s.use();
    expect(s.m.mmu.translate(TARGET, ACCESS.READ, false)).toBe(-1);
    for (const ptbr of [0x0010_0000, 0x8000_0000, 0xffff_f000]) {
      s.use(ptbr);
      expect(s.m.mmu.translate(TARGET, ACCESS.READ, false)).toBe(-1);
      expect(s.m.mmu.fault.reason).toBe(REASON.NOT_PRESENT);
    }
  });
});

/**
 * A kernel address space for the TLB tests: kernel code identity-mapped at 0x1000, the direct map of
 * all RAM at KERNEL_BASE + pa (kernel read/write), and TARGET -> frame A (holding 0x1111) with frame B
 * (holding 0x2222) at hand.
 */
function kernelSpace(program: number[]) {
  const s = space();
  const a = s.allocate();
  const b = s.allocate();
  s.m.memory.write32(a, 0x1111);
  s.m.memory.write32(b, 0x2222);
  s.map(0x1000, 0x1000, PTE.EXECUTABLE);
  for (let pa = 0x1000; pa < s.m.memory.size; pa += PAGE_SIZE) s.map(KERNEL_BASE + pa, pa, PTE.WRITABLE);
  s.map(TARGET, a, PTE.WRITABLE);
  s.m.memory.writeBytes(0x1000, words([...program, ins("halt")]));
  s.use();
  s.m.cpu.pc = 0x1000;
  return { ...s, a, b };
}

const setRegs = (m: Machine, regs: Record<number, number>) => {
  for (const [r, v] of Object.entries(regs)) m.cpu.regs[Number(r)] = v;
};
const A0 = 1;
const A1 = 2;
const T0 = 5;
const S0 = 10;
const S1 = 11;
const S2 = 12;

describe("TLB invalidation", () => {
  test("a guest store to a PTE, through the kernel's direct map of the table", () => {
    const s = kernelSpace([ins("ldw", "a0", "s0", 0), ins("stw", "t0", "s1", 0), ins("ldw", "a1", "s0", 0)]);
    setRegs(s.m, { [S0]: TARGET, [S1]: KERNEL_BASE + s.pteAddress(TARGET), [T0]: s.b | PTE.PRESENT });
    s.m.step();
    expect(s.m.cpu.regs[A0]).toBe(0x1111);
    expect(s.m.mmu.tlb[TARGET >>> 12]).not.toBe(0); // the translation is cached
    expect(s.m.run(100)).toEqual({ kind: "halt" });
    expect(s.m.cpu.regs[A1]).toBe(0x2222);
  });

  test("a guest store that unmaps a page: the next access faults", () => {
    const s = kernelSpace([
      ins("ldw", "a0", "s0", 0),
      ins("stw", "zero", "s1", 0),
      ins("ldw", "a1", "s0", 0),
    ]);
    setRegs(s.m, { [S0]: TARGET, [S1]: KERNEL_BASE + s.pteAddress(TARGET), [A1]: 7 });
    expect(s.m.run(100)).toEqual({
      kind: "trap",
      cause: TRAP.PAGE_FAULT,
      tval: TARGET,
      tinfo: ACCESS.READ | (REASON.NOT_PRESENT << 4),
      epc: 0x1008,
    });
    expect(s.m.cpu.regs[A0]).toBe(0x1111);
    expect(s.m.cpu.regs[A1]).toBe(7);
  });

  test.each([
    ["write32", (m: Machine, at: number, v: number) => m.memory.write32(at, v)],
    ["write8", (m: Machine, at: number, v: number) => m.memory.write8(at + 1, v >>> 8)],
    [
      "writeBytes",
      (m: Machine, at: number, v: number) => m.memory.writeBytes(at, [v & 0xff, (v >>> 8) & 0xff]),
    ],
  ])("a host write to a PTE (memory.%s)", (_, write) => {
    const s = kernelSpace([ins("ldw", "a0", "s0", 0), ins("ldw", "a1", "s0", 0)]);
    setRegs(s.m, { [S0]: TARGET });
    s.m.step();
    expect(s.m.cpu.regs[A0]).toBe(0x1111);
    expect(s.m.mmu.tlb[TARGET >>> 12]).not.toBe(0);
    write(s.m, s.pteAddress(TARGET), s.b | PTE.PRESENT | PTE.WRITABLE);
    expect(s.m.run(100)).toEqual({ kind: "halt" });
    expect(s.m.cpu.regs[A1]).toBe(0x2222);
  });

  test("a host write that takes away WRITABLE: the next store faults", () => {
    const s = kernelSpace([ins("stw", "a0", "s0", 0), ins("stw", "a0", "s0", 4)]);
    setRegs(s.m, { [S0]: TARGET, [A0]: 9 });
    s.m.step();
    expect(s.m.memory.read32(s.a)).toBe(9);
    s.m.memory.write32(s.pteAddress(TARGET), s.a | PTE.PRESENT);
    expect(s.m.run(100)).toMatchObject({
      kind: "trap",
      cause: TRAP.PAGE_FAULT,
      tval: TARGET + 4,
      tinfo: ACCESS.WRITE | (REASON.PROTECTION << 4),
    });
    expect(s.m.memory.read32(s.a + 4)).toBe(0);
  });

  test("mtcr ptbr switches to the new tables", () => {
    const s = kernelSpace([ins("ldw", "a0", "s0", 0), ins("mtcr", CR.PTBR, "s2"), ins("ldw", "a1", "s0", 0)]);
    // A second directory sharing the kernel's tables but mapping TARGET to frame B.
    const second = s.allocate();
    for (let i = 0; i < 1024; i++) s.m.memory.write32(second + i * 4, s.m.memory.read32(s.directory + i * 4));
    s.m.memory.write32(second + (TARGET >>> 22) * 4, 0);
    mapPage(s.m.memory, second, TARGET, s.b, PTE.WRITABLE, s.allocate);
    setRegs(s.m, { [S0]: TARGET, [S2]: second });
    expect(s.m.run(100)).toEqual({ kind: "halt" });
    expect([s.m.cpu.regs[A0], s.m.cpu.regs[A1]]).toEqual([0x1111, 0x2222]);
    expect(s.m.mmu.ptbr).toBe(second);
  });

  test("mtcr ptbr 0 turns paging off", () => {
    const s = kernelSpace([
      ins("ldw", "a0", "s0", 0),
      ins("mtcr", CR.PTBR, "zero"),
      ins("ldw", "a1", "s1", 0),
    ]);
    setRegs(s.m, { [S0]: TARGET, [S1]: s.b });
    expect(s.m.run(100)).toEqual({ kind: "halt" });
    expect([s.m.cpu.regs[A0], s.m.cpu.regs[A1]]).toEqual([0x1111, 0x2222]);
    expect(s.m.mmu.ptbr).toBe(0);
  });

  test("a write through a cached writable entry to a frame that later becomes a page table", () => {
    // Frame F is mapped writable at WINDOW and is also the page table of the 4 MiB region at REGION,
    // whose second page maps frame A. The first store caches WINDOW as writable before F is ever walked
    // as a table; the walk for REGION + 0x1000 must take that write access away, so the store that
    // remaps the page through WINDOW is seen.
    const WINDOW = 0x0060_0000;
    const REGION = 0x00c0_0000;
    const s = kernelSpace([
      ins("stw", "zero", "s0", 0x800),
      ins("ldw", "a0", "s1", 0x1000),
      ins("stw", "t0", "s0", 4),
      ins("ldw", "a1", "s1", 0x1000),
    ]);
    const f = s.allocate();
    s.map(WINDOW, f, PTE.WRITABLE);
    s.m.memory.write32(s.directory + (REGION >>> 22) * 4, f | PTE.PRESENT);
    s.m.memory.write32(f + 4, s.a | PTE.PRESENT);
    s.use();
    setRegs(s.m, { [S0]: WINDOW, [S1]: REGION, [T0]: s.b | PTE.PRESENT });
    s.m.step();
    expect(s.m.mmu.translate(WINDOW, ACCESS.WRITE, false)).toBe(f);
    expect(s.m.run(100)).toEqual({ kind: "halt" });
    expect([s.m.cpu.regs[A0], s.m.cpu.regs[A1]]).toEqual([0x1111, 0x2222]);
  });

  test("a page table's own frame is never cached writable (stores to it take the checked path)", () => {
    const s = kernelSpace([ins("ldw", "a0", "s0", 0)]);
    setRegs(s.m, { [S0]: TARGET });
    s.m.step();
    const tableFrame = s.pteAddress(TARGET) & ~0xfff;
    const window = KERNEL_BASE + tableFrame;
    expect(s.m.mmu.translate(window, ACCESS.READ, false)).toBe(tableFrame);
    // Readable and writable by the rule, but the cached entry lacks the write bit.
    expect(s.m.mmu.peek(window, ACCESS.WRITE, false)).toBe(tableFrame);
    expect(s.m.mmu.tlb[window >>> 12] & 0xfff & ~0x1).not.toBe(0);
    expect(s.m.mmu.tlb[window >>> 12] & 0x4).toBe(0);
  });

  test("a kernel access cached for a kernel-only page grants nothing to user mode", () => {
    const s = kernelSpace([]);
    const code = s.allocate();
    s.map(CODE, code, PTE.USER | PTE.EXECUTABLE);
    s.m.memory.writeBytes(code, words([ins("ldw", "a1", "s0", 0)]));
    s.m.memory.writeBytes(0x1000, words([ins("ldw", "a0", "s0", 0), ins("iret")]));
    s.m.cpu.cr[CR.EPC] = CODE;
    s.m.cpu.cr[CR.ESTATUS] = STATUS_USER;
    setRegs(s.m, { [S0]: TARGET, [A1]: 5 });
    expect(s.m.run(1000)).toEqual({
      kind: "trap",
      cause: TRAP.PAGE_FAULT,
      tval: TARGET,
      tinfo: ACCESS.READ | (REASON.PROTECTION << 4),
      epc: CODE,
    });
    expect([s.m.cpu.regs[A0], s.m.cpu.regs[A1]]).toEqual([0x1111, 5]);
  });

  test("after the fill list overflows, a table marked by a new walk still guards its entries", () => {
    // 5 tables x 1024 pages all mapping frame A fill more TLB entries than the MMU tracks one by one.
    const s = space(1024 * 1024);
    const a = s.allocate();
    const b = s.allocate();
    const tables: number[] = [];
    for (let t = 0; t < 6; t++) {
      const table = s.allocate();
      tables.push(table);
      s.m.memory.write32(s.directory + (8 + t) * 4, table | PTE.PRESENT);
      for (let i = 0; i < 1024; i++) s.m.memory.write32(table + i * 4, a | PTE.PRESENT);
    }
    s.use();
    for (let t = 0; t < 5; t++)
      for (let i = 0; i < 1024; i++)
        expect(s.m.mmu.translate(((8 + t) << 22) | (i << 12), ACCESS.READ, false)).toBe(a);
    // A walk through the sixth table, new to the MMU; then that table changes from the host.
    const va = (8 + 5) << 22;
    expect(s.m.mmu.translate(va, ACCESS.READ, false)).toBe(a);
    s.m.memory.write32(tables[5], b | PTE.PRESENT);
    expect(s.m.mmu.translate(va, ACCESS.READ, false)).toBe(b);
    // And the directory, marked before the overflow, still guards too.
    s.m.memory.write32(s.directory + 13 * 4, 0);
    expect(s.m.mmu.translate(va, ACCESS.READ, false)).toBe(-1);
  });
});

describe("unaligned and page-straddling accesses", () => {
  /** User mode: LOW and LOW + 4 KiB mapped to frames that are not adjacent (the second below the first). */
  function straddle(secondFlags: number | undefined, program: number[]) {
    const s = space();
    const second = s.allocate();
    const first = s.allocate();
    const code = s.allocate();
    s.map(TARGET, first, PTE.USER | PTE.WRITABLE);
    if (secondFlags !== undefined) s.map(TARGET + PAGE_SIZE, second, secondFlags);
    s.map(CODE, code, PTE.USER | PTE.EXECUTABLE);
    s.m.memory.writeBytes(code, words([...program, ins("sys", 0)]));
    s.m.memory.writeBytes(first + 0xff8, [1, 2, 3, 4, 5, 6, 7, 8]);
    s.m.memory.writeBytes(second, [9, 10, 11, 12]);
    s.use();
    s.m.cpu.cr[CR.STATUS] = STATUS_USER;
    s.m.cpu.pc = CODE;
    s.m.cpu.regs[S0] = TARGET + 0xffe;
    return { ...s, first, second };
  }

  test("loads across the boundary read both frames, little-endian", () => {
    const s = straddle(PTE.USER, [
      ins("ldw", "a0", "s0", 0),
      ins("ldhu", "a1", "s0", 1),
      ins("ldh", "a2", "s0", -1),
    ]);
    expect(s.m.run(100)).toMatchObject({ kind: "trap", cause: TRAP.SYSCALL });
    expect(s.m.cpu.regs[A0] >>> 0).toBe(0x0a090807);
    expect(s.m.cpu.regs[A1]).toBe(0x0908);
    expect(s.m.cpu.regs[3]).toBe(0x0706);
  });

  test("stores across the boundary write both frames", () => {
    const s = straddle(PTE.USER | PTE.WRITABLE, [ins("stw", "a0", "s0", -1), ins("sth", "a0", "s0", 1)]);
    s.m.cpu.regs[A0] = 0x44332211;
    expect(s.m.run(100)).toMatchObject({ kind: "trap", cause: TRAP.SYSCALL });
    // stw at 0xffd: 11 22 33 | 44; then sth at 0xfff: 11 | 22.
    expect(Array.from(s.m.memory.readBytes(s.first + 0xffc, 4))).toEqual([5, 0x11, 0x22, 0x11]);
    expect(Array.from(s.m.memory.readBytes(s.second, 4))).toEqual([0x22, 10, 11, 12]);
  });

  test("a load whose second page is not mapped faults on that page's first byte", () => {
    const s = straddle(undefined, [ins("ldw", "a0", "s0", 0)]);
    s.m.cpu.regs[A0] = 3;
    expect(s.m.run(100)).toEqual({
      kind: "trap",
      cause: TRAP.PAGE_FAULT,
      tval: TARGET + PAGE_SIZE,
      tinfo: ACCESS.READ | (REASON.NOT_PRESENT << 4),
      epc: CODE,
    });
    expect(s.m.cpu.regs[A0]).toBe(3);
  });

  test.each([
    ["stw", "not mapped", undefined, REASON.NOT_PRESENT],
    ["stw", "read-only", PTE.USER, REASON.PROTECTION],
    ["sth", "kernel-only", PTE.WRITABLE, REASON.PROTECTION],
  ])("a %s whose second page is %s faults and writes nothing at all", (mnemonic, _, flags, reason) => {
    const s = straddle(flags, [ins(mnemonic, "a0", "s0", 1)]);
    s.m.cpu.regs[A0] = -1;
    expect(s.m.run(100)).toEqual({
      kind: "trap",
      cause: TRAP.PAGE_FAULT,
      tval: TARGET + PAGE_SIZE,
      tinfo: ACCESS.WRITE | (reason << 4),
      epc: CODE,
    });
    expect(Array.from(s.m.memory.readBytes(s.first + 0xff8, 8))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(s.m.memory.readBytes(s.second, 4))).toEqual([9, 10, 11, 12]);
    expect(s.m.cpu.cycles).toBe(2 + TRAP_ENTRY_CYCLES);
  });

  test("an access starting on an unmapped page faults on its own address", () => {
    const s = straddle(PTE.USER, [ins("ldw", "a0", "s0", -0x1000)]);
    expect(s.m.run(100)).toEqual({
      kind: "trap",
      cause: TRAP.PAGE_FAULT,
      tval: TARGET - 2,
      tinfo: ACCESS.READ | (REASON.NOT_PRESENT << 4),
      epc: CODE,
    });
  });

  test("an access that wraps from the last page to page 0 faults on page 0", () => {
    const s = space();
    const code = s.allocate();
    const last = s.allocate();
    s.map(CODE, code, PTE.EXECUTABLE);
    s.map(0xffff_f000, last, PTE.WRITABLE);
    s.map(0, s.allocate(), PTE.WRITABLE);
    s.m.memory.writeBytes(code, words([ins("ldw", "a0", "a1", 0), ins("stw", "a0", "a1", 0)]));
    s.m.memory.writeBytes(last + 0xffc, [1, 2, 3, 4]);
    s.use();
    s.m.cpu.pc = CODE;
    s.m.cpu.regs[A1] = -2;
    expect(s.m.run(100)).toEqual({
      kind: "trap",
      cause: TRAP.PAGE_FAULT,
      tval: 0,
      tinfo: ACCESS.READ | (REASON.NOT_PRESENT << 4),
      epc: CODE,
    });
    s.m.cpu.pc = CODE + 4;
    s.m.cpu.cr[CR.STATUS] = 0;
    expect(s.m.run(100)).toMatchObject({ kind: "trap", tval: 0, tinfo: ACCESS.WRITE, epc: CODE + 4 });
    expect(Array.from(s.m.memory.readBytes(last + 0xffc, 4))).toEqual([1, 2, 3, 4]);
  });
});
