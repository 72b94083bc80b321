/**
 * Properties of the whole machine over random programs (fast-check):
 *   1. determinism: two machines from one snapshot run identical traces;
 *   2. snapshot/restore mid-run changes nothing, and neither does how the run is sliced;
 *   3. 100,000 random instruction words, in user and in kernel mode, never make the host throw;
 *   4. isolation: random user-mode code never reads a page it may not read and never changes a byte of a
 *      frame it does not own.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { PORT } from "../../src/machine/devices/ports";
import {
  ACCESS,
  CR,
  decode,
  encode,
  INSTRUCTIONS,
  PTE,
  STATUS_IE,
  STATUS_USER,
  TRAP,
} from "../../src/machine/isa";
import { Machine, type StopReason } from "../../src/machine/machine";
import { bumpAllocator, mapPage } from "../../src/machine/pageTables";
import { type MachineSnapshot, restore, snapshot } from "../../src/machine/snapshot";
import { ins, words } from "../support/encode";

const PORTS = Object.values(PORT) as number[];

/** A random instruction of the table with random operands, biased toward short jumps and real ports. */
const instruction = fc
  .tuple(
    fc.nat(INSTRUCTIONS.length - 1),
    fc.nat(15),
    fc.nat(15),
    fc.nat(15),
    fc.integer({ min: -12, max: 12 }),
    fc.nat(0xffff),
    fc.nat(PORTS.length - 1),
  )
  .map(([k, a, b, c, near, imm, port]) => {
    const info = INSTRUCTIONS[k];
    const { opcode, format } = info;
    if (format === "B" || format === "J") return encode(opcode, a, b, 0, near, format);
    if (format === "IN" || format === "OUT") return encode(opcode, a, b, 0, PORTS[port], format);
    if (format === "CRR" || format === "CRW") return encode(opcode, a, b, 0, imm % 11, format);
    // Half the loads and stores go through s0, which the worlds point at data.
    if (format === "L" || format === "S")
      return imm % 2 === 0
        ? encode(opcode, a, 10, 0, near * 4, format)
        : encode(opcode, a, b, 0, imm, format);
    return encode(opcode, a, b, c, imm, format);
  });

const anyWord = fc.integer({ min: 0, max: 0xffff_ffff });
const programWord = fc.oneof({ weight: 9, arbitrary: instruction }, { weight: 1, arbitrary: anyWord });

// ---- A small kernel-mode world for determinism and snapshots ----------------------------------------

const WORLD_CODE = 0x1000;
const WORLD_HANDLER = 0x1800;

/**
 * Skips the instruction that trapped (faults, and one past sys/brk), takes one byte of console input
 * (the console line stays raised while input waits), draws a random number (so the generator's state
 * moves), acknowledges every interrupt, and returns. It
 * saves t4, its one scratch register, in the scratch control register.
 */
const worldHandler = [
  ins("mtcr", CR.SCRATCH, "t4"),
  ins("mfcr", "t4", CR.CAUSE),
  ins("slti", "t4", "t4", TRAP.TIMER),
  ins("beq", "t4", "zero", 3),
  ins("mfcr", "t4", CR.EPC),
  ins("addi", "t4", "t4", 4),
  ins("mtcr", CR.EPC, "t4"),
  ins("in", "t4", PORT.CON_IN),
  ins("in", "t4", PORT.RNG),
  ins("in", "t4", PORT.IRQ_PENDING),
  ins("out", PORT.IRQ_ACK, "t4"),
  ins("mfcr", "t4", CR.SCRATCH),
  ins("iret"),
];

interface World {
  program: number[];
  seed: number;
  period: number;
  regs: number[];
  events: number[];
}

const world = fc.record({
  program: fc.array(programWord, { minLength: 1, maxLength: 96 }),
  seed: fc.nat(),
  period: fc.integer({ min: 200, max: 2000 }),
  regs: fc.array(fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }), { minLength: 16, maxLength: 16 }),
  events: fc.array(fc.nat(5000), { maxLength: 4 }),
});

