/**
 * The side-by-side demo's slice of the app state: three machines (one per load mode), one scenario,
 * one summary, and which of the three the page shows.
 */
import type { KernelState } from "../kernel/kernel";
import type { DriverMode } from "../kernel/kernelLog";
import type { VerifierMessage } from "../verifier/report";
import type { BlastRadius } from "./blastRadius";
import type { BugcheckView, DriverRow, ProcessRow } from "./state";
import type { TimelineEntry } from "./timeline";

/** The modes in the order the page shows them: the contrast reads left to right. */
export const SIDE_MODES = ["kernel", "user", "verified"] as const satisfies readonly DriverMode[];

/** One of the verifier's findings, with the text of the C line it names, to show beside it. */
export interface VerifierFinding extends VerifierMessage {
  /** The line as written in the driver's file, trimmed; null when the file has no such line. */
  code: string | null;
}

/** The verifier's report on the driver, as the kernel recorded it (verified mode only). */
export interface VerifierView {
  accepted: boolean;
  /** "verified: 64 instructions, 1 loop bounded, 428 states", or the root cause in a few lines. */
  message: string;
  /** The root cause: the C line, the reason, the branches on the way, a suggestion. */
  messages: VerifierFinding[];
  instructions: number;
  states: number;
  loops: number;
}

/** The verdicts a handler driver gave (0 allows an event, non-zero blocks it), its failure policy's included. */
export interface VerdictCounts {
  allowed: number;
  blocked: number;
}

export interface SideView {
  mode: DriverMode;
  state: KernelState;
  bootNumber: number;
  bugcheck: BugcheckView | null;
  /** Seconds of scenario time before the bluescreen restarts the machine, while it shows. */
  rebootIn: number | null;
  processes: ProcessRow[];
  drivers: DriverRow[];
  /** The newest timeline entries of this machine, oldest first (allowed verdicts are only counted). */
  timeline: TimelineEntry[];
  summary: BlastRadius;
  /** Null until the verifier has looked at the driver, and always in kernel and user mode. */
  verifier: VerifierView | null;
  verdicts: VerdictCounts;
}

export interface SideBySideSlice {
  status: "idle" | "running" | "done";
  /** Increases with each new run: views start over. */
  generation: number;
  driver: string;
  seed: number;
  /** Scenario seconds elapsed and in all. */
  elapsed: number;
  duration: number;
  /** When the driver is loaded into the machines, in scenario seconds. */
  loadAt: number;
  kernel: SideView | null;
  user: SideView | null;
  verified: SideView | null;
  /** The modes the page shows, in SIDE_MODES order, never none: all three run whichever are shown. */
  columns: DriverMode[];
}

/**
 * The drivers the demo offers, the first by default: null-driver's bug written as a handler, because
 * it shows all three outcomes of one bug (a bluescreen, a restarted process, a refusal at its line).
 */
export const SIDE_BY_SIDE_DRIVERS = [
  { path: "/drivers/null-handler.c", label: "null-handler.c: a null pointer (a handler)" },
  { path: "/drivers/null-driver.c", label: "null-driver.c: the same bug in a main loop" },
  { path: "/drivers/guard.c", label: "guard.c: a correct handler" },
  { path: "/drivers/spin.c", label: "spin.c: an infinite loop" },
] as const;
