/**
 * The Ringlab kernel: TypeScript that runs as the machine's privileged code. The machine enters it
 * through one door, the trap stub at tvec (`hcall TRAP_ENTRY`), and kernel-mode drivers call its
 * services directly with `hcall N`. Everything a kernel-mode driver could reach lives in guest memory
 * (page tables, the pool and its headers, the process and module lists, the dispatch table), so a
 * stray write there corrupts the kernel for real; the kernel's own bookkeeping mirrors it and checks it.
 *
 * `run(cycles)` runs the machine; what happened comes out as events in `log` and as state.
 */
import type { SensorEvent } from "../machine/devices/eventSource";
import { IRQ, PORT } from "../machine/devices/ports";
import { CR, STATUS_IE, STATUS_USER, TRAP_EXIT_CYCLES } from "../machine/isa";
import { Machine, type StopReason } from "../machine/machine";
import { readPte } from "../machine/pageTables";
import { type BootOptions, bootMachine, leaveFirmware } from "./boot";
import { type BugcheckRecord, bugcheck, type CrashDump } from "./bugcheck";
import type { DriverRecord } from "./drivers";
import { onDriverEnded } from "./drivers";
import type { FrameAllocator } from "./frames";
import type { GuestHeap, HeapCorruption } from "./guestHeap";
import { type KernelEventBody, KernelLog } from "./kernelLog";
import { CYCLES_PER_TICK, HCALL, TEXT, TEXT_KVA, TIME_SLICE_TICKS } from "./layout";
import type { Process, Wait } from "./process";
import { exitProcess, killProcess } from "./programs";
import { callService, deliverEvent } from "./services";
import { Shell } from "./shell/shell";
import { onTimerTick } from "./tick";
import { handleDoubleFault, handleTrap } from "./traps";

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
export type KernelState = "firmware" | "running" | "bugcheck" | "off";

export class Kernel {
  readonly machine: Machine;
  readonly log = new KernelLog();
  readonly options: KernelOptions;
  state: KernelState = "off";

  // Set up by boot().
  frames!: FrameAllocator;
  pool!: GuestHeap;
  readonly processes = new Map<number, Process>();
  readonly drivers = new Map<string, DriverRecord>();
  /** The process on the CPU; undefined while the idle loop runs. */
  current: Process | undefined;
  readonly ready: Process[] = [];
  nextPid = 1;
  tick = 0;
  /** Cycle count when the current thread was put on the CPU, for per-thread accounting. */
  private dispatchedAt = 0;
  /** Set when the current thread must give up the CPU at the next kernel exit. */
  private rescheduleNeeded = false;

  // Boot state, kept across reboots (the machine's memory is not).
  bootNumber = 0;
  safeMode = false;
  /** True from boot until the boot has run a while without crashing. */
  booting = false;
  failedBootsInRow = 0;
  cleanBootsInRow = 0;
  bootStartedAtCycles = 0;
  recoveryOffered = false;

  bugcheckRecord: BugcheckRecord | undefined;
  /** Bank transactions lost to bugchecks since power-on (applied in memory, never saved). */
  lostTransactions = 0;
  crashDump: CrashDump | undefined;
  readonly shell: Shell;
  /** Events handed to drivers, by driver, waiting for them to ask (next_event). */
  watchdogTicks: number;

  constructor(options: KernelOptions = {}) {
    this.options = options;
    this.machine = new Machine({ memoryBytes: options.memoryBytes, seed: options.seed });
    this.machine.hcallHandler = (service) => this.onHcall(service);
    this.watchdogTicks = options.watchdogTicks ?? 200;
    this.shell = new Shell(this);
  }

  /** Powers on (or reboots) and boots. Safe mode skips boot-start drivers. */
  boot(options: BootOptions = {}): void {
    bootMachine(this, options);
  }

  /** Set by the shell's reboot command: the run loop reboots at once. */
  rebootRequested: BootOptions | undefined;

  /** Reboots after a bugcheck or on request. The disk, with whatever is on it, survives. */
  reboot(options: BootOptions = {}): void {
    this.boot(options);
  }

  get cycles(): number {
    return this.machine.cpu.cycles;
  }

  /** Cycles run in the boots before this one: the machine's clock starts again at 0 on every boot. */
  cyclesBeforeThisBoot = 0;

  /** Machine time since power-on in cycles, counting every boot (the machine's own clock restarts). */
  get cyclesSincePowerOn(): number {
    return this.cyclesBeforeThisBoot + this.machine.cpu.cycles;
  }

