/**
 * The verifier's one entry point: verify(image) decides whether a driver may run in ring 0 with no
 * run-time checks. It reads the linked image as the toolchain made it (before relocation, before the
 * kernel rewrites `sys` to `hcall`) and runs the pipeline of this folder:
 *
 *   decode.ts -> cfg.ts -> assertions.ts -> analysis.ts (transfer.ts over domain.ts) -> checker.ts -> report.ts
 *
 * It never throws and never reads the clock: the same image gives the same report (the CLI and the
 * app time it themselves).
 */
import { REG } from "../machine/isa";
import type { Image } from "../toolchain/image";
import { Analysis, type AnalysisOptions, Rejection } from "./analysis";
import { decodeImage, type Program } from "./decode";
import { KIND, makeValue, type State, UNINIT, type Value, ZERO } from "./domain";
import { failureMessage, type VerifierReport } from "./report";

export type { VerifierMessage, VerifierReport } from "./report";
export { formatReport } from "./report";

/**
 * The driver's kernel stack is 16 KiB (KERNEL_STACK_BYTES in src/kernel/layout.ts); a handler may use
 * half of it, the rest is the kernel's own, for the call into the handler and its services.
 */
export const DEFAULT_STACK_BYTES = 8 * 1024;
/**
 * The DPC watchdog bugchecks a kernel thread that runs 200 ticks of 10,000 cycles without yielding
 * (src/kernel: watchdogTicks, CYCLES_PER_TICK): 2,000,000 cycles. One call may take at most a tenth of
 * that, so that even a burst of events cannot come near it. test/verifier checks these against the kernel.
 */
export const DEFAULT_MAX_CYCLES = 200_000;
/** Linux's verifier gives up after one million processed instructions; so does this one. */
export const DEFAULT_MAX_PROCESSED = 1_000_000;

export interface VerifyOptions {
  stackBytes?: number;
  maxCycles?: number;
  maxProcessed?: number;
  /** Keep the per-instruction log. */
  log?: boolean;
}

export function verify(image: Image, options: VerifyOptions = {}): VerifierReport {
  const settings: AnalysisOptions = {
    stackBytes: options.stackBytes ?? DEFAULT_STACK_BYTES,
    maxCycles: options.maxCycles ?? DEFAULT_MAX_CYCLES,
    maxProcessed: options.maxProcessed ?? DEFAULT_MAX_PROCESSED,
    log: options.log ?? false,
  };
  let program: Program | undefined;
  const report: VerifierReport = {
    accepted: false,
    instructions: 0,
    states: 0,
    loops: 0,
    cycles: 0,
    stack: 0,
    messages: [],
  };
  const analyses: Analysis[] = [];
  try {
    program = decodeImage(image);
    const byName = new Map([...program.functions.values()].map((f) => [f.name, f]));
    const onEvent = byName.get("on_event");
    if (!onEvent) {
      report.messages.push({
        file: image.debug?.functions[0]?.file ?? image.sourceMap[0]?.file ?? "?",
        line: 1,
        col: 1,
        message:
          "a verified driver is an event handler, and this one has no on_event: a loop that waits for events forever can never be proved to end",
        suggestion:
          "define `int on_event(const struct event *ev)`, which the kernel calls once per event; return 0 to allow it",
      });
      return report;
    }
    const entries = [{ fn: onEvent, onLoad: false }];
    const onLoad = byName.get("on_load");
    if (onLoad) entries.push({ fn: onLoad, onLoad: true });
    for (const entry of entries) {
      const analysis = new Analysis(program, settings, entry.onLoad);
      analyses.push(analysis);
      const result = analysis.analyseFunction(entry.fn, entryState(!entry.onLoad), 0, [entry.fn.start]);
      if (!result.exit)
        throw new Rejection({
          address: entry.fn.start,
          message: `${entry.fn.name} never returns on any path`,
        });
      if (result.cycles > settings.maxCycles)
        throw new Rejection({
          address: entry.fn.start,
          message: `one call of ${entry.fn.name} may take up to ${Math.round(result.cycles).toLocaleString("en-US")} cycles, more than the ${settings.maxCycles.toLocaleString("en-US")} a handler may use before the kernel's watchdog must step in`,
          suggestion: "use smaller loop bounds",
        });
      if (!entry.onLoad) {
        report.cycles = Math.ceil(result.cycles);
        report.stack = -result.exit.stackLow;
      }
    }
    report.accepted = true;
  } catch (e) {
    if (e instanceof Rejection && program) report.messages.push(failureMessage(program, e.failure));
    else
      report.messages.push({
        file: "?",
        line: 0,
        col: 0,
        message: `internal verifier error (the driver is refused to be safe): ${e instanceof Error ? e.message : String(e)}`,
      });
  }
  for (const a of analyses) {
    report.states += a.processed;
    report.loops += a.loopsBounded;
  }
  report.instructions = program ? instructionsReached(program, analyses) : 0;
  if (settings.log) report.log = analyses.flatMap((a) => a.log);
  return report;
}

/** Distinct instructions that any of the analyses reached. */
function instructionsReached(program: Program, analyses: Analysis[]): number {
  let count = 0;
  for (let i = 0; i < program.instructions.length; i++) {
    for (const a of analyses)
      if (a.reached[i] === 1) {
        count++;
        break;
      }
  }
  return count;
}

/** The state at a handler's entry: a0 the event (on_event), sp the top of its stack, callee-saved kept. */
function entryState(withEvent: boolean): State {
  const regs: Value[] = new Array(16).fill(UNINIT);
  regs[REG.ZERO] = ZERO;
  if (withEvent) regs[REG.A0] = makeValue(KIND.EVENT, 0, 0);
  for (const r of [REG.S0, REG.S1, REG.S2, REG.FP]) regs[r] = makeValue(KIND.ENTRY, 0, 0, undefined, r);
  regs[REG.SP] = makeValue(KIND.STACK, 0, 0);
  regs[REG.LR] = makeValue(KIND.RETURN, 0, 0, undefined, 0);
  return { regs, stack: new Map(), event: new Map(), stackLow: 0 };
}
