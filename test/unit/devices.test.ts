/**
 * Every device port of devices/ports.ts, driven by guest `in`/`out` in kernel mode (paging off): the
 * interrupt controller, the timer, the console, the disk (with its errors), the event source and its
 * struct layout, power, the RNG, and the empty slots of the bus.
 */
import { describe, expect, test } from "vitest";
import { ConsoleReader } from "../../src/machine/devices/console";
import { EVENT_STRUCT_SIZE, type SensorEvent } from "../../src/machine/devices/eventSource";
import { DISK_COMMAND, DISK_ERROR, IRQ, PORT } from "../../src/machine/devices/ports";
import { WATCHDOG_MAX_PERIOD } from "../../src/machine/devices/watchdog";
import { CR, PTE, STATUS_IE, TRAP, TRAP_ENTRY_CYCLES } from "../../src/machine/isa";
import { Machine } from "../../src/machine/machine";
import { bumpAllocator, mapPage } from "../../src/machine/pageTables";
import { snapshot } from "../../src/machine/snapshot";
import { ins, words } from "../support/encode";

const CODE = 0x1000;
const PATH = 0x3000;
const BUF = 0x4000;
const A0 = 1;
const A2 = 3;
const A3 = 4;

/** Loads a 32-bit constant. */
const li = (reg: string, value: number): number[] => [
  ins("lui", reg, (value >>> 16) & 0xffff),
  ins("ori", reg, reg, value & 0xffff),
];

function kernel(program: number[], memoryBytes = 64 * 1024): Machine {
  const m = new Machine({ memoryBytes });
  m.memory.writeBytes(CODE, words([...program, ins("halt")]));
  m.cpu.pc = CODE;
  return m;
}

function runToHalt(m: Machine): Machine {
  expect(m.run(10_000_000)).toEqual({ kind: "halt" });
  return m;
}

const text = (s: string): number[] => [...new TextEncoder().encode(s), 0];

describe("interrupt controller: pending, mask, ack", () => {
  test("pending shows raised lines; ack clears the bits written; mask reads back", () => {
    const m = kernel([
      ins("in", "a0", PORT.IRQ_PENDING),
      ins("in", "a1", PORT.IRQ_MASK),
      ins("addi", "t0", "zero", 1 << IRQ.TIMER),
      ins("out", PORT.IRQ_ACK, "t0"),
      ins("in", "a2", PORT.IRQ_PENDING),
      ins("addi", "t0", "zero", 0x5),
      ins("out", PORT.IRQ_MASK, "t0"),
      ins("in", "a3", PORT.IRQ_MASK),
    ]);
    m.devices.interrupts.raise(IRQ.TIMER);
    m.devices.interrupts.raise(IRQ.EVENTS);
    runToHalt(m);
    expect(Array.from(m.cpu.regs.subarray(1, 5))).toEqual([0b101, -1, 0b100, 0x5]);
  });

  test("a masked line does not interrupt even with IE set, and still shows as pending", () => {
    const m = kernel([
      ins("out", PORT.IRQ_MASK, "zero"),
      ins("out", PORT.TIMER_PERIOD, "a1"),
      ins("sti"),
      ins("addi", "t0", "zero", 100),
      ins("addi", "t0", "t0", -1),
      ins("bne", "t0", "zero", -2),
      ins("in", "a0", PORT.IRQ_PENDING),
      ins("cli"),
    ]);
    m.cpu.regs[2] = 10;
    runToHalt(m);
    expect(m.trapCounts[TRAP.TIMER]).toBe(0);
    expect(m.cpu.regs[A0]).toBe(1 << IRQ.TIMER);
    expect(m.devices.timer.ticks).toBeGreaterThan(10);
  });

  test("unmasking a pending line delivers it", () => {
    const m = kernel([
      ins("out", PORT.IRQ_MASK, "zero"),
      ins("sti"),
      ins("addi", "a0", "zero", -1),
      ins("out", PORT.IRQ_MASK, "a0"),
      ins("addi", "a1", "zero", 1),
    ]);
    m.devices.interrupts.raise(IRQ.EVENTS);
    expect(m.run(1000)).toEqual({
      kind: "trap",
      cause: TRAP.DEVICE,
      tval: IRQ.EVENTS,
      tinfo: 0,
      epc: CODE + 16,
    });
    expect(m.cpu.regs[2]).toBe(0);
  });

  test("the console line is level-triggered: acked while input waits, it is raised again at once", () => {
    const m = kernel([
      ins("addi", "t0", "zero", 1 << IRQ.CONSOLE),
      ins("out", PORT.IRQ_ACK, "t0"),
      ins("in", "a0", PORT.IRQ_PENDING),
      ins("in", "a1", PORT.CON_IN),
      ins("out", PORT.IRQ_ACK, "t0"),
      ins("in", "a2", PORT.IRQ_PENDING),
    ]);
    m.devices.console.type("k");
    runToHalt(m);
    expect([m.cpu.regs[A0], m.cpu.regs[2], m.cpu.regs[A2]]).toEqual([1 << IRQ.CONSOLE, 107, 0]);
  });
});

