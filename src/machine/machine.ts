/**
 * The Ringlab machine: a 32-bit CPU with a kernel and a user ring, paged memory, traps, and kernel-only
 * devices, all driven by a virtual clock of cycles. Nothing here reads the host's clock or Math.random,
 * so the same image, inputs and seed give the same run, instruction for instruction.
 *
 * `run(maxCycles)` executes until the budget is spent or something the host must see happens; it
 * returns that as a StopReason value. Guest errors are traps, never host exceptions.
 */
import { ConsoleDevice } from "./devices/console";
import { Disk } from "./devices/disk";
import { EventSource } from "./devices/eventSource";
import { InterruptController } from "./devices/interrupts";
import { PortBus } from "./devices/portBus";
import { IRQ } from "./devices/ports";
import { Timer } from "./devices/timer";
import { Watchdog } from "./devices/watchdog";
import { EXIT, execute } from "./interpreter";
import {
  ACCESS,
  CR,
  PAGE_SIZE,
  STATUS_IE,
  STATUS_USER,
  TRAP,
  TRAP_ENTRY_CYCLES,
  TRAP_EXIT_CYCLES,
} from "./isa";
import { DEFAULT_MEMORY_BYTES, MAX_MEMORY_BYTES, PhysicalMemory } from "./memory";
import { Mmu } from "./mmu";
import { SeededRandom } from "./random";

export interface MachineOptions {
  /** Bytes of RAM: a multiple of 4 KiB from 64 KiB to 16 MiB; 1 MiB by default. */
  memoryBytes?: number;
  /** Seed of the machine's pseudo-random numbers. */
  seed?: number;
}

export type StopReason =
  /** The cycle budget of this run was spent; the machine can run on. */
  | { kind: "budget" }
  /** A halt instruction: the machine is stopped until reset. */
  | { kind: "halt" }
  /** Power-off through the power port: stopped until reset. */
  | { kind: "power-off" }
  /** A reset requested through the power port; the host decides what a reset means. */
  | { kind: "reset" }
  /** A trap with no handler (tvec = 0): trap state is saved in the control registers; the host may resume. */
  | { kind: "trap"; cause: number; tval: number; tinfo: number; epc: number }
  /** A fault while entering the double-fault handler: the machine is stopped until reset. */
  | { kind: "triple-fault"; cause: number; tval: number; epc: number }
  /** An hcall with no host handler installed; the host may service it and resume. */
  | { kind: "hcall"; service: number }
  /**
   * The watchdog's second stage: its trap was taken and still no pet came (the trap path itself is
   * broken). The machine can run on if the host resumes it; Ringlab's kernel bugchecks.
   */
  | { kind: "watchdog"; pc: number }
  /** The host (the kernel) asked the machine to stop, e.g. on a bugcheck. */
  | { kind: "host"; detail: string };

/** Registers and counters of the processor. */
export class CpuState {
  readonly regs = new Int32Array(16);
  readonly cr = new Int32Array(16);
  pc = 0;
  cycles = 0;
  instructions = 0;
}

export interface Devices {
  interrupts: InterruptController;
  timer: Timer;
  console: ConsoleDevice;
  disk: Disk;
  events: EventSource;
  watchdog: Watchdog;
}

const STICKY: ReadonlySet<StopReason["kind"]> = new Set(["halt", "power-off", "triple-fault"]);

export class Machine {
  readonly memory: PhysicalMemory;
  readonly mmu: Mmu;
  readonly cpu = new CpuState();
  readonly devices: Devices;
  readonly ports: PortBus;
  random: SeededRandom;
  readonly seed: number;

  /** Host handler for hcall (kernel services called directly from kernel mode). */
  hcallHandler: ((service: number) => void) | undefined;

  /** Set by the slow paths when a translation failed (see interpreter). */
  faulted = false;
  pendingHcall = 0;
  /** Traps taken since power-on, by cause, for views and tests. */
  readonly trapCounts = new Array<number>(16).fill(0);
  /**
   * Host calls made since the machine was created (never reset, not part of its state): each one runs
   * host code (the kernel's trap handling, its services), which is how time travel weighs the host work
   * between checkpoints without reading the host's clock (kernel/history.ts).
   */
  hostCalls = 0;
  /** A stop the machine stays in (halt, power-off, triple fault) until reset. */
  stopped: StopReason | undefined;
  /**
   * Set by halt with interrupts enabled: the processor executes nothing until it takes an interrupt,
   * however many runs that spans, so where the host slices a run cannot change what the guest does.
   */
  waiting = false;
  private stopRequest: StopReason | undefined;