/** Kernel mode with interrupts on, the timer running, input waiting, an event feed and a file. */
function buildWorld(w: World): Machine {
  const m = new Machine({ memoryBytes: 64 * 1024, seed: w.seed });
  // The program, then (up to the handler) jumps back to its start, so a stray jump lands somewhere useful.
  const back = (at: number) => ins("jal", "zero", (WORLD_CODE - at - 4) / 4);
  const pad = Array.from({ length: (WORLD_HANDLER - WORLD_CODE) / 4 - w.program.length }, (_, i) =>
    back(WORLD_CODE + 4 * (w.program.length + i)),
  );
  m.memory.writeBytes(WORLD_CODE, words([...w.program, ...pad]));
  m.memory.writeBytes(WORLD_HANDLER, words(worldHandler));
  m.memory.writeBytes(0x3000, [0x66, 0]);
  m.cpu.regs.set(w.regs);
  m.cpu.regs[0] = 0;
  m.cpu.regs[10] = 0x4000;
  m.cpu.cr[CR.TVEC] = WORLD_HANDLER;
  m.cpu.cr[CR.DFVEC] = WORLD_HANDLER;
  m.cpu.cr[CR.STATUS] = STATUS_IE;
  m.cpu.pc = WORLD_CODE;
  m.devices.timer.setPeriod(w.period, 0);
  m.devices.console.type("ringlab");
  m.devices.events.load(w.events.map((at, i) => ({ at, kind: i, pid: 100 + i, name: `p${i}`, arg: "x" })));
  m.devices.disk.write("f", "contents");
  m.devices.disk.pathAddress = 0x3000;
  m.devices.disk.bufferAddress = 0x4000;
  m.devices.disk.length = 16;
  return m;
}

/** Runs until the first instruction boundary at or past cycle `target`, whatever stops come between. */
function runTo(m: Machine, target: number, slices?: number[]): void {
  let i = 0;
  while (m.cpu.cycles < target && !m.stopped) {
    const slice = slices ? slices[i++ % slices.length] : target - m.cpu.cycles;
    m.run(Math.min(slice, target - m.cpu.cycles));
  }
}

/** The state after a step: pc, counters, registers, control registers and the stop. */
const traceOf = (m: Machine, stop: StopReason) => [
  m.cpu.pc,
  m.cpu.cycles,
  m.cpu.instructions,
  ...m.cpu.regs,
  ...m.cpu.cr,
  stop.kind,
];

/** Snapshots compared field by field, memory by a fast loop (a deep equal of 64 KiB is slow). */
function expectSameState(a: MachineSnapshot, b: MachineSnapshot): void {
  const { memory: ma, ...restA } = a;
  const { memory: mb, ...restB } = b;
  expect(restA).toEqual(restB);
  expect(ma.length).toBe(mb.length);
  let firstDifference = -1;
  for (let i = 0; i < ma.length; i++)
    if (ma[i] !== mb[i]) {
      firstDifference = i;
      break;
    }
  expect(firstDifference).toBe(-1);
}