describe("timer", () => {
  test("period reads back; ticks count every period; now is the cycle counter after the in", () => {
    // out at cycles 0-4 sets the first tick at 104; addi and 250 rounds of a 2-cycle loop end at 505
    // (ticks at 104, 204, 304, 404, 504); in TICKS ends at 509, in NOW_LO at 513.
    const m = kernel([
      ins("out", PORT.TIMER_PERIOD, "a1"),
      ins("addi", "t0", "zero", 250),
      ins("addi", "t0", "t0", -1),
      ins("bne", "t0", "zero", -2),
      ins("in", "a0", PORT.TIMER_TICKS),
      ins("in", "a2", PORT.TIMER_NOW_LO),
      ins("in", "a3", PORT.TIMER_NOW_HI),
      ins("in", "t1", PORT.TIMER_PERIOD),
    ]);
    m.cpu.regs[2] = 100;
    runToHalt(m);
    expect(m.cpu.cycles).toBe(4 + 1 + 500 + 16 + 1);
    expect([m.cpu.regs[A0], m.cpu.regs[A2], m.cpu.regs[A3], m.cpu.regs[6]]).toEqual([5, 513, 0, 100]);
    expect(m.devices.interrupts.pending).toBe(1 << IRQ.TIMER);
  });

  test("now has a high word", () => {
    const m = kernel([ins("in", "a0", PORT.TIMER_NOW_HI), ins("in", "a2", PORT.TIMER_NOW_LO)]);
    m.cpu.cycles = 3 * 2 ** 32 + 0xfffffff0;
    runToHalt(m);
    expect(m.cpu.regs[A0]).toBe(3);
    expect(m.cpu.regs[A2] >>> 0).toBe(0xfffffff8);
  });

  test("period 0 stops the timer", () => {
    const m = kernel([
      ins("out", PORT.TIMER_PERIOD, "a1"),
      ins("out", PORT.TIMER_PERIOD, "zero"),
      ins("addi", "t0", "zero", 500),
      ins("addi", "t0", "t0", -1),
      ins("bne", "t0", "zero", -2),
      ins("in", "a0", PORT.TIMER_TICKS),
    ]);
    m.cpu.regs[2] = 10;
    runToHalt(m);
    expect(m.cpu.regs[A0]).toBe(0);
    expect(m.devices.interrupts.pending).toBe(0);
  });

  test("ticks missed while interrupts are off collapse into one pending line but all count", () => {
    const m = kernel([]);
    m.devices.timer.setPeriod(10, 0);
    m.cpu.cycles = 0;
    expect(m.devices.timer.advance(95)).toBe(true);
    expect(m.devices.timer.ticks).toBe(9);
    expect(m.devices.timer.nextTick).toBe(100);
  });
});

