/**
 * The blast radius of one fault: what it cost the machine around the faulting driver. A tracker
 * listens to one machine's events (stamped with scenario time, which keeps counting through a
 * reboot) and keeps the damage: processes lost, unsaved transactions lost, how long the machine was
 * down, how long the driver was out of service, reboots and restarts. A driver the verifier refused
 * never ran: its outcome says so, and it cost nothing.
 */
import type { Kernel } from "../kernel/kernel";
import type { DriverMode, KernelEvent } from "../kernel/kernelLog";
import { CYCLES_PER_SECOND } from "../kernel/layout";

export interface LostProcess {
  pid: number;
  name: string;
  /** What ended it: the bugcheck took everything, a user fault took one process. */
  cause: "bugcheck" | "fault";
}

export interface BlastRadius {
  mode: DriverMode;
  /** The worst thing that happened; "refused": the verifier kept the driver out, so it never ran. */
  outcome: "bugcheck" | "process-fault" | "refused" | "none";
  stopCode: string | null;
  module: string | null;
  processesLost: LostProcess[];
  unsavedTransactionsLost: number;
  /** Seconds the whole machine was out of service (from the bugcheck until it booted again). */
  downtimeSeconds: number;
  /** True when the machine is still down at the time of the summary. */
  stillDown: boolean;
  /** Seconds the driver itself was out of service (crash to restart, or to now). */
  driverDowntimeSeconds: number;
  machineReboots: number;
  driverCrashes: number;
  driverRestarts: number;
  /** Requests that completed with DRIVER_PROCESS_TERMINATED instead of hanging. */
  requestsFailed: number;
  /** True when the kernel stopped restarting the driver. */
  gaveUp: boolean;
}

export class BlastRadiusTracker {
  private lost: LostProcess[] = [];
  private outcome: BlastRadius["outcome"] = "none";
  private stopCode: string | null = null;
  private module: string | null = null;
  private downSince: number | null = null;
  private downtime = 0;
  private driverDownSince: number | null = null;
  private driverDowntime = 0;
  private reboots = 0;
  private crashes = 0;
  private restarts = 0;
  private requestsFailed = 0;
  private gaveUp = false;
  /** When the machine first bugchecked: a kernel-mode driver is out of service from then on. */
  private crashedAt: number | null = null;

  constructor(
    readonly mode: DriverMode,
    private readonly driver: string,
  ) {}

  /** One event of the machine, at `at` cycles of scenario time. */
  observe(k: Kernel, event: KernelEvent, at: number): void {
    switch (event.kind) {
      case "bugcheck":
        this.outcome = "bugcheck";
        this.stopCode ??= event.stopCode;
        this.module ??= event.module;
        for (const p of k.processes.values()) this.lost.push({ pid: p.pid, name: p.name, cause: "bugcheck" });
        if (event.module === this.driver) this.crashes++;
        this.downSince ??= at;
        this.crashedAt ??= at;
        break;
      case "boot":
        if (event.bootNumber > 1) this.reboots++;
        break;
      case "boot-complete":
        if (this.downSince !== null) {
          this.downtime += at - this.downSince;
          this.downSince = null;
        }
        break;
      case "process-fault":
        if (this.outcome === "none") this.outcome = "process-fault";
        this.lost.push({ pid: event.pid, name: event.name, cause: "fault" });
        break;
      case "process-killed":
        this.lost.push({ pid: event.pid, name: event.name, cause: "fault" });
        break;
      case "driver-crash":
        if (event.driver !== this.driver) break;
        this.crashes++;
        this.driverDownSince ??= at;
        break;
      case "driver-restart":
        if (event.driver !== this.driver) break;
        this.restarts++;
        if (this.driverDownSince !== null) {
          this.driverDowntime += at - this.driverDownSince;
          this.driverDownSince = null;
        }
        break;
      case "verifier":
        if (event.driver === this.driver && !event.accepted && this.outcome === "none")
          this.outcome = "refused";
        break;
      case "driver-give-up":
        if (event.driver === this.driver) this.gaveUp = true;
        break;
      case "request-terminated":
        this.requestsFailed++;
        break;
      default:
        break;
    }
  }

  /** The damage so far, as of `now` cycles of scenario time. */
  summary(k: Kernel, now: number): BlastRadius {
    const seconds = (cycles: number) => cycles / CYCLES_PER_SECOND;
    const open = (since: number | null) => (since === null ? 0 : Math.max(0, now - since));
    return {
      mode: this.mode,
      outcome: this.outcome,
      stopCode: this.stopCode,
      module: this.module,
      processesLost: [...this.lost],
      unsavedTransactionsLost: k.lostTransactions,
      downtimeSeconds: seconds(this.downtime + open(this.downSince)),
      stillDown: this.downSince !== null,
      // A kernel-mode driver is out of service from the bugcheck on: it is not loaded again after the reboot.
      driverDowntimeSeconds: seconds(this.driverDowntime + open(this.driverDownSince ?? this.crashedAt)),
      machineReboots: this.reboots,
      driverCrashes: this.crashes,
      driverRestarts: this.restarts,
      requestsFailed: this.requestsFailed,
      gaveUp: this.gaveUp,
    };
  }
}
