// Golden run tests: each test/golden/run/NAME.s states in its header what it must print and the registers
// it must end with (`; expect-output: Hello\n`, `; expect-reg: a0=55, sp=stack_top`). Each is assembled
// at 0x1000, loaded at physical 0x1000 (kernel mode, paging off), run to halt, and checked.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConsoleReader } from "../../src/machine/devices/console";
import { parseRegister } from "../../src/machine/isa";
import { Machine } from "../../src/machine/machine";
import { assemble } from "../../src/toolchain/asm";
import type { Image } from "../../src/toolchain/image";

const DIR = join(import.meta.dirname, "../golden/run");
const BASE = 0x1000;
const MEMORY = 1024 * 1024;
const MAX_CYCLES = 5_000_000;

interface Expectations {
  output: string | undefined;
  registers: { name: string; value: string }[];
}

const decodeEscapes = (text: string): string =>
  text.replace(/\\(n|t|\\)/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : "\\"));

function expectations(source: string): Expectations {
  const result: Expectations = { output: undefined, registers: [] };
  for (const line of source.split("\n")) {
    const output = /^;\s*expect-output:\s?(.*)$/.exec(line);
    if (output) result.output = (result.output ?? "") + decodeEscapes(output[1]!.trimEnd());
    const regs = /^;\s*expect-reg:(.*)$/.exec(line);
    if (regs) {
      for (const pair of regs[1]!.split(",")) {
        const [name, value] = pair.split("=").map((s) => s.trim());
        result.registers.push({ name: name!, value: value! });
      }
    }
  }
  return result;
}

/** A register's expected value: a number, or a symbol with an optional +/- offset. */
function expectedValue(text: string, image: Image): number {
  if (/^-?(0x[0-9a-f]+|\d+)$/i.test(text))
    return Number(text.replace(/^-/, "")) * (text.startsWith("-") ? -1 : 1);
  const [, name, sign, offset] = /^([A-Za-z_.][\w.]*)(?:([+-])(0x[0-9a-f]+|\d+))?$/i.exec(text) ?? [];
  const symbol = image.symbols.find((s) => s.name === name);
  if (!symbol) throw new Error(`expect-reg: unknown symbol in '${text}'`);
  return symbol.address + (offset === undefined ? 0 : Number(offset) * (sign === "-" ? -1 : 1));
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".s"))
  .sort();

describe("golden run tests", () => {
  it("has the programs", () => {
    expect(files).toEqual(expect.arrayContaining(["bubble.s", "fib.s", "hello.s", "strcpy.s", "sum.s"]));
  });

  for (const file of files) {
    it(file, () => {
      const source = readFileSync(join(DIR, file), "utf8");
      const expected = expectations(source);
      expect(expected.output, `${file} needs an '; expect-output:' line`).toBeDefined();
      for (const r of expected.registers)
        expect(parseRegister(r.name), `'${r.name}' in ${file}`).toBeGreaterThanOrEqual(0);
      const { image, diagnostics } = assemble(source, { file, base: BASE });
      expect(diagnostics).toEqual([]);

      const machine = new Machine({ memoryBytes: MEMORY, seed: 1 });
      machine.memory.writeBytes(BASE, image!.bytes);
      machine.cpu.pc = image!.entry;
      machine.cpu.regs[parseRegister("sp")] = MEMORY;
      expect(machine.run(MAX_CYCLES)).toEqual({ kind: "halt" });

      expect(new ConsoleReader(machine.devices.console).read()).toBe(expected.output);
      const actual = Object.fromEntries(
        expected.registers.map((r) => [r.name, machine.cpu.regs[parseRegister(r.name)]]),
      );
      const wanted = Object.fromEntries(
        expected.registers.map((r) => [r.name, expectedValue(r.value, image!) | 0]),
      );
      expect(actual).toEqual(wanted);
    });
  }
});