describe("console", () => {
  test("out writes the low byte; the transcript keeps it all", () => {
    const m = kernel([
      ...li("a0", 0x141),
      ins("out", PORT.CON_OUT, "a0"),
      ins("addi", "a0", "zero", 10),
      ins("out", PORT.CON_OUT, "a0"),
    ]);
    runToHalt(m);
    const reader = new ConsoleReader(m.devices.console);
    expect(reader.read()).toBe("A\n");
    expect(reader.read()).toBe("");
    expect(m.devices.console.transcript).toBe("A\n");
  });

  test("in reads typed bytes in order, then -1; status says whether input waits", () => {
    const m = kernel([
      ins("in", "a0", PORT.CON_STATUS),
      ins("in", "a1", PORT.CON_IN),
      ins("in", "a2", PORT.CON_IN),
      ins("in", "a3", PORT.CON_STATUS),
      ins("in", "t0", PORT.CON_IN),
    ]);
    m.devices.console.type("hi");
    runToHalt(m);
    expect(Array.from(m.cpu.regs.subarray(1, 6))).toEqual([1, 104, 105, 0, -1]);
  });

  test("input raises the console line; reading the last byte lowers it", () => {
    const m = kernel([
      ins("in", "a0", PORT.IRQ_PENDING),
      ins("in", "a1", PORT.CON_IN),
      ins("in", "a2", PORT.IRQ_PENDING),
      ins("in", "a1", PORT.CON_IN),
      ins("in", "a3", PORT.IRQ_PENDING),
    ]);
    m.devices.console.type("ab");
    runToHalt(m);
    expect([m.cpu.regs[A0], m.cpu.regs[A2], m.cpu.regs[A3]]).toEqual([1 << IRQ.CONSOLE, 1 << IRQ.CONSOLE, 0]);
  });
});

/** Sets the disk's registers, issues a command, and reads the result into `into`. */
function diskOp(command: number, into: string, options: { path?: number; buf?: number; len?: number } = {}) {
  return [
    ...li("t0", options.path ?? PATH),
    ins("out", PORT.DISK_PATH, "t0"),
    ...li("t0", options.buf ?? BUF),
    ins("out", PORT.DISK_BUF, "t0"),
    ...li("t0", options.len ?? 0),
    ins("out", PORT.DISK_LEN, "t0"),
    ...li("t0", command),
    ins("out", PORT.DISK_CMD, "t0"),
    ins("in", into, PORT.DISK_RESULT),
  ];
}

