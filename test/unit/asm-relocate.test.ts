// relocate(): an image linked at one base, moved to another, has every address moved and runs the same.
import { describe, expect, it } from "vitest";
import { ConsoleReader } from "../../src/machine/devices/console";
import { Machine } from "../../src/machine/machine";
import { assemble } from "../../src/toolchain/asm";
import type { Image } from "../../src/toolchain/image";
import { relocate } from "../../src/toolchain/relocate";

const PROGRAM = `
_start:
    la   s0, msg              ; hilo relocation
    la   t0, table            ; hilo relocation
    ldw  s1, [t0]             ; table[0] = msg, via an abs32 relocation
    li   t1, SIZE             ; a constant: not relocated
.next:
    ldbu a0, [s0]
    beqz a0, .done
    out  0x20, a0
    addi s0, s0, 1
    j    .next
.done:
    la   a0, msg
    mov  a1, s1
    halt
    .kapi exit
.rodata
msg:   .asciz "moved!\\n"
.data
table: .word msg, table + 4, 0
SIZE = 100
`;

function run(image: Image): { output: string; regs: Int32Array } {
  const machine = new Machine({ memoryBytes: 256 * 1024, seed: 1 });
  machine.memory.writeBytes(image.base, image.bytes);
  machine.cpu.pc = image.entry;
  expect(machine.run(100_000)).toEqual({ kind: "halt" });
  return { output: new ConsoleReader(machine.devices.console).read(), regs: machine.cpu.regs };
}

describe("relocate", () => {
  const r = assemble(PROGRAM, { base: 0x1000 });
  const original = r.image!;
  const moved = relocate(original, 0x9000);
  const delta = 0x8000;

  it("assembles with the relocations it needs", () => {
    expect(r.diagnostics).toEqual([]);
    expect(original.relocations.map((x) => x.kind)).toEqual(["hilo", "hilo", "hilo", "abs32", "abs32"]);
  });

  it("moves base, entry, sections, symbols (not constants), source map and kernel calls", () => {
    expect(moved.base).toBe(0x9000);
    expect(moved.entry).toBe(original.entry + delta);
    expect(moved.sections.map((s) => s.start)).toEqual(original.sections.map((s) => s.start + delta));
    const msg = (img: Image) => img.symbols.find((s) => s.name === "msg")!.address;
    expect(msg(moved)).toBe(msg(original) + delta);
    expect(moved.symbols.find((s) => s.name === "SIZE")!.address).toBe(100);
    expect(moved.sourceMap.map((l) => l.address)).toEqual(original.sourceMap.map((l) => l.address + delta));
    expect(moved.kernelCalls).toEqual(
      original.kernelCalls.map((k) => ({ ...k, address: k.address + delta })),
    );
    expect(moved.relocations).toEqual(original.relocations);
  });

  it("patches abs32 words and hilo pairs, and leaves the original alone", () => {
    const word = (img: Image, offset: number) =>
      (img.bytes[offset]! |
        (img.bytes[offset + 1]! << 8) |
        (img.bytes[offset + 2]! << 16) |
        (img.bytes[offset + 3]! << 24)) >>>
      0;
    const tableOffset = original.sections[2]!.start - original.base;
    expect(word(original, tableOffset)).toBe(0x2000);
    expect(word(moved, tableOffset)).toBe(0xa000);
    expect(word(moved, tableOffset + 4)).toBe(0xb004);
    expect(word(moved, tableOffset + 8)).toBe(0);
    // la s0, msg: lui s0, hi / ori s0, s0, lo
    expect(word(original, 0) & 0xffff).toBe(0);
    expect(word(original, 4) & 0xffff).toBe(0x2000);
    expect(word(moved, 0) & 0xffff).toBe(0);
    expect(word(moved, 4) & 0xffff).toBe(0xa000);
  });

  it("carries a hilo pair across a 64 KiB boundary", () => {
    const img = assemble("la a0, x\n.space 0xfff4\nx:", { base: 0 }).image!; // x = 0xfffc
    const far = relocate(img, 0x1000); // x = 0x10ffc
    expect(img.bytes[0]! | (img.bytes[1]! << 8)).toBe(0x0000);
    expect(far.bytes[0]! | (far.bytes[1]! << 8)).toBe(0x0001); // hi
    expect(far.bytes[4]! | (far.bytes[5]! << 8)).toBe(0x0ffc); // lo
  });

  it("runs the same, with la values pointing at the moved data", () => {
    const before = run(original);
    const after = run(moved);
    expect(before.output).toBe("moved!\n");
    expect(after.output).toBe("moved!\n");
    expect(before.regs[1]).toBe(0x2000); // a0 = msg
    expect(after.regs[1]).toBe(0xa000);
    expect(after.regs[2]).toBe(0xa000); // a1 = table[0], patched abs32
  });
});
