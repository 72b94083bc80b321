/**
 * One fuzz run and what it must show. A fresh machine boots with a bystander program (a sleeper whose
 * data holds a secret), the generated driver is loaded in the given ring, and the machine runs for
 * RUN_CYCLES. Then:
 *   user mode:   no bugcheck; the bystander is alive, still gets the processor, and every frame it
 *                owns is unchanged (by hash), and so are the kernel's page tables and text;
 *                the page tables are sound (every user page maps a frame its process owns, no kernel
 *                entry carries USER);
 *   kernel mode: the machine still runs, or it bugchecked with one of the kernel's stop codes; and when
 *                the pc that stopped it is inside the driver's image, the bugcheck names the driver
 *                (unless it reports corruption the kernel found in its own structures, which names
 *                no module by design); it never stops without a stop code (`halt` with interrupts
 *                off ends in CLOCK_WATCHDOG_TIMEOUT), and a power-off (`out POWER`, which ring 0 may
 *                do) names the driver; a machine still running but frozen (no timer tick handled:
 *                interrupts off, the timer stopped or masked) is run on until the watchdog must have
 *                fired, and must then have bugchecked.
 * In both, no host exception and no host hang (a run over HANG_MS of host time is one).
 *
 * The campaign's size comes from RINGLAB_FUZZ_PER_MODE (2,000 in `npm test`; `npm run fuzz` sets
 * 100,000). Kernel reads go through test/support/kernelProbe.ts.
 */
import {
  boot,
  cyclesRun,
  driver,
  framesHash,
  isAlive,
  isKnownStopCode,
  kernelPagesHash,
  loadDriver,
  lockupTicks,
  outcome,
  pageTableProblems,
  processes,
  run,
  startProgram,
  TICK_CYCLES,
  ticksHandled,
} from "../support/kernelProbe";
import { assembly, generate, KNOWN_PATH, type ProgramKind, type Ring } from "./fuzzPrograms";

export const RUN_CYCLES = 100_000;
export const HANG_MS = 10_000;

export const PER_MODE = Number(process.env.RINGLAB_FUZZ_PER_MODE ?? 2000);
/** How the programs of a mode split among the kinds. */
export const SHARE: Record<ProgramKind, number> = { words: 0.35, instructions: 0.35, syscalls: 0.3 };
/** Programs per test case: small batches keep each case short and the failures precise. */
export const BATCH = Number(process.env.RINGLAB_FUZZ_BATCH ?? 100);

const BYSTANDER = `.kapi sleep
.text
main:
  li a0, 3
  call sleep
  j main
.data
secret: .word 0x5ec2e75, 0x5ec2e75, 0x5ec2e75, 0x5ec2e75
`;

/** Events every 3,000 cycles from the driver's load, so that next_event has something to copy out. */
const EVENTS = Array.from({ length: 40 }, (_, i) => ({
  at: 2_000 + i * 3_000,
  kind: 1 + (i % 6),
  pid: 100 + i,
  name: "fuzz.exe",
  arg: "x".repeat(i),
}));

/** What a run showed, beyond pass or fail, for the campaign's figures. */
export type Ending =
  | "running"
  | "bugcheck"
  | "bugcheck-unnamed" // kernel mode: the pc was in the driver's image, the bugcheck named no driver
  | "halt" // kernel mode: `halt` with interrupts off stopped the machine without a stop code
  | "power-off" // kernel mode: the driver turned the machine off with `out POWER`, and was named
  | "power-off-unnamed"; // kernel mode: the machine was turned off and no driver was named

export interface RunResult {
  seed: number;
  ending: Ending;
  stopCode?: string;
  /** For a bugcheck: the module it names and the pc that stopped the machine. */
  detail?: string;
  /** Violations of the properties above (empty when the run passed). */
  problems: string[];
  hostMs: number;
}