describe("determinism and snapshots", () => {
  test("two machines from one snapshot run identical traces", () => {
    let retired = 0;
    fc.assert(
      fc.property(world, (w) => {
        const start = snapshot(buildWorld(w));
        const a = restore(start);
        const b = restore(structuredClone(start));
        for (let step = 0; step < 1500; step++) {
          const ta = traceOf(a, a.step());
          const tb = traceOf(b, b.step());
          if (ta.some((v, i) => v !== tb[i])) expect({ step, trace: tb }).toEqual({ step, trace: ta });
        }
        expectSameState(snapshot(a), snapshot(b));
        retired += a.cpu.instructions;
      }),
      { numRuns: 40 },
    );
    expect(retired).toBeGreaterThan(40 * 500);
  });

  test("snapshot, structuredClone and restore mid-run change nothing (steps)", () => {
    fc.assert(
      fc.property(world, fc.nat(800), fc.nat(800), (w, n, k) => {
        const straight = buildWorld(w);
        for (let i = 0; i < n + k; i++) straight.step();
        const first = buildWorld(w);
        for (let i = 0; i < n; i++) first.step();
        const second = restore(structuredClone(snapshot(first)));
        for (let i = 0; i < k; i++) second.step();
        expectSameState(snapshot(second), snapshot(straight));
      }),
      { numRuns: 40 },
    );
  });

  test("snapshot and restore mid-run, then run on: the same state as running N + M straight", () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 4000 }), (w, n, k) => {
        const straight = buildWorld(w);
        runTo(straight, n + k);
        const first = buildWorld(w);
        runTo(first, n);
        const second = restore(structuredClone(snapshot(first)));
        runTo(second, n + k);
        runTo(first, n + k);
        expectSameState(snapshot(second), snapshot(straight));
        expectSameState(snapshot(first), snapshot(straight));
      }),
      { numRuns: 40 },
    );
  });

  test("how a run is sliced changes nothing", () => {
    fc.assert(
      fc.property(
        world,
        fc.integer({ min: 100, max: 6000 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 }),
        (w, target, slices) => {
          const straight = buildWorld(w);
          runTo(straight, target);
          const sliced = buildWorld(w);
          runTo(sliced, target, slices);
          expectSameState(snapshot(sliced), snapshot(straight));
        },
      ),
      { numRuns: 60 },
    );
  });
});

// ---- Random words never throw ------------------------------------------------------------------------

const USER_CODE = 0x0040_0000;
const WORDS_PER_RUN = 1000;
const RUNS = 100;

describe("random instruction words never make the host throw", () => {
  test(`${RUNS * WORDS_PER_RUN} words, half the runs in user mode and half in kernel mode`, () => {
    let executed = 0;
    let run = 0;
    fc.assert(
      fc.property(
        fc.array(anyWord, { minLength: WORDS_PER_RUN, maxLength: WORDS_PER_RUN }),
        fc.nat(),
        (list, seed) => {
          const user = run++ % 2 === 0;
          const m = new Machine({ memoryBytes: 64 * 1024, seed });
          m.memory.writeBytes(0x1000, words(list));
          let directory = 0;
          if (user) {
            const allocate = bumpAllocator(m.memory, 0x8000, 0x10000);
            directory = allocate();
            mapPage(m.memory, directory, USER_CODE, 0x1000, PTE.USER | PTE.EXECUTABLE, allocate);
            mapPage(m.memory, directory, USER_CODE + 0x1000, 0x2000, PTE.USER | PTE.WRITABLE, allocate);
            mapPage(m.memory, directory, 0x0080_0000, 0x3000, PTE.WRITABLE, allocate);
          }
          const image = m.memory.u8.slice();
          const base = user ? USER_CODE : 0x1000;
          const done = new Uint8Array(list.length);
          for (let index = 0; index < list.length; index++) {
            if (done[index]) continue;
            // A clean start at this word; a stop the machine keeps (halt, power-off, triple fault) needs a reset.
            if (m.stopped || m.waiting) {
              m.reset();
              m.memory.u8.set(image);
            }
            m.cpu.cr.fill(0);
            m.cpu.cr[CR.STATUS] = user ? STATUS_USER : 0;
            m.cpu.cr[CR.PTBR] = directory;
            m.mmu.setPageTableBase(directory);
            m.cpu.pc = base + 4 * index;
            for (let chain = 0; chain < 8; chain++) {
              const pc = m.cpu.pc;
              const at = (pc - base) / 4;
              if (!Number.isInteger(at) || at < 0 || at >= list.length) break;
              const cycles = m.cpu.cycles;
              const stop = m.step();
              done[at] = 1;
              expect(m.cpu.regs[0]).toBe(0);
              expect(Number.isInteger(m.cpu.pc) && m.cpu.pc >= 0 && m.cpu.pc <= 0xffff_ffff).toBe(true);
              expect(m.cpu.cycles).toBeGreaterThanOrEqual(cycles);
              if (stop.kind !== "budget") break;
            }
          }
          for (let i = 0; i < done.length; i++) expect(done[i]).toBe(1);
          executed += done.length;
        },
      ),
      { numRuns: RUNS },
    );
    expect(executed).toBe(RUNS * WORDS_PER_RUN);
  });
});