describe("disk", () => {
  test("write, size, read, delete", () => {
    const m = kernel([
      ...diskOp(DISK_COMMAND.WRITE, "a0", { len: 5 }),
      ...diskOp(DISK_COMMAND.SIZE, "a1"),
      ...diskOp(DISK_COMMAND.READ, "a2", { buf: BUF + 0x100, len: 3 }),
      ...diskOp(DISK_COMMAND.READ, "a3", { buf: BUF + 0x200, len: 100 }),
      ...diskOp(DISK_COMMAND.DELETE, "s0"),
      ...diskOp(DISK_COMMAND.SIZE, "s1"),
      ...diskOp(DISK_COMMAND.DELETE, "s2"),
    ]);
    m.memory.writeBytes(PATH, text("/etc/motd"));
    m.memory.writeBytes(BUF, text("hello"));
    m.memory.writeBytes(BUF + 0x100, [0xaa, 0xaa, 0xaa, 0xaa]);
    runToHalt(m);
    expect([m.cpu.regs[1], m.cpu.regs[2], m.cpu.regs[3], m.cpu.regs[4]]).toEqual([5, 5, 3, 5]);
    expect([m.cpu.regs[10], m.cpu.regs[11], m.cpu.regs[12]]).toEqual([
      0,
      DISK_ERROR.NOT_FOUND,
      DISK_ERROR.NOT_FOUND,
    ]);
    expect(Array.from(m.memory.readBytes(BUF + 0x100, 4))).toEqual([104, 101, 108, 0xaa]);
    expect(m.memory.readCString(BUF + 0x200)).toBe("hello");
    expect(m.devices.disk.list()).toEqual([]);
  });

  test("the registers read back", () => {
    const m = kernel([
      ...li("t0", 0x1234),
      ins("out", PORT.DISK_PATH, "t0"),
      ins("out", PORT.DISK_BUF, "t0"),
      ins("addi", "t1", "zero", -7),
      ins("out", PORT.DISK_LEN, "t1"),
      ins("in", "a0", PORT.DISK_PATH),
      ins("in", "a1", PORT.DISK_BUF),
      ins("in", "a2", PORT.DISK_LEN),
    ]);
    runToHalt(m);
    expect(Array.from(m.cpu.regs.subarray(1, 4))).toEqual([0x1234, 0x1234, -7]);
  });

  test.each([
    ["reading a file that does not exist", DISK_COMMAND.READ, { len: 4 }, DISK_ERROR.NOT_FOUND],
    ["the size of a file that does not exist", DISK_COMMAND.SIZE, {}, DISK_ERROR.NOT_FOUND],
    ["deleting a file that does not exist", DISK_COMMAND.DELETE, {}, DISK_ERROR.NOT_FOUND],
    ["a path beyond RAM", DISK_COMMAND.SIZE, { path: 0x10000 }, DISK_ERROR.BAD_ADDRESS],
    ["an empty path", DISK_COMMAND.WRITE, { path: PATH + 0x100, len: 1 }, DISK_ERROR.INVALID],
    ["an unknown command", 9, {}, DISK_ERROR.INVALID],
    [
      "writing from a buffer that runs past RAM",
      DISK_COMMAND.WRITE,
      { buf: 0xfffe, len: 4 },
      DISK_ERROR.BAD_ADDRESS,
    ],
    ["writing a negative length", DISK_COMMAND.WRITE, { len: -1 }, DISK_ERROR.INVALID],
  ])("%s", (_, command, options, expected) => {
    const m = kernel(diskOp(command, "a0", options));
    m.memory.writeBytes(PATH, text("missing"));
    runToHalt(m);
    expect(m.cpu.regs[A0]).toBe(expected);
    expect(m.devices.disk.list()).toEqual([]);
  });

  test("reading into a buffer that runs past RAM is refused and writes nothing", () => {
    const m = kernel(diskOp(DISK_COMMAND.READ, "a0", { buf: 0xfffe, len: 4 }));
    m.memory.writeBytes(PATH, text("f"));
    m.devices.disk.write("f", "abcd");
    runToHalt(m);
    expect(m.cpu.regs[A0]).toBe(DISK_ERROR.BAD_ADDRESS);
    expect(Array.from(m.memory.readBytes(0xfffe, 2))).toEqual([0, 0]);
  });

  test("a full disk (4096 files) and a file over 1 MiB give NO_SPACE; replacing a file still works", () => {
    const m = kernel(
      [
        ...diskOp(DISK_COMMAND.WRITE, "a0", { len: 2 }),
        ...diskOp(DISK_COMMAND.WRITE, "a1", { path: PATH + 0x10, len: 2 }),
        ...diskOp(DISK_COMMAND.WRITE, "a2", { path: PATH + 0x10, buf: 0x10_0000, len: 0x10_0001 }),
      ],
      4 * 1024 * 1024,
    );
    for (let i = 0; i < 4095; i++) m.devices.disk.write(`f${i}`, "");
    m.devices.disk.write("f0", "x");
    m.memory.writeBytes(PATH, text("new"));
    m.memory.writeBytes(PATH + 0x10, text("f1"));
    runToHalt(m);
    // "new" is the 4096th file; then f1 is replaced; then 1 MiB + 1 bytes are too many.
    expect([m.cpu.regs[1], m.cpu.regs[2], m.cpu.regs[3]]).toEqual([2, 2, DISK_ERROR.NO_SPACE]);
    expect(m.devices.disk.files.size).toBe(4096);
    expect(m.devices.disk.read("f1")?.length).toBe(2);
  });

  test("a path longer than 128 bytes is cut to its first 128", () => {
    const long = "p".repeat(200);
    const m = kernel(diskOp(DISK_COMMAND.WRITE, "a0", { len: 1 }));
    m.memory.writeBytes(PATH, text(long));
    runToHalt(m);
    expect(m.devices.disk.list()).toEqual(["p".repeat(128)]);
  });

  test("DMA is a checked host write: a read into a page table is seen by the MMU", () => {
    const m = new Machine({ memoryBytes: 64 * 1024 });
    const allocate = bumpAllocator(m.memory, 0x8000, 0x10000);
    const directory = allocate();
    const a = allocate();
    const b = allocate();
    m.memory.write32(a, 0x1111);
    m.memory.write32(b, 0x2222);
    mapPage(m.memory, directory, CODE, CODE, PTE.EXECUTABLE, allocate);
    mapPage(m.memory, directory, PATH, PATH, 0, allocate);
    mapPage(m.memory, directory, 0x0050_0000, a, 0, allocate);
    const table = m.memory.read32(directory + (0x0050_0000 >>> 22) * 4) & ~0xfff;
    const pte = table + ((0x0050_0000 >>> 12) & 1023) * 4;
    m.memory.writeBytes(
      CODE,
      words([
        ...li("s0", 0x0050_0000),
        ins("ldw", "a0", "s0", 0),
        ...diskOp(DISK_COMMAND.READ, "a2", { buf: pte, len: 4 }),
        ins("ldw", "a1", "s0", 0),
        ins("halt"),
      ]),
    );
    m.memory.writeBytes(PATH, text("pte"));
    m.devices.disk.write("pte", new Uint8Array(new Uint32Array([b | PTE.PRESENT]).buffer));
    m.cpu.cr[CR.PTBR] = directory;
    m.mmu.setPageTableBase(directory);
    m.cpu.pc = CODE;
    runToHalt(m);
    expect([m.cpu.regs[1], m.cpu.regs[2], m.cpu.regs[3]]).toEqual([0x1111, 0x2222, 4]);
  });

  test("the disk and its files survive machine.reset()", () => {
    const m = kernel(diskOp(DISK_COMMAND.WRITE, "a0", { len: 3 }));
    m.memory.writeBytes(PATH, text("boot.cfg"));
    m.memory.writeBytes(BUF, text("bad"));
    runToHalt(m);
    m.reset();
    expect(m.memory.read32(PATH)).toBe(0);
    expect(m.devices.disk.readText("boot.cfg")).toBe("bad");
    m.memory.writeBytes(CODE, words([...diskOp(DISK_COMMAND.READ, "a0", { len: 8 }), ins("halt")]));
    m.memory.writeBytes(PATH, text("boot.cfg"));
    m.cpu.pc = CODE;
    runToHalt(m);
    expect(m.cpu.regs[A0]).toBe(3);
    expect(m.memory.readCString(BUF)).toBe("bad");
  });
});

