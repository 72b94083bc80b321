/**
 * The app's state: what the views draw, as plain data. The machine's hot state (registers, memory)
 * is not copied here; views read it from the kernel when they draw. This tree holds the state around
 * it: the scenario, the editor, the run controls, and summaries of the kernel's bookkeeping refreshed
 * a few times a second.
 */
import type { KernelState } from "../kernel/kernel";
import type { DriverMode } from "../kernel/kernelLog";
import type { Diagnostic } from "../shared/diagnostic";
import type { LessonSlice } from "./lesson";
import type { SideBySideSlice } from "./sideBySideState";
import type { TimelineEntry } from "./timeline";

export type Route = "start" | "workbench" | "side-by-side" | "fleet";
/** The mode the open file was last loaded in: kernel, user or verified (each a mode of its own). */
export type LoadMode = DriverMode;

/** Machine time runs at `speed` machine seconds per real second. */
export const SPEEDS = [0.25, 1, 4, 16, 64] as const;

export interface Scenario {
  seed: number;
  /** Files the learner wrote or changed, put on the disk of every new machine (path -> text). */
  files: Record<string, string>;
}

export interface EditorSlice {
  /** The file open in the editor. */
  path: string;
  /** Its text as edited (saved or not). */
  text: string;
  /** True when `text` differs from the file on the machine's disk. */
  dirty: boolean;
  mode: LoadMode;
  checked: boolean;
  diagnostics: Diagnostic[];
  /** "ok", "errors", or "not code" for files that are not built (configuration files). */
  build: "ok" | "errors" | "not code";
}

export interface RunSlice {
  status: "running" | "paused";
  speed: number;
  /** Set while the machine could not keep up with the speed asked for: the speed reached. */
  achievedSpeed: number | null;
}

export interface BugcheckView {
  stopCode: string;
  code: number;
  parameters: number[];
  module: string | null;
  message: string;
  source: string | null;
  explanation: string;
  duringBoot: boolean;
}

/** The last fault, to highlight in the memory map and the CPU view. */
export interface FaultView {
  /** The address the faulting access referred to (virtual). */
  address: number;
  access: "read" | "write" | "execute" | null;
  /** The physical frame behind `address` in the faulting address space, or null when not mapped. */
  frame: number | null;
  pc: number;
  /** "null-driver.sys (pid 4)" */
  who: string;
  /** The ring the faulting code ran in: a kernel fault is a bugcheck, a user fault a killed process. */
  ring: "kernel" | "user";
  message: string;
  source: string | null;
}

export interface MachineSlice {
  /** Increases when a new machine replaces the old one (reset, shared link): views start over. */
  generation: number;
  state: KernelState;
  bootNumber: number;
  safeMode: boolean;
  bugcheck: BugcheckView | null;
  fault: FaultView | null;
  /** Seconds left before the bluescreen restarts the machine by itself (null: no countdown). */
  rebootIn: number | null;
}

export interface ClockSlice {
  tick: number;
  cycles: number;
  instructions: number;
}

export interface ProcessRow {
  pid: number;
  name: string;
  ring: "kernel" | "user";
  role: "program" | "driver" | "shell";
  state: string;
  cycles: number;
  status: string | null;
}

export interface DriverRow {
  name: string;
  path: string;
  mode: DriverMode;
  state: string;
  crashes: number;
  restarts: number;
  boot: boolean;
  pid: number | null;
  lastMessage: string | null;
}

export interface DiskEntry {
  path: string;
  size: number;
}

export interface Notice {
  kind: "error" | "info";
  text: string;
}

export interface Announcement {
  id: number;
  text: string;
  /** Bugchecks interrupt (assertive); kills and restarts wait their turn (polite). */
  urgent: boolean;
}

/** Where the CPU stopped after a step, and why, for the controls' status line. */
export interface StepReport {
  text: string;
}

export interface AppState {
  route: Route;
  presenter: boolean;
  notice: Notice | null;
  announcements: Announcement[];
  scenario: Scenario;
  editor: EditorSlice;
  run: RunSlice;
  machine: MachineSlice;
  clock: ClockSlice;
  processes: ProcessRow[];
  drivers: DriverRow[];
  disk: DiskEntry[];
  timeline: TimelineEntry[];
  step: StepReport | null;
  sideBySide: SideBySideSlice;
  /** Filled by the lesson panel (issue 6); the app only keeps the slot. */
  lesson: LessonSlice;
  /** Time travel and crash analysis (timeTravel.ts). */
  travel: TravelSlice;
}

export interface TravelSlice {
  /** Machine time since power-on now, where the history window starts, and the end recorded, in cycles. */
  now: number;
  start: number;
  end: number;
  /** At the end of what was recorded: running on records new history. */
  atEnd: boolean;
  /** The latest crash (bugcheck or process fault) to go back to, by its time; null when none. */
  crash: number | null;
  /** Where pc is now, in source ("sensor.c:123"), when known. */
  where: string | null;
  /** What the last move did, or why it could not. */
  message: string | null;
  /** The crash analysis as text, when asked for. */
  analysis: string | null;
}

export const NO_TRAVEL: TravelSlice = {
  now: 0,
  start: 0,
  end: 0,
  atEnd: true,
  crash: null,
  where: null,
  message: null,
  analysis: null,
};

export const DEFAULT_SEED = 1;
export const DEFAULT_FILE = "/drivers/null-driver.c";