// ---- Isolation ----------------------------------------------------------------------------------------

const UCODE = 0x0040_0000;
const UDATA = 0x0080_0000;
/** User-readable, not writable. */
const URO = 0x0080_1000;
/** Kernel-only, right below the data page (so accesses can straddle into it). */
const UKERNEL = 0x007f_f000;
const KERNEL_BASE = 0x8000_0000;
const READABLE_PAGES = new Set([UCODE >>> 12, UDATA >>> 12, URO >>> 12]);

const SIZES: Record<string, number> = { ldw: 4, ldh: 2, ldhu: 2, ldb: 1, ldbu: 1, stw: 4, sth: 2, stb: 1 };
const LOADS = ["ldw", "ldh", "ldhu", "ldb", "ldbu"];

/** Addresses worth trying: the user's pages and their edges, kernel pages, another process, page 0. */
const address = fc.oneof(
  fc.integer({ min: UDATA, max: UDATA + 0xfff }),
  fc.integer({ min: UDATA + 0xff8, max: UDATA + 0x1003 }),
  fc.integer({ min: UKERNEL + 0xff8, max: UKERNEL + 0x1003 }),
  fc.integer({ min: URO, max: URO + 0xfff }),
  fc.integer({ min: UCODE, max: UCODE + 0xfff }),
  fc.integer({ min: UKERNEL, max: UKERNEL + 0xfff }),
  fc.integer({ min: KERNEL_BASE, max: KERNEL_BASE + 0x3ffff }),
  fc.integer({ min: 0, max: 0x1fff }),
  anyWord,
);

/** `lui t4; ori t4; op reg, [t4 + off]`: a load or store at a chosen address. */
const memoryOp = fc
  .tuple(
    address,
    fc.integer({ min: -8, max: 8 }),
    fc.constantFrom(...Object.keys(SIZES)),
    fc.integer({ min: 1, max: 15 }),
  )
  .map(([target, off, op, reg]) => {
    const at = (target - off) >>> 0;
    return [ins("lui", "t4", at >>> 16), ins("ori", "t4", "t4", at & 0xffff), ins(op, reg, "t4", off)];
  });

const userProgram = fc
  .array(
    fc.oneof({ weight: 3, arbitrary: memoryOp }, { weight: 2, arbitrary: programWord.map((w) => [w]) }),
    {
      minLength: 20,
      maxLength: 250,
    },
  )
  .map((parts) => parts.flat().slice(0, 1000));

