// Properties of the whole kernel: random user programs cannot hurt the machine or another process,
// and whole-machine runs repeat exactly.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encode, OP } from "../../src/machine/isa";
import { bootedKernel } from "../support/kernelHarness";
import {
  boot,
  events,
  fate,
  framesHash,
  isAlive,
  outcome,
  pageTableProblems,
  processes,
  run,
  startProgram,
} from "../support/kernelProbe";

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

describe("random user programs", () => {
  it("never bugcheck the machine and never change another process's memory", () => {
    const fates = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(word, { minLength: 8, maxLength: 64 }), (words) => {
        const kernel = boot({ "/bin/sentinel.s": SENTINEL, "/bin/random.s": program(words) });
        const sentinel = startProgram(kernel, "/bin/sentinel.s");
        if (sentinel === undefined) throw new Error("the sentinel did not start");
        const sentinelOwner = processes(kernel).find((p) => p.pid === sentinel)?.owner ?? "";
        run(kernel, 20_000);
        const before = framesHash(kernel, sentinelOwner);
        const random = startProgram(kernel, "/bin/random.s");
        if (random === undefined) throw new Error("the random program did not start");
        run(kernel, 200_000);
        expect(outcome(kernel).state).toBe("running");
        expect(events(kernel, "bugcheck")).toEqual([]);
        expect(isAlive(kernel, sentinel)).toBe(true);
        expect(framesHash(kernel, sentinelOwner)).toBe(before);
        expect(pageTableProblems(kernel)).toEqual([]);
        // The random program itself ran: it is on the books with cycles of its own, or the log says how
        // it ended. (Counting the machine's instructions could not fail: the sentinel and the idle loop
        // retire instructions whether or not the random program ever runs.)
        const ended = fate(kernel, random);
        expect(ended).not.toBe("never ran");
        fates.set(ended, (fates.get(ended) ?? 0) + 1);
      }),
      { numRuns: 40 },
    );
    // Random words mostly fault at once: if none did, the runs above saw nothing.
    expect(fates.get("faulted") ?? 0).toBeGreaterThan(0);
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
