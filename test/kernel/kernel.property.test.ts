// Properties of the whole kernel: random user programs cannot hurt the machine or another process,
// and whole-machine runs repeat exactly.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encode, OP } from "../../src/machine/isa";
import { bootedKernel, eventsOf } from "../support/kernelHarness";

const SENTINEL = `.kapi sleep
.text
main:
  li a0, 7
  call sleep
  j main
.data
secret: .word 0x11111111, 0x22222222, 0x33333333, 0x44444444
`;

/** A random instruction word, or a system call with a random number, or a load of a random value. */
const word = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 0xffffffff }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 24 }).map((n) => encode(OP.SYS, 0, 0, 0, n, "K")) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 0xffff }))
      .map(([reg, value]) => encode(OP.LUI, reg, 0, 0, value, "U")),
  },
);

function program(words: number[]): string {
  return `.text\nmain:\n${words.map((w) => `  .word 0x${(w >>> 0).toString(16)}`).join("\n")}\n  j main\n`;
}

function framesOf(kernel: ReturnType<typeof bootedKernel>, owner: string): Uint8Array[] {
  const frames: Uint8Array[] = [];
  kernel.frames.owners.forEach((o, frame) => {
    if (o === owner) frames.push(kernel.machine.memory.u8.slice(frame * 4096, frame * 4096 + 4096));
  });
  return frames;
}

describe("random user programs", () => {
  it("never bugcheck the machine and never change another process's memory", () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 8, maxLength: 64 }), (words) => {
        const kernel = bootedKernel({ "/bin/sentinel.s": SENTINEL, "/bin/random.s": program(words) });
        kernel.shell.execute("run /bin/sentinel.s");
        const sentinel = kernel.shell.foreground;
        kernel.shell.foreground = undefined;
        if (!sentinel) throw new Error("the sentinel did not start");
        kernel.run(20_000);
        const before = framesOf(kernel, sentinel.owner);
        kernel.shell.execute("run /bin/random.s");
        const instructionsBefore = kernel.machine.cpu.instructions;
        kernel.run(200_000);
        expect(kernel.state).toBe("running");
        expect(eventsOf(kernel, "bugcheck")).toEqual([]);
        expect(kernel.processes.has(sentinel.pid)).toBe(true);
        expect(framesOf(kernel, sentinel.owner)).toEqual(before);
        // The random program really ran (it either looped, faulted or exited after executing something).
        expect(kernel.machine.cpu.instructions).toBeGreaterThan(instructionsBefore);
      }),
      { numRuns: 40 },
    );
  });
});

describe("determinism", () => {
  it("the same seed gives the same transcript and the same timeline", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const runOnce = () => {
          const kernel = bootedKernel({ "/bin/sentinel.s": SENTINEL }, { seed });
          kernel.shell.execute("run /bin/sentinel.s");
          kernel.run(1_500_000);
          return {
            transcript: kernel.machine.devices.console.transcript,
            events: kernel.log.events.map((e) => JSON.stringify(e)),
            cycles: kernel.machine.cpu.cycles,
            instructions: kernel.machine.cpu.instructions,
            random: kernel.machine.random.state,
          };
        };
        expect(runOnce()).toEqual(runOnce());
      }),
      { numRuns: 8 },
    );
  });
});
