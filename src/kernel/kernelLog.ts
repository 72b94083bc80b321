/**
 * What happened, as typed events: the timeline the app draws and the facts lesson checks test.
 * Each entry carries the machine time it happened at.
 */
export type KernelEventBody =
  | { kind: "boot"; bootNumber: number; safeMode: boolean; recovery: boolean }
  | { kind: "boot-complete"; bootNumber: number }
  | { kind: "process-start"; pid: number; name: string; role: "program" | "driver" }
  | { kind: "process-exit"; pid: number; name: string; code: number }
  | {
      kind: "process-fault";
      pid: number;
      name: string;
      message: string;
      address: number;
      pc: number;
      /** For a page fault: the access that faulted and why; null for every other way a process ends. */
      pageFault: PageFaultDetail | null;
    }
  | { kind: "process-killed"; pid: number; name: string; reason: string }
  | { kind: "driver-load"; driver: string; mode: DriverMode; path: string; boot: boolean }
  | { kind: "driver-load-failed"; path: string; mode: DriverMode; message: string }
  | { kind: "driver-unload"; driver: string }
  | { kind: "driver-crash"; driver: string; mode: DriverMode; message: string; crashes: number }
  | { kind: "driver-hung"; driver: string; ticks: number }
  | { kind: "driver-restart"; driver: string; attempt: number }
  | { kind: "driver-restart-scheduled"; driver: string; attempt: number; delayTicks: number }
  | { kind: "driver-give-up"; driver: string; failures: number; windowTicks: number }
  | { kind: "request-terminated"; driver: string; request: string; status: "DRIVER_PROCESS_TERMINATED" }
  | {
      kind: "bugcheck";
      stopCode: string;
      code: number;
      parameters: number[];
      module: string | null;
      message: string;
      duringBoot: boolean;
    }
  | { kind: "verifier"; driver: string; accepted: boolean; message: string }
  | { kind: "file-removed"; path: string }
  | { kind: "shutdown" };

export type DriverMode = "kernel" | "user" | "verified";

/** What the MMU said about a page fault, so views need not read it back out of the message. */
export interface PageFaultDetail {
  access: "read" | "write" | "execute";
  reason: "not-mapped" | "protection";
}

export type KernelEvent = KernelEventBody & { seq: number; cycles: number; tick: number };

export class KernelLog {
  readonly events: KernelEvent[] = [];
  /** dmesg: the kernel's text log. */
  readonly lines: string[] = [];
  private seq = 0;
  private listeners: ((event: KernelEvent) => void)[] = [];

  record(body: KernelEventBody, cycles: number, tick: number): KernelEvent {
    const event = { ...body, seq: this.seq++, cycles, tick } as KernelEvent;
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  text(line: string, tick: number): void {
    const stamp = `[${(tick / 100).toFixed(2).padStart(8)}]`;
    this.lines.push(`${stamp} ${line}`);
    if (this.lines.length > 2000) this.lines.splice(0, this.lines.length - 2000);
  }

  subscribe(listener: (event: KernelEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
}