describe("event source", () => {
  const feed: SensorEvent[] = [
    { at: 100, kind: 7, pid: -2, name: "svchost.exe", arg: "\\\\.\\pipe\\lsass" },
    { at: 50, kind: 1, pid: 42, name: "n".repeat(40), arg: "a".repeat(70) },
  ];

  /** Reads status, copies an event to `dest`, reads the result: into s0..s2. */
  const readEvent = (dest: number) => [
    ins("in", "s0", PORT.EVT_STATUS),
    ...li("t0", dest),
    ins("out", PORT.EVT_READ, "t0"),
    ins("in", "s1", PORT.EVT_RESULT),
  ];

  test("status and result: not yet (0), ready (1), ended (-1); nothing copied when not ready", () => {
    const m = kernel([...readEvent(BUF), ins("halt")]);
    m.devices.events.load(feed);
    m.memory.writeBytes(BUF, new Array(EVENT_STRUCT_SIZE + 8).fill(0xaa));
    runToHalt(m);
    expect([m.cpu.regs[10], m.cpu.regs[11]]).toEqual([0, 0]);
    expect(m.memory.read32(BUF)).toBe(0xaaaaaaaa | 0);
    expect(m.devices.events.cursor).toBe(0);
  });

  test("the struct: kind@0, pid@4, name[32]@8, arg[64]@40, NUL-terminated and cut; feed sorted by time", () => {
    const m = kernel([]);
    m.devices.events.load(feed);
    m.memory.writeBytes(BUF, new Array(2 * EVENT_STRUCT_SIZE + 8).fill(0xaa));
    m.memory.writeBytes(
      CODE,
      words([
        ins("addi", "t1", "zero", 100),
        ins("addi", "t1", "t1", -1),
        ins("bne", "t1", "zero", -2),
        ...readEvent(BUF),
        ins("addi", "s2", "s0", 0),
        ins("addi", "t2", "s1", 0),
        ...readEvent(BUF + EVENT_STRUCT_SIZE),
        ...readEvent(0x8000),
        ins("halt"),
      ]),
    );
    runToHalt(m);
    // First the event at cycle 50 (listed second), then the one at 100; then the feed has ended.
    expect([m.cpu.regs[12], m.cpu.regs[7]]).toEqual([1, 1]);
    expect([m.cpu.regs[10], m.cpu.regs[11]]).toEqual([-1, -1]);
    const first = m.memory.readBytes(BUF, EVENT_STRUCT_SIZE);
    const view = new DataView(first.buffer);
    expect([view.getInt32(0, true), view.getInt32(4, true)]).toEqual([1, 42]);
    expect(Array.from(first.subarray(8, 40))).toEqual([...new Array(31).fill(110), 0]);
    expect(Array.from(first.subarray(40, 104))).toEqual([...new Array(63).fill(97), 0]);
    const second = m.memory.readBytes(BUF + EVENT_STRUCT_SIZE, EVENT_STRUCT_SIZE);
    const view2 = new DataView(second.buffer);
    expect([view2.getInt32(0, true), view2.getInt32(4, true)]).toEqual([7, -2]);
    expect(m.memory.readCString(BUF + EVENT_STRUCT_SIZE + 8)).toBe("svchost.exe");
    expect(Array.from(second.subarray(8 + 11, 40))).toEqual(new Array(21).fill(0));
    expect(m.memory.readCString(BUF + EVENT_STRUCT_SIZE + 40)).toBe("\\\\.\\pipe\\lsass");
    // The bytes after the second struct are untouched; nothing was written for the ended read.
    expect(Array.from(m.memory.readBytes(BUF + 2 * EVENT_STRUCT_SIZE, 8))).toEqual(new Array(8).fill(0xaa));
    expect(m.memory.read32(0x8000)).toBe(0);
  });

  test("each arrival raises the event line once, at its cycle", () => {
    const m = kernel([ins("sti"), ins("beq", "zero", "zero", -1)]);
    m.devices.events.load(feed);
    expect(m.run(10_000)).toMatchObject({ kind: "trap", cause: TRAP.DEVICE, tval: IRQ.EVENTS });
    expect(m.cpu.cycles).toBe(50 + TRAP_ENTRY_CYCLES);
    expect(m.getEventsAnnounced()).toBe(1);
  });

  test("loading a new feed after events have arrived arms the event line again", () => {
    const m = kernel([ins("beq", "zero", "zero", -1)]);
    m.devices.events.load([{ at: 10, kind: 1, pid: 1, name: "a", arg: "" }]);
    m.run(100);
    expect(m.devices.interrupts.pending).toBe(1 << IRQ.EVENTS);
    m.devices.interrupts.acknowledge(-1);
    m.devices.events.load([{ at: 150, kind: 2, pid: 2, name: "b", arg: "" }]);
    m.cpu.cr[CR.STATUS] = STATUS_IE;
    expect(m.run(1000)).toMatchObject({ kind: "trap", cause: TRAP.DEVICE, tval: IRQ.EVENTS });
    expect(m.cpu.cycles).toBe(150 + TRAP_ENTRY_CYCLES);
  });
});