export function fuzzOne(kind: ProgramKind, ring: Ring, seed: number): RunResult {
  const started = performance.now();
  const source = assembly(generate(kind, ring, seed));
  const problems: string[] = [];
  let ending: Ending = "running";
  let stopCode: string | undefined;
  let detail: string | undefined;
  try {
    const kernel = boot({ [KNOWN_PATH]: BYSTANDER, "/drivers/fuzz.s": source }, { events: EVENTS });
    const bystander = startProgram(kernel, KNOWN_PATH);
    if (bystander === undefined) throw new Error("the bystander did not start");
    const owner = processes(kernel).find((p) => p.pid === bystander)?.owner ?? "";
    run(kernel, 5_000);
    const before = framesHash(kernel, owner);
    const bystanderCycles = cyclesRun(kernel, bystander);
    const kernelPages = kernelPagesHash(kernel);
    const name = loadDriver(kernel, "/drivers/fuzz.s", ring);
    run(kernel, RUN_CYCLES);
    if (ring === "kernel" && outcome(kernel).state === "running") {
      // Frozen? Then the watchdog no mask stops must end it: run on past its limit.
      const ticks = ticksHandled(kernel);
      run(kernel, 3 * TICK_CYCLES);
      if (ticksHandled(kernel) === ticks) {
        // Two stages: the watchdog's trap, and if the trap path is broken too, its stop a period later.
        run(kernel, (2 * (lockupTicks(kernel) ?? 0) + 2) * TICK_CYCLES);
        if (outcome(kernel).state === "running") problems.push("frozen, and the watchdog never fired");
      }
    }
    const end = outcome(kernel);
    stopCode = end.stopCode;
    if (end.state === "bugcheck")
      detail = `module ${end.module ?? "none"}, pc 0x${(end.pc ?? 0).toString(16)}`;
    if (end.state === "bugcheck") ending = "bugcheck";
    else if (end.state === "off")
      ending = end.stop === "halt" ? "halt" : end.module === name ? "power-off" : "power-off-unnamed";
    if (ring === "user") {
      if (end.state !== "running")
        problems.push(`user mode ended the machine: ${end.state} ${end.stopCode ?? ""}`);
      if (!isAlive(kernel, bystander)) problems.push("the bystander died");
      else if (framesHash(kernel, owner) !== before) problems.push("the bystander's memory changed");
      else if (cyclesRun(kernel, bystander) <= bystanderCycles)
        problems.push("the bystander never ran again");
      problems.push(...pageTableProblems(kernel));
      if (kernelPagesHash(kernel) !== kernelPages) problems.push("the kernel's page tables or text changed");
    } else if (end.state === "bugcheck") {
      if (!isKnownStopCode(end.stopCode, end.code))
        problems.push(
          `a bugcheck without a known stop code: ${end.stopCode} 0x${(end.code ?? 0).toString(16)}`,
        );
      const image = driver(kernel, name)?.image;
      const inImage = image && end.pc !== undefined && end.pc >= image.start && end.pc < image.end;
      if (inImage && !foundCorruption(end.stopCode, end.parameters) && end.module !== name)
        ending = "bugcheck-unnamed";
    } else if (end.state !== "running" && end.state !== "off") problems.push(`the kernel is ${end.state}`);
  } catch (e) {
    problems.push(`host exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  const hostMs = performance.now() - started;
  if (hostMs > HANG_MS) problems.push(`took ${Math.round(hostMs)} ms of host time`);
  return { seed, ending, stopCode, detail, problems, hostMs };
}

/**
 * Stop codes for corruption the kernel found in its own structures (docs/kernel.md, Bugcheck): the
 * code running then is not the culprit, so by design they name no module, wherever the pc is.
 */
function foundCorruption(stopCode: string | undefined, parameters: number[] | undefined): boolean {
  if (stopCode === "BAD_POOL_HEADER" || stopCode === "CRITICAL_STRUCTURE_CORRUPTION") return true;
  return stopCode === "KERNEL_SECURITY_CHECK_FAILURE" && parameters?.[0] === 3;
}

/** The seeds of one batch: a fixed function of ring, kind and batch number. */
export function seedsOf(ring: Ring, kind: ProgramKind, batch: number, count: number): number[] {
  const base =
    (ring === "user" ? 0x1000_0000 : 0x2000_0000) +
    { words: 0, instructions: 1, syscalls: 2 }[kind] * 0x0400_0000;
  return Array.from({ length: count }, (_, i) => base + batch * BATCH + i);
}

/** The batches of a ring: [kind, batch number, programs in it], PER_MODE programs in all. */
export function batchesOf(): [ProgramKind, number, number][] {
  const batches: [ProgramKind, number, number][] = [];
  const kinds = Object.keys(SHARE) as ProgramKind[];
  let left = PER_MODE;
  kinds.forEach((kind, k) => {
    let count = k === kinds.length - 1 ? left : Math.round(PER_MODE * SHARE[kind]);
    left -= count;
    for (let batch = 0; count > 0; batch++, count -= BATCH)
      batches.push([kind, batch, Math.min(BATCH, count)]);
  });
  return batches;
}

/** Running totals for the figures printed at the end of a campaign. */
export class Tally {
  runs = 0;
  readonly endings = new Map<string, number>();
  readonly stopCodes = new Map<string, number>();
  slowestMs = 0;
  totalMs = 0;
  /** Seeds of the runs that ended in the ways issue 10 says must not happen (items 3 and 4): stopped
   * without a stop code or an unnamed power-off, and bugchecks that do not name the driver. */
  readonly off: string[] = [];
  readonly unnamed: string[] = [];

  add(r: RunResult): void {
    this.runs++;
    this.endings.set(r.ending, (this.endings.get(r.ending) ?? 0) + 1);
    if (r.stopCode) this.stopCodes.set(r.stopCode, (this.stopCodes.get(r.stopCode) ?? 0) + 1);
    this.slowestMs = Math.max(this.slowestMs, r.hostMs);
    this.totalMs += r.hostMs;
    if (r.ending === "halt" || r.ending === "power-off-unnamed") this.off.push(`${r.seed} (${r.ending})`);
    if (r.ending === "bugcheck-unnamed") this.unnamed.push(`${r.seed} (${r.stopCode}, ${r.detail})`);
  }

  /** One line: programs so far and how they ended. */
  progress(ring: Ring): string {
    const endings = [...this.endings].map(([k, v]) => `${k} ${v}`).join(", ");
    return `fuzz ${ring} mode: ${this.runs} programs so far (${endings}), ${Math.round(this.totalMs / 1000)} s`;
  }

  summary(ring: Ring): string {
    const list = (m: Map<string, number>) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
    return [
      `fuzz ${ring} mode: ${this.runs} programs, ${Math.round(this.totalMs / 1000)} s of host time, slowest ${Math.round(this.slowestMs)} ms`,
      `  endings: ${list(this.endings)}`,
      `  stop codes: ${list(this.stopCodes) || "none"}`,
    ].join("\n");
  }
}
