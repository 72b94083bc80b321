/**
 * The Ringlab kernel: TypeScript that runs as the machine's privileged code. The machine enters it
 * through one door, the trap stub at tvec (`hcall TRAP_ENTRY`), and kernel-mode drivers call its
 * services directly with `hcall N`. Everything a kernel-mode driver could reach lives in guest memory
 * (page tables, the pool and its headers, the process and module lists, the dispatch table), so a
 * stray write there corrupts the kernel for real; the kernel's own bookkeeping mirrors it and checks it.
 *
 * A Kernel is a handle: the machine, the options it was made with, and the kernel's whole state as
 * one plain record (`record`, see kernelState.ts). The operations are functions over the handle, in
 * files named for what they do. Everything from outside enters through `input` (inputs.ts), which
 * journals it; `run(cycles)` runs the machine; what happened comes out as events in the log and as
 * state in the record.
 */
import type { SensorEvent } from "../machine/devices/eventSource";
import { IRQ, PORT } from "../machine/devices/ports";
import { WATCHDOG_MAX_PERIOD } from "../machine/devices/watchdog";
import { CR } from "../machine/isa";
import { Machine, type StopReason } from "../machine/machine";
import { type BootOptions, bootMachine, leaveFirmware } from "./boot";
import { type BugcheckRecord, bugcheck, type CrashDump } from "./bugcheck";
import { BuildCache } from "./buildCache";
import type { DriverRecord } from "./drivers";
import { FrameAllocator } from "./frames";
import { GuestHeap } from "./guestHeap";
import { type JournalEntry, type SystemInput, takeInput } from "./inputs";
import { type KernelEventBody, type LogRecord, recordEvent, recordLine } from "./kernelLog";
import { type KernelRecord, type KernelStatus, newKernelRecord } from "./kernelState";
import { CYCLES_PER_TICK, HCALL, physicalOf } from "./layout";
import { formatLocation, moduleAt, sourceLocation } from "./modules";
import type { Process } from "./process";
import { currentProcess, dispatch, saveContext } from "./scheduler";
import { callService } from "./services";
import { Shell } from "./shell/shell";
import { onTimerTick } from "./tick";
import { handleDoubleFault, handleTrap, hardLockup, LOCKUP } from "./traps";

export interface KernelOptions {
  memoryBytes?: number;
  seed?: number;
  /** The sensor event feed; the default feed when omitted. */
  events?: SensorEvent[];
  /** Files put on the disk before the first boot (workload programs are always installed). */
  files?: Record<string, string | Uint8Array>;
  /** Programs started at boot; by default the clock and the bank. */
  services?: string[];
  /** Watchdog limit for a kernel-mode thread that does not yield, in ticks. */
  watchdogTicks?: number;
  /**
   * Cycles the firmware waits at power-on for S or F8 (safe mode). 0, the default, boots at once; the
   * browser and the terminal shell give the learner a moment.
   */
  bootMenuCycles?: number;
  /** Whether the shell runs on the console (off for headless runs that only watch). */
  shell?: boolean;
}

/** "firmware": waiting a moment at power-on for the safe-mode key (see KernelOptions.bootMenuCycles). */
export type KernelState = KernelStatus;

export type KernelStop = StopReason | { kind: "bugcheck" } | { kind: "off" };

export class Kernel {
  readonly machine: Machine;
  readonly options: KernelOptions;
  /** The kernel's whole state (kernelState.ts). Replaced as a whole by a restore. */
  record: KernelRecord = newKernelRecord();
  /** The shell: a view over record.shell. */
  readonly shell: Shell;
  /** Builds of this kernel's sources, by content (a pure function's results; not part of the state). */
  readonly builds = new BuildCache();
  /** Every input since power-on, with the machine time it took effect at (inputs.ts). */
  journal: JournalEntry[] = [];
  /** Watchdog limit for a kernel-mode thread that does not yield, in ticks. */
  readonly watchdogTicks: number;
  /**
   * Ticks with no timer interrupt before the non-maskable watchdog stops the machine (a hard lockup):
   * half the DPC watchdog's limit, as Linux's hard-lockup threshold is half its soft-lockup one.
   * Undefined when that is beyond what the device can count (a program run by `exec`, which has none).
   */
  readonly lockupTicks: number | undefined;

  constructor(options: KernelOptions = {}) {
    this.options = options;
    this.machine = new Machine({ memoryBytes: options.memoryBytes, seed: options.seed });
    this.machine.hcallHandler = (service) => this.onHcall(service);
    this.watchdogTicks = options.watchdogTicks ?? 200;
    const lockupTicks = Math.max(2, Math.ceil(this.watchdogTicks / 2));
    this.lockupTicks = lockupTicks * CYCLES_PER_TICK <= WATCHDOG_MAX_PERIOD ? lockupTicks : undefined;
    this.shell = new Shell(this);
  }

