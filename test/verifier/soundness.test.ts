/**
 * Soundness: every program the verifier accepts runs in kernel mode on varied event feeds without a
 * fault, a hang, a touch outside its regions (the handler machine maps nothing else), a broken calling
 * convention, or more cycles than the verifier's bound. 10,000 programs: mutants of the corpus's accepted
 * handlers (one or two instruction words changed: an immediate, a register, a condition, an opcode of
 * the same format) and handlers generated from a small C grammar. A counterexample is a verifier bug.
 */
import { describe, expect, it } from "vitest";
import { BY_OPCODE, INSTRUCTIONS } from "../../src/machine/isa";
import { build } from "../../src/toolchain/build";
import type { Image } from "../../src/toolchain/image";
import { DEFAULT_STACK_BYTES, formatReport, verify } from "../../src/verifier/verify";
import { runHandler } from "../support/handlerMachine";
import { buildCase, eventFeed, loadCorpus, rng } from "../support/verifierCorpus";

const CONTENT = new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff));
const FEEDS = [eventFeed(11, 12), eventFeed(12, 12)];

interface Tally {
  programs: number;
  accepted: number;
  problems: string[];
}

/** Runs an accepted image; records a counterexample if anything goes wrong. */
function exercise(image: Image, label: string, tally: Tally): void {
  tally.programs++;
  const report = verify(image);
  if (!report.accepted) return;
  tally.accepted++;
  for (let f = 0; f < FEEDS.length; f++) {
    const run = runHandler(image, FEEDS[f], {
      stackBytes: DEFAULT_STACK_BYTES,
      cycleBudget: report.cycles + 1,
      contentFile: CONTENT,
      eventAtPageEnd: f === 0,
    });
    const problem =
      run.problem ??
      (run.maxCycles > report.cycles ? `took ${run.maxCycles} cycles, bound ${report.cycles}` : undefined);
    if (problem && tally.problems.length < 5)
      tally.problems.push(`${label}: ${problem}\n${formatReport(report)}`);
    if (problem) return;
  }
}

const SAME_FORMAT = new Map<string, number[]>();
for (const i of INSTRUCTIONS) {
  const key = i.semantics.kind === "alu" ? `alu-${i.format}` : i.semantics.kind;
  SAME_FORMAT.set(key, [...(SAME_FORMAT.get(key) ?? []), i.opcode]);
}

/** One word of the text changed in one of the ways a slip of the pen or a bad compiler would. */
function mutate(image: Image, next: () => number): Image {
  const bytes = image.bytes.slice();
  const text = image.sections.find((s) => s.name === "text");
  if (!text) return image;
  const words = text.size >> 2;
  const changes = 1 + (next() % 2);
  for (let n = 0; n < changes; n++) {
    const at = text.start - image.base + 4 * (next() % words);
    let word = (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
    const info = BY_OPCODE[word >>> 24];
    switch (next() % 5) {
      case 0: // the immediate, a little
        word = ((word & 0xffff0000) | ((word + [1, -1, 4, -4, 2, 8][next() % 6]) & 0xffff)) >>> 0;
        break;
      case 1: // a register field
        word =
          ((word & ~(0xf << (12 + 4 * (next() % 3)))) | ((next() % 16) << (12 + 4 * (next() % 3)))) >>> 0;
        break;
      case 2: {
        // another opcode of the same kind (a condition, an ALU op, a width)
        if (!info) break;
        const key = info.semantics.kind === "alu" ? `alu-${info.format}` : info.semantics.kind;
        const options = SAME_FORMAT.get(key) ?? [info.opcode];
        word = (((options[next() % options.length] & 0xff) << 24) | (word & 0xffffff)) >>> 0;
        break;
      }
      case 3: // the immediate, anywhere
        word = ((word & 0xffff0000) | (next() & 0xffff)) >>> 0;
        break;
      default: // any word at all
        word = next() >>> 0;
    }
    bytes[at] = word & 0xff;
    bytes[at + 1] = (word >>> 8) & 0xff;
    bytes[at + 2] = (word >>> 16) & 0xff;
    bytes[at + 3] = word >>> 24;
  }
  return { ...image, bytes };
}

/** A handler from a small grammar: arrays, guarded and unguarded indexes, loops, division, calls. */
function generated(next: () => number): string {
  const pick = <T>(xs: T[]): T => xs[next() % xs.length];
  const size = pick([1, 4, 8, 16, 20, 21, 32]);
  const bound = size + pick([-1, 0, 0, 1]);
  const field = pick(["ev->kind", "ev->pid", "ev->name[3]", "ev->arg[60]", "rand()", "ticks()"]);
  const guard = pick([
    `i >= 0 && i < ${bound}`,
    `i < ${bound}`,
    `(unsigned)i < ${bound}u`,
    `i >= 0 && i <= ${bound}`,
    `i != ${bound}`,
    "1",
  ]);
  const loopEnd = pick([bound, size, 8, 100]);
  const loopOp = pick(["<", "<=", "!="]);
  const step = pick(["j++", "j += 2", "j += 4"]);
  const divisor = pick(["x", "x | 1", "7", "(x & 3) + 1", "size_or_zero"]);
  const body = pick([
    `t[j] = t[j] + 1;`,
    `s += t[j & ${Math.max(size - 1, 0)}];`,
    `if (j < ${size}) s += t[j];`,
    `c[j & 31] = ev->name[j & 31];`,
  ]);
  return `#include <ringlab.h>
int t[${size}];
char c[32];
int size_or_zero;
int pick(int i) { if (${guard}) return t[i]; return 0; }
int on_event(const struct event *ev) {
  int i = ${field};
  int x = ev->pid;
  int s = 0;
  int j;
  for (j = 0; j ${loopOp} ${loopEnd}; ${step}) { ${body} }
  if (${guard}) t[i] = s;
  if (x != 0) s += 1000 / ${divisor};
  return pick(i) + s;
}
`;
}

describe("soundness: accepted programs never misbehave in kernel mode", () => {
  it("holds for 8,500 mutants of the corpus's accepted handlers", { timeout: 600_000 }, () => {
    const tally: Tally = { programs: 0, accepted: 0, problems: [] };
    const bases = loadCorpus()
      .filter((c) => c.verdict === "accepted")
      .map((c) => ({ id: c.id, image: buildCase(c) }))
      .filter((b): b is { id: string; image: Image } => b.image !== undefined);
    const next = rng(20261203);
    for (let n = 0; n < 8500; n++) {
      const base = bases[n % bases.length];
      exercise(mutate(base.image, next), `mutant ${n} of ${base.id}`, tally);
    }
    expect(tally.problems).toEqual([]);
    expect(tally.programs).toBe(8500);
    // The test must exercise something: a good share of the mutants is still accepted and run.
    expect(tally.accepted).toBeGreaterThan(1000);
  });

  it("holds for 1,500 generated handlers", { timeout: 600_000 }, () => {
    const tally: Tally = { programs: 0, accepted: 0, problems: [] };
    const next = rng(4242);
    for (let n = 0; n < 1500; n++) {
      const source = generated(next);
      const { image } = build("generated.c", source);
      expect(image, source).toBeDefined();
      if (image) exercise(image, `generated ${n}:\n${source}`, tally);
    }
    expect(tally.problems).toEqual([]);
    expect(tally.accepted).toBeGreaterThan(100);
    expect(tally.accepted).toBeLessThan(1500);
  });
});