  /** Records a kernel event at the current machine time. */
  record(body: KernelEventBody): void {
    this.log.record(body, this.machine.cpu.cycles, this.tick);
  }

  dmesg(line: string): void {
    this.log.text(line, this.tick);
  }

  /** Writes to the console screen. */
  print(text: string): void {
    this.machine.devices.console.writeText(text);
  }

  /**
   * Runs the machine for up to `maxCycles` cycles, or until it bugchecks or powers off.
   */
  run(maxCycles: number): StopReason | { kind: "bugcheck" } | { kind: "off" } {
    if (this.state === "bugcheck") return { kind: "bugcheck" };
    if (this.state === "off") return { kind: "off" };
    // The clock starts again at every boot: a reboot inside this run keeps the budget that was left.
    let end = this.machine.cpu.cycles + Math.max(0, maxCycles);
    const rebootKeepingBudget = (options: BootOptions = {}) => {
      const left = end - this.machine.cpu.cycles;
      this.reboot(options);
      end = this.machine.cpu.cycles + left;
    };
    while (this.machine.cpu.cycles < end) {
      if (this.state === "firmware") {
        if (!this.waitInFirmware(end)) return { kind: "budget" };
        continue;
      }
      const stop = this.machine.run(end - this.machine.cpu.cycles);
      // The kernel may have bugchecked while the machine ran (its handlers run inside machine.run).
      if ((this.state as KernelState) === "bugcheck") return { kind: "bugcheck" };
      if (stop.kind === "budget") continue;
      if (stop.kind === "triple-fault") {
        this.bugcheckFromTripleFault(stop);
        return { kind: "bugcheck" };
      }
      if (stop.kind === "trap") {
        // Only kernel-mode code can clear tvec; a trap with no handler then stops the processor.
        bugcheck(this, "UNEXPECTED_KERNEL_MODE_TRAP", [stop.cause, stop.tval, stop.epc, 0], {
          module: this.moduleAt(stop.epc),
          message: "a trap happened with no trap handler installed (tvec was cleared)",
        });
        return { kind: "bugcheck" };
      }
      if (stop.kind === "power-off" || stop.kind === "halt") {
        this.state = "off";
        this.record({ kind: "shutdown" });
        return { kind: "off" };
      }
      if (stop.kind === "reset") {
        rebootKeepingBudget();
        continue;
      }
      if (stop.kind === "host" && this.rebootRequested) {
        const options = this.rebootRequested;
        this.rebootRequested = undefined;
        // An orderly restart is not a failed boot, whatever stage the boot had reached.
        if (this.booting) this.failedBootsInRow = 0;
        rebootKeepingBudget(options);
        continue;
      }
      return stop;
    }
    return { kind: "budget" };
  }

  /** Cycle count at which the firmware stops waiting for the safe-mode key. */
  firmwareUntil = 0;