  // ---- What the rest of the program reads most (all of it lives in `record`) ------------------------

  get state(): KernelStatus {
    return this.record.status;
  }

  get processes(): Map<number, Process> {
    return this.record.processes;
  }

  get drivers(): Map<string, DriverRecord> {
    return this.record.drivers;
  }

  get log(): LogRecord {
    return this.record.log;
  }

  get current(): Process | undefined {
    return currentProcess(this);
  }

  get tick(): number {
    return this.record.scheduler.tick;
  }

  get bootNumber(): number {
    return this.record.power.bootNumber;
  }

  get safeMode(): boolean {
    return this.record.power.safeMode;
  }

  get failedBootsInRow(): number {
    return this.record.power.failedBootsInRow;
  }

  get lostTransactions(): number {
    return this.record.power.lostTransactions;
  }

  get bugcheckRecord(): BugcheckRecord | undefined {
    return this.record.bugcheck;
  }

  get crashDump(): CrashDump | undefined {
    return this.record.crashDump;
  }

  get cycles(): number {
    return this.machine.cpu.cycles;
  }

  /** Machine time since power-on in cycles, counting every boot (the machine's own clock restarts). */
  get cyclesSincePowerOn(): number {
    return this.record.power.cyclesBeforeThisBoot + this.machine.cpu.cycles;
  }

  /** The frame table, as an allocator over the machine's memory. */
  get frames(): FrameAllocator {
    return new FrameAllocator(this.machine.memory, this.record.memory.frames);
  }

  /** The kernel pool: a heap in the kernel half, reached through its fixed physical mapping. */
  get pool(): GuestHeap {
    const memory = this.machine.memory;
    return new GuestHeap(
      {
        read32: (address) => memory.read32(physicalOf(address)),
        write32: (address, value) => {
          memory.write32(physicalOf(address), value);
          return true;
        },
      },
      this.record.memory.pool,
    );
  }

  // ---- Power and inputs -------------------------------------------------------------------------

  /** Powers on (or reboots) and boots: an input, journalled like every other (see inputs.ts). */
  boot(options: BootOptions = {}): void {
    this.input({ kind: "boot", ...options });
  }

  /** Reboots after a bugcheck or on request. The disk, with whatever is on it, survives. */
  reboot(options: BootOptions = {}): void {
    this.input({ kind: "boot", ...options });
  }

  /** The one door for everything from outside the machine: applied now, journalled with its time. */
  input(input: SystemInput): string {
    return takeInput(this, input);
  }

  /** Records a kernel event at the current machine time. */
  emit(body: KernelEventBody): void {
    recordEvent(this.record.log, body, {
      cycles: this.machine.cpu.cycles,
      tick: this.record.scheduler.tick,
      time: this.cyclesSincePowerOn,
      console: this.machine.devices.console.written,
    });
  }

  dmesg(line: string): void {
    recordLine(this.record.log, line, this.record.scheduler.tick);
  }

  /** Writes to the console screen. */
  print(text: string): void {
    this.machine.devices.console.writeText(text);
  }

  /**
   * Runs the machine for up to `maxCycles` cycles, or until it bugchecks or powers off.
   */
  run(maxCycles: number): KernelStop {
    if (this.state === "bugcheck") return { kind: "bugcheck" };
    if (this.state === "off") return { kind: "off" };
    // The clock starts again at every boot: a reboot inside this run keeps the budget that was left.
    // (No closure for that here: time travel single-steps through run, and making one per call cost
    // more than the step itself under tsx, whose keepNames names every function it creates.)
    let end = this.machine.cpu.cycles + Math.max(0, maxCycles);
    while (this.machine.cpu.cycles < end) {
      if (this.state === "firmware") {
        if (!this.waitInFirmware(end)) return { kind: "budget" };
        continue;
      }
      const stop = this.machine.run(end - this.machine.cpu.cycles);
      // The kernel may have bugchecked while the machine ran (its handlers run inside machine.run).
      if ((this.state as KernelStatus) === "bugcheck") return { kind: "bugcheck" };
      if (stop.kind === "budget") continue;
      if (stop.kind === "triple-fault") {
        bugcheck(this, "UNEXPECTED_KERNEL_MODE_TRAP", [8, stop.cause, stop.epc, 0], {
          module: moduleAt(this, stop.epc),
          message: "triple fault: the double-fault handler could not be entered",
        });
        return { kind: "bugcheck" };
      }
      if (stop.kind === "trap") {
        // Only kernel-mode code can clear tvec; a trap with no handler then stops the processor.
        bugcheck(this, "UNEXPECTED_KERNEL_MODE_TRAP", [stop.cause, stop.tval, stop.epc, 0], {
          module: moduleAt(this, stop.epc),
          message: "a trap happened with no trap handler installed (tvec was cleared)",
        });
        return { kind: "bugcheck" };
      }
      if (stop.kind === "watchdog") {
        hardLockup(this, this.current, stop.pc, LOCKUP.TRAP_UNHANDLED);
        return { kind: "bugcheck" };
      }
      if (stop.kind === "power-off" || stop.kind === "halt") {
        this.powerOff(stop.kind);
        return { kind: "off" };
      }
      if (stop.kind === "reset") {
        end = this.rebootKeepingBudget(end, {});
        continue;
      }
      const power = this.record.power;
      if (stop.kind === "host" && power.rebootRequested) {
        const options = power.rebootRequested;
        power.rebootRequested = undefined;
        // An orderly restart is not a failed boot, whatever stage the boot had reached.
        if (power.booting) power.failedBootsInRow = 0;
        end = this.rebootKeepingBudget(end, options);
        continue;
      }
      return stop;
    }
    return { kind: "budget" };
  }