describe("power", () => {
  test("out 0 powers off: a sticky stop", () => {
    const m = kernel([ins("out", PORT.POWER, "zero"), ins("addi", "a0", "zero", 1)]);
    expect(m.run(1000)).toEqual({ kind: "power-off" });
    expect(m.cpu.pc).toBe(CODE + 4);
    expect(m.run(1000)).toEqual({ kind: "power-off" });
    expect(m.cpu.regs[A0]).toBe(0);
    m.reset();
    expect(m.stopped).toBeUndefined();
  });

  test("out 1 asks for a reset: the run stops, and the host decides", () => {
    const m = kernel([
      ins("addi", "t0", "zero", 1),
      ins("out", PORT.POWER, "t0"),
      ins("addi", "a0", "zero", 1),
    ]);
    expect(m.run(1000)).toEqual({ kind: "reset" });
    expect(m.stopped).toBeUndefined();
    expect(m.cpu.pc).toBe(CODE + 8);
    expect(m.run(1000)).toEqual({ kind: "halt" });
    expect(m.cpu.regs[A0]).toBe(1);
  });

  test("any other value powers off", () => {
    const m = kernel([ins("addi", "t0", "zero", 2), ins("out", PORT.POWER, "t0")]);
    expect(m.run(1000)).toEqual({ kind: "power-off" });
  });
});