  /** The firmware's wait for S or F8; true once the kernel has started. Time passes with no code running. */
  private waitInFirmware(end: number): boolean {
    const console = this.machine.devices.console;
    const typed = String.fromCharCode(...console.input.splice(0, console.input.length));
    if (/[sS]|\x1b\[19~/.test(typed)) {
      leaveFirmware(this, true);
      return true;
    }
    this.machine.cpu.cycles = Math.min(end, Math.max(this.machine.cpu.cycles, this.firmwareUntil));
    if (this.machine.cpu.cycles < this.firmwareUntil) return false;
    leaveFirmware(this, false);
    return true;
  }

  // ---- Entry from the machine -------------------------------------------------------------------

  private onHcall(service: number): void {
    if (service === HCALL.TRAP_ENTRY) handleTrap(this);
    else if (service === HCALL.DOUBLE_FAULT_ENTRY) handleDoubleFault(this);
    else {
      // A kernel service called directly by kernel-mode code: no ring crossing.
      const process = this.current;
      this.saveContext(this.machine.cpu.pc, this.machine.cpu.cr[CR.STATUS]);
      if (process) callService(this, process, service, false);
      this.dispatch(false);
    }
  }

  // ---- Scheduling and context switches ------------------------------------------------------------

  /**
   * Saves the interrupted thread's registers (the CPU still holds them: trap entry and hcall change
   * none) and charges it the cycles it ran.
   */
  saveContext(pc: number, status: number): void {
    const process = this.current;
    if (!process) return;
    const thread = process.thread;
    thread.regs.set(this.machine.cpu.regs);
    thread.pc = pc >>> 0;
    thread.status = status;
    this.chargeTo = process;
  }

  /** The process the kernel is working for: it is charged the cycles until the next dispatch. */
  private chargeTo: Process | undefined;

  /**
   * Marks the current thread to be switched out at the next dispatch. Kernel-mode threads are never
   * preempted, only switched out when they give the processor up themselves (`voluntary`).
   */
  requestReschedule(voluntary = false): void {
    this.rescheduleNeeded = true;
    if (voluntary) this.yieldRequested = true;
  }

  private yieldRequested = false;

  /** The thread waits; it leaves the CPU at the next dispatch. */
  block(process: Process, wait: Wait): void {
    process.thread.state = "blocked";
    process.thread.wait = wait;
    process.thread.ticksWithoutYield = 0;
  }

  makeReady(process: Process): void {
    if (process.thread.state === "dead") return;
    process.thread.state = "ready";
    process.thread.wait = undefined;
    if (!this.ready.includes(process)) this.ready.push(process);
  }

  /**
   * Leaves the kernel: back to the current thread if it can go on, else to the next ready one, else
   * to the idle loop. `fromTrap` adds the cost of the trap return.
   */
  dispatch(fromTrap: boolean): void {
    if (this.state !== "running") return;
    const current = this.current;
    const preempt =
      this.rescheduleNeeded && this.ready.length > 0 && (current?.ring === "user" || this.yieldRequested);
    const keep = current !== undefined && current.thread.state === "running" && !preempt;
    if (preempt && current) current.thread.ticksWithoutYield = 0;
    this.rescheduleNeeded = false;
    this.yieldRequested = false;
    if (!keep) {
      if (current && current.thread.state === "running") {
        current.thread.state = "ready";
        this.ready.push(current);
      }
      this.current = this.ready.shift();
      if (this.current) {
        this.current.thread.state = "running";
        this.current.thread.sliceLeft = TIME_SLICE_TICKS;
      }
    }
    this.loadContext(fromTrap);
  }

  private loadContext(fromTrap: boolean): void {
    const cpu = this.machine.cpu;
    const process = this.current;
    // Everything since the last dispatch, kernel work on its behalf included, is the caller's time.
    if (this.chargeTo && cpu.cycles >= this.dispatchedAt)
      this.chargeTo.thread.cycles += cpu.cycles - this.dispatchedAt;
    this.chargeTo = process;
    this.dispatchedAt = cpu.cycles;
    if (fromTrap) cpu.cycles += TRAP_EXIT_CYCLES;
    if (!process) {
      // Idle: wait for an interrupt in the kernel's idle loop.
      cpu.pc = TEXT_KVA + TEXT.IDLE_LOOP;
      cpu.cr[CR.STATUS] = STATUS_IE;
      this.switchAddressSpace(this.kernelDirectory);
      return;
    }
    const thread = process.thread;
    cpu.regs.set(thread.regs);
    cpu.regs[0] = 0;
    cpu.pc = thread.pc;
    cpu.cr[CR.STATUS] = thread.status | STATUS_IE;
    this.switchAddressSpace(process.directory);
  }

  kernelDirectory = 0;

  switchAddressSpace(directory: number): void {
    if (this.machine.cpu.cr[CR.PTBR] === directory) return;
    this.machine.cpu.cr[CR.PTBR] = directory;
    this.machine.mmu.setPageTableBase(directory);
  }

  /** The process ends here: its thread leaves the CPU for good. */
  retire(process: Process): void {
    process.thread.state = "dead";
    const index = this.ready.indexOf(process);
    if (index >= 0) this.ready.splice(index, 1);
    if (this.current === process) this.current = undefined;
  }

  // ---- Services the rest of the kernel uses ---------------------------------------------------------

  /**
   * Allocates from the kernel pool. A corrupt pool header found on the way is a BAD_POOL_HEADER
   * bugcheck, wherever the allocation came from: this is how a pool overrun crashes the machine later,
   * in code that did nothing wrong. Returns 0 when the pool is exhausted or the machine stopped.
   */
  poolAlloc(bytes: number, tag: string): number {
    const allocated = this.pool.alloc(bytes, tag);
    if (allocated.ok) return allocated.value;
    this.badPoolHeader(allocated.corruption);
    return 0;
  }

  poolFree(address: number): void {
    const freed = this.pool.free(address);
    if (!freed.ok) this.badPoolHeader(freed.corruption);
  }

  private badPoolHeader(c: HeapCorruption): void {
    const culprit = c.previousTag ? ` (the block before it is tagged '${c.previousTag}')` : "";
    // 0x20: one of Windows' codes for a corrupt block header (3 would mean a corrupt free list).
    bugcheck(this, "BAD_POOL_HEADER", [0x20, c.header, c.found, c.previous ?? 0], {
      module: null,
      message: `a kernel pool block header at 0x${c.header.toString(16)} is corrupt${culprit}`,
    });
  }

  driverOf(process: Process): DriverRecord | undefined {
    const record = process.driver ? this.drivers.get(process.driver) : undefined;
    return record && record.pid === process.pid ? record : undefined;
  }

  /** The module a process's code belongs to, for "What failed". */
  moduleName(process: Process): string | null {
    return process.driver ?? (process.ring === "kernel" ? process.name : null);
  }

  /** The kernel-mode driver whose image contains an address, or "kernel" for the kernel's own text. */
  moduleAt(address: number): string | null {
    for (const record of this.drivers.values()) {
      const image = record.loadedImage;
      if (record.mode !== "kernel" || !image || record.state === "unloaded") continue;
      const end = image.sections.reduce((e, s) => Math.max(e, s.start + s.size), image.base);
      if (address >= image.base && address < end) return record.name;
    }
    return null;
  }

  /** "sensor.c:42 in match" for an address in a process's image, when the source map knows it. */
  sourceOf(process: Process, address: number): string | undefined {
    const map = process.image.sourceMap;
    let found: (typeof map)[number] | undefined;
    for (const entry of map) {
      if (entry.address > address) break;
      found = entry;
    }
    if (!found || address - found.address > 64) return undefined;
    const file = found.file.split("/").pop();
    return `${file}:${found.line}${found.func ? ` in ${found.func}` : ""}`;
  }

  /** The page-table entry behind an address in the current address space (0 if none). */
  pteOf(address: number): number {
    return readPte(this.machine.memory, this.machine.cpu.cr[CR.PTBR] >>> 0, address) >>> 0;
  }

  killProcess(process: Process, message: string, where: { address: number; pc: number }): void {
    killProcess(this, process, message, where);
  }

  /** Ends a driver's process without calling it a crash (rmmod). */
  endDriverProcess(process: Process): void {
    exitProcess(this, process, 0);
  }

  onDriverProcessEnded(process: Process, failure: string | undefined): void {
    onDriverEnded(this, process, failure);
  }

  /** Copies an event to a waiting driver's buffer; false if the buffer was bad (and that was handled). */
  deliverEventTo(process: Process, record: DriverRecord, event: SensorEvent, buffer: number): boolean {
    const user = process.ring === "user";
    const delivered = deliverEvent(
      { k: this, memory: { memory: this.machine.memory, directory: process.directory, user } },
      record,
      event,
      buffer,
    );
    if ("result" in delivered) {
      process.thread.regs[1] = delivered.result;
      return true;
    }
    if (user) {
      process.thread.regs[1] = -14;
      return true;
    }
    bugcheck(
      this,
      "PAGE_FAULT_IN_NONPAGED_AREA",
      ["address" in delivered ? delivered.address : 0, 1, process.thread.pc, 0],
      {
        module: this.moduleName(process),
        message: "next_event() was given a bad event buffer by kernel-mode code",
      },
    );
    return false;
  }

  // ---- Interrupts ---------------------------------------------------------------------------------

  /** The timer interrupt: one tick of machine time. */
  onTimerInterrupt(): void {
    this.machine.ports.write(PORT.IRQ_ACK, 1 << IRQ.TIMER);
    this.tick = this.machine.devices.timer.ticks;
    onTimerTick(this);
  }

  isUserMode(status: number): boolean {
    return (status & STATUS_USER) !== 0;
  }

  private bugcheckFromTripleFault(stop: { cause: number; epc: number }): void {
    bugcheck(this, "UNEXPECTED_KERNEL_MODE_TRAP", [8, stop.cause, stop.epc, 0], {
      module: null,
      message: "triple fault: the double-fault handler could not be entered",
    });
  }

  /** Cycles per tick, for callers that convert. */
  static readonly CYCLES_PER_TICK = CYCLES_PER_TICK;
}