  /**
   * Ring 0 may turn the power off (`out POWER`), as a driver may on real hardware; it does not happen
   * silently: the console and the log name the driver whose code did it, at its C line. `halt` with
   * interrupts off ends here only when no watchdog is armed (under `exec`); otherwise the watchdog
   * wakes the processor and the machine stops with CLOCK_WATCHDOG_TIMEOUT.
   */
  private powerOff(how: "power-off" | "halt"): void {
    // `out` has moved pc past itself when the stop is taken; halt has not.
    const pc = how === "power-off" ? (this.machine.cpu.pc - 4) >>> 0 : this.machine.cpu.pc;
    const process = this.current;
    const module = moduleAt(this, pc);
    const location = (module && process && sourceLocation(process, pc)) || null;
    const verb = how === "power-off" ? "turned the power off" : "halted with interrupts off";
    const where = location ? ` at ${formatLocation(location)}` : "";
    this.print(`\r\n*** ${module ?? "the kernel"} ${verb}${where}\r\n`);
    this.record.status = "off";
    this.emit({ kind: "shutdown", module, location });
  }

  /** Reboots inside a run, keeping the cycles of budget that were left; returns the run's new end. */
  private rebootKeepingBudget(end: number, options: BootOptions): number {
    const left = end - this.machine.cpu.cycles;
    bootMachine(this, options);
    return this.machine.cpu.cycles + left;
  }

  /** The firmware's wait for S or F8; true once the kernel has started. Time passes with no code running. */
  private waitInFirmware(end: number): boolean {
    const console = this.machine.devices.console;
    const typed = console.input.splice(0, console.input.length);
    if (typed.some((byte) => byte === 0x73 || byte === 0x53) || containsF8(typed)) {
      leaveFirmware(this, true);
      return true;
    }
    const until = this.record.power.firmwareUntil;
    this.machine.cpu.cycles = Math.min(end, Math.max(this.machine.cpu.cycles, until));
    if (this.machine.cpu.cycles < until) return false;
    leaveFirmware(this, false);
    return true;
  }

  // ---- Entry from the machine -------------------------------------------------------------------

  private onHcall(service: number): void {
    if (service === HCALL.TRAP_ENTRY) handleTrap(this);
    else if (service === HCALL.DOUBLE_FAULT_ENTRY) handleDoubleFault(this);
    else {
      // A kernel service called directly by kernel-mode code: no ring crossing.
      const process = currentProcess(this);
      saveContext(this, this.machine.cpu.pc, this.machine.cpu.cr[CR.STATUS]);
      if (process) callService(this, process, service, false);
      dispatch(this, false);
    }
  }

  /** The timer interrupt: one tick of machine time. */
  onTimerInterrupt(): void {
    this.machine.ports.write(PORT.IRQ_ACK, 1 << IRQ.TIMER);
    this.petWatchdog();
    this.record.scheduler.tick = this.machine.devices.timer.ticks;
    onTimerTick(this);
  }

  /** Arms the non-maskable watchdog (at boot), or pets it (at every tick): see lockupTicks. */
  petWatchdog(): void {
    if (this.lockupTicks !== undefined)
      this.machine.ports.write(PORT.WATCHDOG, this.lockupTicks * CYCLES_PER_TICK);
  }

  /** Cycles per tick, for callers that convert. */
  static readonly CYCLES_PER_TICK = CYCLES_PER_TICK;
}

/** F8 as a terminal sends it: ESC [ 1 9 ~. */
function containsF8(bytes: number[]): boolean {
  const f8 = [0x1b, 0x5b, 0x31, 0x39, 0x7e];
  for (let i = 0; i + f8.length <= bytes.length; i++) if (f8.every((b, j) => bytes[i + j] === b)) return true;
  return false;
}
