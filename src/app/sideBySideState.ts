/** The side-by-side demo's slice of the app state: two machines, one scenario, one summary. */
import type { KernelState } from "../kernel/kernel";
import type { BlastRadius } from "./blastRadius";
import type { BugcheckView, DriverRow, LoadMode, ProcessRow } from "./state";
import type { TimelineEntry } from "./timeline";

export interface SideView {
  mode: LoadMode;
  state: KernelState;
  bootNumber: number;
  bugcheck: BugcheckView | null;
  /** Seconds of scenario time before the bluescreen restarts the machine, while it shows. */
  rebootIn: number | null;
  processes: ProcessRow[];
  drivers: DriverRow[];
  /** The newest timeline entries of this machine, oldest first. */
  timeline: TimelineEntry[];
  summary: BlastRadius;
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
  /** When the driver is loaded into both machines, in scenario seconds. */
  loadAt: number;
  kernel: SideView | null;
  user: SideView | null;
}

export const SIDE_BY_SIDE_DRIVERS = [
  { path: "/drivers/null-driver.c", label: "null-driver.c: a null pointer on the first pipe event" },
  { path: "/drivers/spin.c", label: "spin.c: an infinite loop" },
] as const;
