/**
 * Driver C figures: how long a 1,000-line source takes to compile, and how fast the generated code
 * is against the same algorithm written by hand in assembly (goal: within 3x), and checked against
 * unchecked. Code speed is counted in machine cycles, which are deterministic, so those ratios do not
 * depend on the host at all.
 */
import { assemble } from "../src/toolchain/asm";
import { compile } from "../src/toolchain/c/index";
import type { Image } from "../src/toolchain/image";
import { runProgram } from "../test/support/bareHost";
import { best, COLD_RUNS, type ColdCompile, coldCompileInFreshProcess, thousandLines } from "./compileCold";
import { type Figure, figure } from "./figure";

/** Fresh processes the cold compile figure is the median of. */
const COLD_PROCESSES = 5;
/** For the warmed-up compile figure: compiles before timing, then timed runs. */
const WARM_UPS = 20;
const WARM_RUNS = 10;

const CHECKSUM_C = `
unsigned char data[4096];
int main(void) {
    unsigned h = 2166136261u;
    int i, pass;
    for (i = 0; i < 4096; i++) data[i] = (unsigned char)(i * 7);
    for (pass = 0; pass < 4; pass++)
        for (i = 0; i < 4096; i++) {
            h ^= data[i];
            h *= 16777619u;
        }
    return (int)(h & 0x7fffffff);
}`;

const CHECKSUM_S = `
    .text
_start:
    la    t0, data
    li    t1, 0
    li    t2, 4096
.fill:
    li    t3, 7
    mul   t3, t1, t3
    add   t4, t0, t1
    stb   t3, [t4]
    addi  t1, t1, 1
    blt   t1, t2, .fill
    li    a0, 2166136261
    li    s0, 16777619
    li    s1, 4
    add   t2, t0, t2
.pass:
    mov   t1, t0
.byte:
    ldbu  t4, [t1]
    xor   a0, a0, t4
    mul   a0, a0, s0
    addi  t1, t1, 1
    bltu  t1, t2, .byte
    addi  s1, s1, -1
    bnez  s1, .pass
    li    t4, 0x7fffffff
    and   a0, a0, t4
    call  exit
    .kapi exit
    .data
data:
    .zero 4096
`;

const SEARCH_C = `
char text[2000];
char pattern[] = "abcab";
int main(void) {
    int i, j, count = 0;
    for (i = 0; i < 2000; i++) text[i] = 'a' + (i * 5 + i / 3) % 3;
    for (i = 0; i + 5 <= 2000; i++) {
        for (j = 0; j < 5; j++)
            if (text[i + j] != pattern[j]) break;
        if (j == 5) count++;
    }
    return count;
}`;

const SEARCH_S = `
    .text
_start:
    la    t0, text
    li    t1, 0
    li    t2, 2000
    li    t4, 3
.fill:
    add   t3, t1, t1
    add   t3, t3, t3
    add   t3, t3, t1
    div   a1, t1, t4
    add   t3, t3, a1
    rem   t3, t3, t4
    addi  t3, t3, 97
    add   a1, t0, t1
    stb   t3, [a1]
    addi  t1, t1, 1
    blt   t1, t2, .fill
    li    a0, 0
    la    a2, pattern
    mov   t1, t0
    addi  t2, t0, 1996
.at:
    li    t3, 0
.char:
    add   a1, t1, t3
    ldb   t4, [a1]
    add   a1, a2, t3
    ldb   a3, [a1]
    bne   t4, a3, .next
    addi  t3, t3, 1
    li    a1, 5
    blt   t3, a1, .char
    addi  a0, a0, 1
.next:
    addi  t1, t1, 1
    bge   t2, t1, .at
    call  exit
    .kapi exit
    .data
text:
    .zero 2000
pattern:
    .asciz "abcab"
`;

const SORT_C = `
int a[400];
int main(void) {
    unsigned x = 1;
    int i, j;
    for (i = 0; i < 400; i++) {
        x = x * 1103515245u + 12345u;
        a[i] = (x >> 16) & 0x7fff;
    }
    for (i = 1; i < 400; i++) {
        int v = a[i];
        for (j = i - 1; j >= 0 && a[j] > v; j--) a[j + 1] = a[j];
        a[j + 1] = v;
    }
    return a[0] ^ a[199] ^ a[399];
}`;

