/**
 * Issue 10, item 6 (the device side): every host structure the guest can grow is bounded, and a guest
 * at the limit gets an error or loses its own bytes, never the host. Each case is the attack as a
 * guest would write it; each failed before its limit existed.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../../src/cli/main";
import { ConsoleDevice } from "../../src/machine/devices/console";
import { Disk } from "../../src/machine/devices/disk";
import { DMA_BYTES_PER_CYCLE } from "../../src/machine/devices/portBus";
import { DISK_COMMAND, DISK_ERROR, PORT } from "../../src/machine/devices/ports";
import { Machine } from "../../src/machine/machine";
import { ins, words } from "../support/encode";
import { boot, loadDriver, machineOf, run } from "../support/kernelProbe";

const CODE = 0x1000;
const PATH = 0x3000;

/** Loads a 32-bit constant. */
const li = (reg: string, value: number): number[] => [
  ins("lui", reg, (value >>> 16) & 0xffff),
  ins("ori", reg, reg, value & 0xffff),
];

/** A bare machine in kernel mode (paging off: addresses are physical) running `program`, then halt. */
function kernelMode(program: number[], memoryBytes = 4 << 20): Machine {
  const m = new Machine({ memoryBytes });
  m.memory.writeBytes(CODE, words([...program, ins("halt")]));
  m.memory.writeBytes(PATH, [...new TextEncoder().encode("big"), 0]);
  m.cpu.pc = CODE;
  return m;
}

function cliIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "ringlab-sec-")), name);
  writeFileSync(path, text);
  return path;
}

describe("the console keeps at most a MiB of output and counts the rest", () => {
  test("a kernel-mode loop writing past a MiB to CON_OUT: a bounded screen, 1 MiB of transcript, the rest counted", () => {
    const bytes = (1 << 20) + 65536;
    const m = kernelMode([
      ...li("t0", bytes),
      ins("addi", "t1", "zero", 0x41),
      ins("out", PORT.CON_OUT, "t1"), // loop:
      ins("addi", "t0", "t0", -1),
      ins("bne", "t0", "zero", -3),
    ]);
    expect(m.run(100_000_000)).toEqual({ kind: "halt" });
    const console = m.devices.console;
    expect(console.written).toBe(bytes);
    expect(console.screen.length).toBeLessThanOrEqual(2 * ConsoleDevice.SCREEN_LIMIT);
    // A reader that starts from the beginning gets what the screen kept, and is told to redraw.
    const fromStart = console.outputSince(0);
    expect(fromStart.lost).toBe(true);
    expect(fromStart.text).toBe(console.screen);
    expect(console.transcript.length).toBe(ConsoleDevice.TRANSCRIPT_LIMIT);
    expect(console.transcriptDropped).toBe(bytes - ConsoleDevice.TRANSCRIPT_LIMIT);
  });

  test("`run --json` of a printf flood says what the transcript did not keep and still ends in JSON", async () => {
    const file = tempFile(
      "flood.c",
      `int main(void) {\n  for (;;) printf("${"x".repeat(120)}\\n");\n  return 0;\n}\n`,
    );
    const { out, io } = cliIo();
    const code = await runCli(["run", file, "--cycles", "6000000", "--json"], io);
    expect(code).toBe(0);
    const summary = JSON.parse(out[out.length - 1]);
    expect(summary.outcome).toBe("running");
    expect(summary.consoleBytesDropped).toBeGreaterThan(0);
    expect(out.join("\n")).toContain(
      `[console: ${summary.consoleBytesDropped} more bytes were written; the transcript keeps the first 1 MiB]`,
    );
  });
});