describe("watchdog: the trap no mask stops", () => {
  const SPIN = [ins("jal", "zero", -1)];
  /** Arms the watchdog for `period` cycles, then runs `then`. */
  const armed = (period: number, then: number[]) =>
    kernel([...li("t0", period), ins("out", PORT.WATCHDOG, "t0"), ...then]);

  test("with interrupts off it still traps, cause 10, at the deadline; TINFO 0 while running", () => {
    const m = armed(1000, SPIN);
    const stop = m.run(5000);
    expect(stop).toMatchObject({ kind: "trap", cause: TRAP.WATCHDOG, tinfo: 0 });
    expect(m.cpu.cr[CR.STATUS] & STATUS_IE).toBe(0);
    // The out retired at cycle 6 (two 1-cycle instructions, then out's 4): due 1000 cycles later.
    expect(m.cpu.cycles).toBeGreaterThanOrEqual(1006 + TRAP_ENTRY_CYCLES);
    expect(m.cpu.cycles).toBeLessThan(1006 + TRAP_ENTRY_CYCLES + 8);
  });

  test("masking every line does not stop it either", () => {
    const m = armed(1000, [ins("out", PORT.IRQ_MASK, "zero"), ins("sti"), ...SPIN]);
    expect(m.run(5000)).toMatchObject({ kind: "trap", cause: TRAP.WATCHDOG });
  });

  test("petting it before the deadline keeps it quiet", () => {
    const m = armed(1000, [...li("t0", 1000), ins("out", PORT.WATCHDOG, "t0"), ins("jal", "zero", -4)]);
    expect(m.run(20_000)).toEqual({ kind: "budget" });
  });

  test("halt with interrupts off waits for it (TINFO 1, EPC after the halt) instead of stopping", () => {
    const m = armed(1000, [ins("halt")]);
    const stop = m.run(5000);
    expect(stop).toMatchObject({ kind: "trap", cause: TRAP.WATCHDOG, tinfo: 1, epc: CODE + 16 });
    expect(m.stopped).toBeUndefined();
  });

  test("unarmed, halt with interrupts off stops the machine as before", () => {
    const m = kernel([]);
    expect(m.run(5000)).toEqual({ kind: "halt" });
  });

  test("once armed, writing 0 does not disarm it: it pets it for the same period", () => {
    const m = armed(1000, [ins("out", PORT.WATCHDOG, "zero"), ins("in", "a0", PORT.WATCHDOG), ...SPIN]);
    expect(m.run(5000)).toMatchObject({ kind: "trap", cause: TRAP.WATCHDOG });
    expect(m.cpu.regs[A0]).toBe(1000);
  });

  test("a period is capped, so a driver cannot postpone it for ever; reset disarms it", () => {
    const m = armed(0x7fffffff, [ins("in", "a0", PORT.WATCHDOG)]);
    m.devices.watchdog.pet(0, 0);
    expect(m.run(100)).toEqual({ kind: "budget" });
    expect(m.cpu.regs[A0]).toBe(WATCHDOG_MAX_PERIOD);
    m.reset();
    expect(m.devices.watchdog.armed).toBe(false);
  });

  test("a snapshot keeps its period, deadline and stage", () => {
    const m = armed(1000, SPIN);
    m.run(100);
    expect(snapshot(m).watchdog).toEqual({ period: 1000, deadline: 1006, stage: 0 });
    expect(m.run(5000)).toMatchObject({ kind: "trap", cause: TRAP.WATCHDOG });
    const trapped = snapshot(m).watchdog;
    expect(trapped.stage).toBe(1);
    expect(trapped.deadline).toBeGreaterThan(1006);
  });

  test("second stage: a trap nobody handles (no pet a period later) stops the processor for the host", () => {
    const m = armed(1000, SPIN);
    // tvec = 0: the trap goes to the host, which here simply resumes the spin, as a broken handler would.
    expect(m.run(5000)).toMatchObject({ kind: "trap", cause: TRAP.WATCHDOG });
    m.trapReturn();
    const stop = m.run(5000);
    expect(stop).toEqual({ kind: "watchdog", pc: CODE + 12 });
    // Nothing more until a pet: it does not stop again and again.
    expect(m.run(5000)).toEqual({ kind: "budget" });
  });

  test("a pet after the trap starts again from the first stage", () => {
    const m = armed(1000, SPIN);
    expect(m.run(5000)).toMatchObject({ kind: "trap", cause: TRAP.WATCHDOG });
    m.devices.watchdog.pet(1000, m.cpu.cycles);
    m.trapReturn();
    expect(m.run(900)).toEqual({ kind: "budget" });
    expect(m.run(5000)).toMatchObject({ kind: "trap", cause: TRAP.WATCHDOG });
  });
});