  constructor(options: MachineOptions = {}) {
    const size = options.memoryBytes ?? DEFAULT_MEMORY_BYTES;
    if (!Number.isInteger(size) || size % PAGE_SIZE !== 0 || size < 64 * 1024 || size > MAX_MEMORY_BYTES) {
      throw new RangeError(`memory size must be a multiple of 4 KiB from 64 KiB to 16 MiB, got ${size}`);
    }
    this.seed = (options.seed ?? 1) >>> 0;
    this.random = new SeededRandom(this.seed);
    this.memory = new PhysicalMemory(size);
    this.mmu = new Mmu(this.memory);
    this.devices = {
      interrupts: new InterruptController(),
      timer: new Timer(),
      console: new ConsoleDevice(),
      disk: new Disk(),
      events: new EventSource(),
      watchdog: new Watchdog(),
    };
    this.ports = new PortBus(this);
  }

  get userMode(): boolean {
    return (this.cpu.cr[CR.STATUS] & STATUS_USER) !== 0;
  }

  /**
   * Runs for at most `maxCycles` cycles. Interrupts are delivered between instructions when enabled;
   * device deadlines (timer ticks, event arrivals) cut the inner loop short so they happen on time.
   */
  run(maxCycles: number): StopReason {
    if (this.stopped) return this.stopped;
    const end = this.cpu.cycles + (Number.isFinite(maxCycles) ? Math.max(0, Math.floor(maxCycles)) : 0);
    const watchdog = this.devices.watchdog;
    for (;;) {
      this.updateDevices();
      const due = watchdog.expire(this.cpu.cycles);
      if (due === "trap") {
        // Non-maskable: taken whatever IE and the mask say. TINFO 1 says the processor was halted,
        // so the instruction that stopped it is the one before EPC.
        this.trap(TRAP.WATCHDOG, 0, this.waiting ? 1 : 0, this.cpu.pc);
        const stop = this.takeStop();
        if (stop) return stop;
      } else if (due === "stop") {
        // The trap was not handled either: the processor stops here, and the host decides.
        this.waiting = false;
        return { kind: "watchdog", pc: this.cpu.pc >>> 0 };
      }
      if ((this.cpu.cr[CR.STATUS] & STATUS_IE) !== 0) {
        const active = this.devices.interrupts.active();
        if (active !== 0) {
          const line = 31 - Math.clz32(active & -active);
          this.trap(line === IRQ.TIMER ? TRAP.TIMER : TRAP.DEVICE, line, 0, this.cpu.pc);
          const stop = this.takeStop();
          if (stop) return stop;
        }
      }
      if (this.cpu.cycles >= end) return { kind: "budget" };
      const limit = Math.min(end, this.devices.timer.nextTick, this.nextEventDeadline(), watchdog.deadline);
      if (this.waiting) {
        // Halted: the clock runs on to the next device deadline, or to the end of this run.
        this.cpu.cycles = Math.max(this.cpu.cycles, limit);
        continue;
      }
      const exit = execute(this, limit);
      // A disk transfer started by an `out` takes its time after the instruction (see PortBus).
      this.cpu.cycles += this.ports.takeCharge();
      if (exit === EXIT.HALT) this.halt();
      else if (exit === EXIT.HCALL) {
        this.hostCalls++;
        if (this.hcallHandler) this.hcallHandler(this.pendingHcall);
        else this.requestStop({ kind: "hcall", service: this.pendingHcall });
      }
      const stop = this.takeStop();
      if (stop) return stop;
    }
  }

  /**
   * halt waits for an interrupt, as on x86: with interrupts enabled the processor waits (the clock
   * jumps from one device deadline to the next) until an interrupt is taken, whose EPC is the
   * instruction after the halt. With interrupts disabled only the watchdog, which no mask stops, can
   * wake it (as an NMI wakes an x86 halted with IF clear); when the watchdog is not armed either,
   * nothing can, and the machine stops.
   */
  private halt(): void {
    if ((this.cpu.cr[CR.STATUS] & STATUS_IE) === 0 && !this.devices.watchdog.armed)
      this.requestStop({ kind: "halt" });
    else this.waiting = true;
  }

  /** Executes one instruction (or enters one pending interrupt). */
  step(): StopReason {
    return this.run(1);
  }

  /** Forgets a stop asked for and not yet taken (a restore puts the machine where no run is under way). */
  clearStopRequest(): void {
    this.stopRequest = undefined;
  }

  /** Asks the current run to stop after the instruction (or host call) under way. */
  requestStop(reason: StopReason): void {
    this.stopRequest ??= reason;
  }