const SORT_S = `
    .text
_start:
    la    s0, a
    li    t0, 1
    li    t1, 1103515245
    li    t2, 0
    li    t3, 400
.gen:
    mul   t0, t0, t1
    li    t4, 12345
    add   t0, t0, t4
    shri  t4, t0, 16
    andi  t4, t4, 0x7fff
    shli  a1, t2, 2
    add   a1, s0, a1
    stw   t4, [a1]
    addi  t2, t2, 1
    blt   t2, t3, .gen
    li    t2, 1
.outer:
    shli  a1, t2, 2
    add   a1, s0, a1
    ldw   t4, [a1]
.inner:
    beq   a1, s0, .place
    ldw   a2, [a1 - 4]
    bge   t4, a2, .place
    stw   a2, [a1]
    addi  a1, a1, -4
    j     .inner
.place:
    stw   t4, [a1]
    addi  t2, t2, 1
    blt   t2, t3, .outer
    ldw   a0, [s0]
    ldw   a1, [s0 + 796]
    xor   a0, a0, a1
    ldw   a1, [s0 + 1596]
    xor   a0, a0, a1
    call  exit
    .kapi exit
    .data
a:
    .zero 1600
`;

function cImage(source: string, checked: boolean): Image {
  const result = compile(source, { file: "bench.c", checked, base: 0x1000 });
  if (!result.image) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.image;
}

function asmImage(source: string): Image {
  const result = assemble(source, { file: "bench.s", base: 0x1000 });
  if (!result.image) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.image;
}

function cycles(image: Image, expectedExit?: number): { cycles: number; exit: number } {
  const run = runProgram(image, { mode: "user", maxCycles: 100_000_000 });
  if (run.exitCode === undefined || (expectedExit !== undefined && run.exitCode !== expectedExit)) {
    throw new Error(`the benchmark program did not finish as expected (exit ${run.exitCode})`);
  }
  return { cycles: run.cycles, exit: run.exitCode };
}

export function compilerBenchmarks(): Figure[] {
  const figures: Figure[] = [];
  // Cold: each in a process of its own, where nothing has compiled before; the median of them.
  const colds = Array.from({ length: COLD_PROCESSES }, coldCompileInFreshProcess);
  const median = (pick: (c: ColdCompile) => number): number =>
    colds.map(pick).sort((a, b) => a - b)[Math.floor(COLD_PROCESSES / 2)]!;
  figures.push(
    figure(
      "cc: compile 1,000 lines",
      median((c) => c.best),
      "ms",
      median((c) => c.assembling),
      `best of ${COLD_RUNS} after 2 warm-ups in a fresh process, median of ${COLD_PROCESSES} processes; baseline: assembling the generated assembly alone; goal under 50 ms`,
    ),
    figure(
      "cc: compile 1,000 lines, first",
      median((c) => c.first),
      "ms",
      median((c) => c.best),
      `the first compile in a fresh process (the page's first build), median of ${COLD_PROCESSES}; baseline: the cold figure above`,
    ),
  );
  const source = thousandLines();
  const assembly = compile(source).assembly;
  // A learner recompiles on every edit, so the compiler soon runs JIT-optimised: measure that too.
  for (let i = 0; i < WARM_UPS; i++) compile(source);
  const warmTotal = best(() => compile(source), WARM_RUNS);
  const warmAssembling = best(() => assemble(assembly), WARM_RUNS);
  figures.push(
    figure(
      "cc: compile 1,000 lines, warmed up",
      warmTotal,
      "ms",
      warmAssembling,
      `best of ${WARM_RUNS} after ${WARM_UPS} compiles; baseline: assembling alone, likewise; goal under 50 ms`,
    ),
  );
  for (const [name, c, s] of [
    ["checksum", CHECKSUM_C, CHECKSUM_S],
    ["string search", SEARCH_C, SEARCH_S],
    ["insertion sort", SORT_C, SORT_S],
  ] as const) {
    const hand = cycles(asmImage(s));
    const unchecked = cycles(cImage(c, false), hand.exit);
    const checked = cycles(cImage(c, true), hand.exit);
    figures.push(
      figure(
        `cc: ${name}, C vs hand-written assembly`,
        unchecked.cycles,
        "cycles",
        hand.cycles,
        "goal: ratio under 3",
      ),
    );
    figures.push(figure(`cc: ${name}, checked vs unchecked`, checked.cycles, "cycles", unchecked.cycles));
  }
  return figures;
}