describe("the disk is bounded in file size, file count and total bytes", () => {
  test("a kernel-mode driver (no quota) writing 64 KiB files until refused gets -28 before the disk holds 16 MiB", () => {
    const driver = `
char block[65536];
char name[16];
int main(void) {
  for (int i = 0; i < 1000; i++) {
    name[0] = '/'; name[1] = 'f';
    name[2] = 'a' + i / 100; name[3] = 'a' + (i / 10) % 10; name[4] = 'a' + i % 10; name[5] = 0;
    int r = write_file(name, block, 65536);
    if (r < 0) { printf("refused after %d files: %d\\n", i, r); return 0; }
    yield(); /* kernel mode: give the watchdog its due */
  }
  printf("never refused\\n");
  return 0;
}
`;
    const kernel = boot({ "/drivers/filler.c": driver });
    // Kernel mode acts as root, which no quota binds; a user-mode account meets its quota first
    // (test/security/disk-access.test.ts).
    loadDriver(kernel, "/drivers/filler.c", "kernel");
    run(kernel, 40_000_000);
    const disk = machineOf(kernel).devices.disk;
    const total = [...disk.files].reduce((sum, [path, bytes]) => sum + path.length + bytes.length, 0);
    expect(total).toBeLessThanOrEqual(Disk.MAX_TOTAL_BYTES);
    expect(disk.bytesUsed).toBe(total);
    expect(machineOf(kernel).devices.console.transcript).toMatch(/refused after \d+ files: -28/);
  });

  test("a DMA write of more than a MiB is refused with NO_SPACE before any byte is copied", () => {
    const m = kernelMode([
      ...li("t0", PATH),
      ins("out", PORT.DISK_PATH, "t0"),
      ins("out", PORT.DISK_BUF, "zero"),
      ...li("t0", Disk.MAX_FILE_BYTES + 1),
      ins("out", PORT.DISK_LEN, "t0"),
      ins("addi", "t0", "zero", DISK_COMMAND.WRITE),
      ins("out", PORT.DISK_CMD, "t0"),
      ins("in", "a0", PORT.DISK_RESULT),
    ]);
    expect(m.run(10_000_000)).toEqual({ kind: "halt" });
    expect(m.cpu.regs[1]).toBe(DISK_ERROR.NO_SPACE);
    expect(m.devices.disk.list()).toEqual([]);
    // Nothing was transferred, so nothing was charged: a few instructions' cycles only.
    expect(m.cpu.cycles).toBeLessThan(100);
  });

  test("files past the 4096th are refused with NO_SPACE", () => {
    const m = kernelMode([
      ...li("t0", PATH),
      ins("out", PORT.DISK_PATH, "t0"),
      ins("out", PORT.DISK_LEN, "zero"),
      ins("addi", "t0", "zero", DISK_COMMAND.WRITE),
      ins("out", PORT.DISK_CMD, "t0"),
      ins("in", "a0", PORT.DISK_RESULT),
    ]);
    for (let i = 0; i < Disk.MAX_FILES; i++) expect(m.devices.disk.write(`/f${i}`, "")).toBe(true);
    expect(m.run(10_000)).toEqual({ kind: "halt" });
    expect(m.cpu.regs[1]).toBe(DISK_ERROR.NO_SPACE);
    expect(m.devices.disk.files.size).toBe(Disk.MAX_FILES);
  });
});

describe("one system call moves a bounded amount", () => {
  test("write_file over 64 KiB is -22, read_file stops at 64 KiB, a printf format at 1024 bytes", () => {
    const driver = `
char buf[70000];
char fmt[2001];
int main(void) {
  for (int i = 0; i < 2000; i++) fmt[i] = 'x';
  printf("w=%d\\n", write_file("/tmp/big", buf, 65537));
  printf("w=%d\\n", write_file("/tmp/big", buf, 65536));
  printf("r=%d\\n", read_file("/tmp/big", buf, 70000));
  printf("[");
  printf(fmt);
  printf("]\\n");
  return 0;
}
`;
    const kernel = boot({ "/drivers/io.c": driver });
    loadDriver(kernel, "/drivers/io.c", "user");
    run(kernel, 3_000_000);
    const transcript = machineOf(kernel).devices.console.transcript.replace(/\r/g, "");
    expect(transcript).toContain("w=-22\nw=65536\nr=65536\n");
    expect(transcript).toContain(`[${"x".repeat(1024)}]`);
  });
});

describe("disk DMA takes machine time in proportion to what it moves", () => {
  test("a kernel-mode loop of 64 one-MiB transfers spends at least a cycle per 4 bytes moved", () => {
    const transfers = 64;
    const m = kernelMode([
      ...li("t0", PATH),
      ins("out", PORT.DISK_PATH, "t0"),
      ins("out", PORT.DISK_BUF, "zero"),
      ...li("t0", Disk.MAX_FILE_BYTES),
      ins("out", PORT.DISK_LEN, "t0"),
      ...li("t2", transfers),
      ins("addi", "t0", "zero", DISK_COMMAND.WRITE),
      ins("out", PORT.DISK_CMD, "t0"), // loop: write the file, then read it back
      ins("addi", "t0", "zero", DISK_COMMAND.READ),
      ins("out", PORT.DISK_CMD, "t0"),
      ins("addi", "t0", "zero", DISK_COMMAND.WRITE),
      ins("addi", "t2", "t2", -2),
      ins("bne", "t2", "zero", -6),
      ins("in", "a0", PORT.DISK_RESULT),
    ]);
    expect(m.run(1_000_000_000)).toEqual({ kind: "halt" });
    expect(m.cpu.regs[1]).toBe(Disk.MAX_FILE_BYTES);
    expect(m.cpu.cycles).toBeGreaterThanOrEqual((transfers * Disk.MAX_FILE_BYTES) / DMA_BYTES_PER_CYCLE);
  });
});