describe("random numbers", () => {
  /** xorshift32, written out here so the test does not read the machine's own generator. */
  function xorshift(seed: number, n: number): number[] {
    let x = seed >>> 0 || 0x9e3779b9;
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      out.push(x | 0);
    }
    return out;
  }
  const program = [ins("in", "a0", PORT.RNG), ins("in", "a1", PORT.RNG), ins("in", "a2", PORT.RNG)];
  const draw = (seed: number) => {
    const m = new Machine({ memoryBytes: 64 * 1024, seed });
    m.memory.writeBytes(CODE, words([...program, ins("halt")]));
    m.cpu.pc = CODE;
    runToHalt(m);
    return { m, values: Array.from(m.cpu.regs.subarray(1, 4)) };
  };

  test("deterministic by seed: xorshift32 of the seed", () => {
    expect(draw(1).values).toEqual(xorshift(1, 3));
    expect(draw(1).values[0]).toBe(0x00042021);
    expect(draw(99).values).toEqual(xorshift(99, 3));
    expect(draw(99).values).not.toEqual(draw(1).values);
    expect(draw(0).values).toEqual(xorshift(0x9e3779b9, 3));
  });

  test("reset restarts the sequence", () => {
    const { m, values } = draw(7);
    m.reset();
    m.memory.writeBytes(CODE, words([...program, ins("halt")]));
    m.cpu.pc = CODE;
    runToHalt(m);
    expect(Array.from(m.cpu.regs.subarray(1, 4))).toEqual(values);
  });
});

describe("the bus", () => {
  const READABLE: number[] = [
    PORT.IRQ_PENDING,
    PORT.IRQ_MASK,
    PORT.TIMER_PERIOD,
    PORT.TIMER_NOW_LO,
    PORT.TIMER_NOW_HI,
    PORT.TIMER_TICKS,
    PORT.CON_IN,
    PORT.CON_STATUS,
    PORT.DISK_PATH,
    PORT.DISK_BUF,
    PORT.DISK_LEN,
    PORT.DISK_RESULT,
    PORT.EVT_STATUS,
    PORT.EVT_RESULT,
    PORT.RNG,
    PORT.WATCHDOG,
  ];

  test("every port other than the readable ones reads -1 (write-only ports included)", () => {
    const m = new Machine({ memoryBytes: 64 * 1024 });
    m.devices.events.load([{ at: 10, kind: 1, pid: 1, name: "", arg: "" }]);
    for (let port = 0; port <= 0xffff; port++) {
      if (READABLE.includes(port)) continue;
      if (m.ports.read(port) !== -1) expect(port).toBe(-1);
    }
    for (const port of [PORT.IRQ_ACK, PORT.CON_OUT, PORT.DISK_CMD, PORT.EVT_READ, PORT.POWER]) {
      expect(m.ports.read(port)).toBe(-1);
    }
  });

  test("the readable ports do not read -1 in a fresh machine (apart from empty console input)", () => {
    const m = new Machine({ memoryBytes: 64 * 1024 });
    m.devices.events.load([{ at: 10, kind: 1, pid: 1, name: "", arg: "" }]);
    const values = Object.fromEntries(READABLE.map((p) => [p, m.ports.read(p)]));
    expect(Object.entries(values).filter(([, v]) => v === -1)).toEqual([
      [String(PORT.IRQ_MASK), -1],
      [String(PORT.CON_IN), -1],
    ]);
  });

  test("writes to unknown or read-only ports change nothing", () => {
    const m = new Machine({ memoryBytes: 64 * 1024 });
    const before = snapshot(m);
    for (const port of [0x03, 0x11, 0x12, 0x13, 0x21, 0x22, 0x34, 0x40, 0x42, 0x60, 0x61, 0x1234, 0xffff]) {
      m.ports.write(port, 0x12345678);
    }
    expect(snapshot(m)).toEqual(before);
  });

  test("guest in from an unknown port reads -1, out is ignored", () => {
    const m = kernel([ins("in", "a0", 0x7777), ins("out", 0x7777, "a0"), ins("in", "a1", 0xffff)]);
    runToHalt(m);
    expect([m.cpu.regs[1], m.cpu.regs[2]]).toEqual([-1, -1]);
  });
});