describe("isolation", () => {
  test("random user code reads only its readable pages and writes only its own frame", () => {
    const totals = { retired: 0, loads: 0, stores: 0, refused: 0 };
    fc.assert(
      fc.property(userProgram, fc.array(fc.integer(), { minLength: 16, maxLength: 16 }), (program, regs) => {
        const m = new Machine({ memoryBytes: 256 * 1024 });
        const allocate = bumpAllocator(m.memory, 0x10000, m.memory.size);
        const directory = allocate();
        const map = (dir: number, va: number, frame: number, flags: number) =>
          mapPage(m.memory, dir, va, frame, flags, allocate);
        const code = allocate();
        const data = allocate();
        const readOnly = allocate();
        const kernelPage = allocate();
        const otherProcess = allocate();
        map(directory, UCODE, code, PTE.USER | PTE.EXECUTABLE);
        map(directory, UDATA, data, PTE.USER | PTE.WRITABLE);
        map(directory, URO, readOnly, PTE.USER);
        map(directory, UKERNEL, kernelPage, PTE.WRITABLE | PTE.EXECUTABLE);
        for (let pa = 0x1000; pa < m.memory.size; pa += 0x1000)
          map(directory, KERNEL_BASE + pa, pa, PTE.WRITABLE);
        // Another process: its own directory maps its frame where ours maps our data page.
        const otherDirectory = allocate();
        map(otherDirectory, UDATA, otherProcess, PTE.USER | PTE.WRITABLE);
        // Every byte outside our code and data frames is a recognisable secret.
        for (let pa = 0x1000; pa < 0x10000; pa++) m.memory.u8[pa] = (pa * 31) & 0xff;
        for (const frame of [readOnly, kernelPage, otherProcess])
          for (let i = 0; i < 0x1000; i++) m.memory.u8[frame + i] = (i * 7 + frame) & 0xff;
        m.memory.writeBytes(code, words(program));
        m.cpu.cr[CR.PTBR] = directory;
        m.mmu.setPageTableBase(directory);
        m.cpu.cr[CR.STATUS] = STATUS_USER;
        m.cpu.regs.set(regs);
        m.cpu.regs[0] = 0;
        m.cpu.pc = UCODE;
        const before = m.memory.u8.slice();

        for (let step = 0; step < 3000; step++) {
          expect(m.userMode).toBe(true);
          const pc = m.cpu.pc;
          const inCode = pc >= UCODE && pc < UCODE + 4 * program.length && (pc & 3) === 0;
          const decoded = inCode ? decode(program[(pc - UCODE) / 4]) : undefined;
          const size = decoded ? SIZES[decoded.info.mnemonic] : undefined;
          const ea = decoded && size ? (m.cpu.regs[decoded.b] + decoded.imm) >>> 0 : 0;
          const retired = m.cpu.instructions;
          const stop = m.step();
          if (decoded && size && m.cpu.instructions > retired) {
            // It completed: every byte it touched must be on a page the user may access that way.
            const pages = [ea >>> 12, ((ea + size - 1) >>> 0) >>> 12];
            const load = LOADS.includes(decoded.info.mnemonic);
            for (const page of pages) {
              if (load) expect(READABLE_PAGES.has(page)).toBe(true);
              else expect(page).toBe(UDATA >>> 12);
            }
            if (load) totals.loads++;
            else totals.stores++;
          }
          if (stop.kind === "budget") continue;
          // Only a trap can leave user mode, and it enters the kernel.
          expect(stop.kind).toBe("trap");
          expect(m.userMode).toBe(false);
          if (stop.kind !== "trap") break;
          if (size && stop.cause === TRAP.PAGE_FAULT && (stop.tinfo & 3) !== ACCESS.EXECUTE) totals.refused++;
          const skip = stop.cause === TRAP.SYSCALL || stop.cause === TRAP.BREAKPOINT ? 0 : 4;
          const resume = (stop.epc + skip) >>> 0;
          if (resume < UCODE || resume >= UCODE + 4 * program.length) break;
          m.cpu.cr[CR.EPC] = resume;
          m.trapReturn();
        }
        totals.retired += m.cpu.instructions;

        // No byte changed outside the data frame: not the code, the tables, the kernel, the other process.
        const after = m.memory.u8;
        let changed = -1;
        for (let pa = 0; pa < after.length; pa++) {
          if (pa >= data && pa < data + 0x1000) continue;
          if (after[pa] !== before[pa]) {
            changed = pa;
            break;
          }
        }
        expect(changed).toBe(-1);
      }),
      { numRuns: 80 },
    );
    // The runs did real work: many instructions, loads and stores that went through and many refused.
    expect(totals.retired).toBeGreaterThan(10_000);
    expect(totals.loads).toBeGreaterThan(400);
    expect(totals.stores).toBeGreaterThan(80);
    expect(totals.refused).toBeGreaterThan(1500);
  });
});