  /**
   * Trap entry, the one path for faults, system calls and interrupts: save pc, status and the cause,
   * switch to kernel mode with interrupts off, and jump to the handler. Entry costs cycles. If the
   * handler's first instruction cannot be fetched, that is a double fault; if the double-fault handler
   * cannot be fetched either, a triple fault stops the machine.
   */
  trap(cause: number, tval: number, tinfo: number, epc: number): void {
    const cr = this.cpu.cr;
    this.waiting = false;
    this.trapCounts[cause]++;
    cr[CR.ESTATUS] = cr[CR.STATUS];
    cr[CR.EPC] = epc;
    cr[CR.CAUSE] = cause;
    cr[CR.TVAL] = tval;
    cr[CR.TINFO] = tinfo;
    cr[CR.STATUS] = 0;
    this.cpu.cycles += TRAP_ENTRY_CYCLES;
    const vector = cr[CR.TVEC] >>> 0;
    if (vector === 0) {
      this.cpu.pc = epc;
      this.requestStop({ kind: "trap", cause, tval: tval >>> 0, tinfo, epc });
      return;
    }
    if (this.canEnter(vector)) {
      this.cpu.pc = vector;
      return;
    }
    // The double fault keeps the first trap's EPC and ESTATUS; TVAL names the first cause.
    this.trapCounts[TRAP.DOUBLE_FAULT]++;
    cr[CR.CAUSE] = TRAP.DOUBLE_FAULT;
    cr[CR.TVAL] = cause;
    cr[CR.TINFO] = vector;
    const dfVector = cr[CR.DFVEC] >>> 0;
    if (dfVector !== 0 && this.canEnter(dfVector)) {
      this.cpu.pc = dfVector;
      return;
    }
    this.cpu.pc = epc;
    this.requestStop({ kind: "triple-fault", cause, tval: tval >>> 0, epc });
  }

  /** What iret does, for a host kernel that handled a trap itself. */
  trapReturn(): void {
    const cr = this.cpu.cr;
    cr[CR.STATUS] = cr[CR.ESTATUS];
    this.cpu.pc = cr[CR.EPC] >>> 0;
    this.cpu.cycles += TRAP_EXIT_CYCLES;
  }

  /** Powers the machine back on: CPU, memory and devices reset; the disk (and its files) is kept. */
  reset(): void {
    this.memory.zero(0, this.memory.size);
    this.mmu.setPageTableBase(0);
    this.cpu.regs.fill(0);
    this.cpu.cr.fill(0);
    this.cpu.pc = 0;
    this.cpu.cycles = 0;
    this.cpu.instructions = 0;
    this.trapCounts.fill(0);
    this.random = new SeededRandom(this.seed);
    const { interrupts, timer, console } = this.devices;
    interrupts.pending = 0;
    interrupts.mask = -1;
    timer.setPeriod(0, 0);
    timer.ticks = 0;
    this.devices.watchdog.reset();
    console.input.length = 0;
    this.devices.events.cursor = 0;
    this.devices.events.announced = 0;
    this.stopped = undefined;
    this.waiting = false;
    this.stopRequest = undefined;
    this.faulted = false;
  }

  /** Used by snapshot restore. */
  setEventsAnnounced(count: number): void {
    this.devices.events.announced = count;
  }

  getEventsAnnounced(): number {
    return this.devices.events.announced;
  }

  private canEnter(vector: number): boolean {
    return (vector & 3) === 0 && this.mmu.translate(vector, ACCESS.EXECUTE, false) >= 0;
  }

  private takeStop(): StopReason | undefined {
    const stop = this.stopRequest;
    if (stop === undefined) return undefined;
    this.stopRequest = undefined;
    if (STICKY.has(stop.kind)) this.stopped = stop;
    return stop;
  }

  private updateDevices(): void {
    const { timer, events, interrupts } = this.devices;
    const now = this.cpu.cycles;
    if (timer.advance(now)) interrupts.raise(IRQ.TIMER);
    if (this.devices.console.input.length > 0) interrupts.raise(IRQ.CONSOLE);
    // The event line is raised once per event, when it arrives.
    while (events.announced < events.feed.length && events.arrival(events.announced) <= now) {
      events.announced++;
      interrupts.raise(IRQ.EVENTS);
    }
  }

  /**
   * The cycle count of the next device deadline (a timer tick, a sensor event's arrival), Infinity if
   * none: a halted processor sleeps until then, so nothing changes before it.
   */
  nextDeviceDeadline(): number {
    return Math.min(this.devices.timer.nextTick, this.nextEventDeadline());
  }

  private nextEventDeadline(): number {
    const events = this.devices.events;
    return events.announced < events.feed.length
      ? events.arrival(events.announced)
      : Number.POSITIVE_INFINITY;
  }
}
