/**
 * Processes and threads as the kernel keeps them. Each process has one thread. A kernel-mode driver is
 * a thread of the kernel (it runs in ring 0 in the kernel's address space); a user-mode driver and a
 * program are processes in ring 3 with their own address spaces.
 */
import { REG } from "../machine/isa";
import type { Image } from "../toolchain/image";
import type { HeapArena } from "./guestHeap";

export type ThreadState = "ready" | "running" | "blocked" | "dead";

/** Why a blocked thread waits, and what to do when the wait ends. */
export type Wait =
  | { kind: "sleep"; until: number }
  | { kind: "event"; buffer: number }
  | { kind: "input" }
  | { kind: "exit"; pid: number };

export interface Thread {
  /** Saved registers while the thread is not on the CPU. */
  readonly regs: Int32Array;
  pc: number;
  /** The STATUS control register value to resume with (ring and interrupt enable). */
  status: number;
  state: ThreadState;
  wait?: Wait;
  /** Cycles spent running this thread (trap entries and exits included). */
  cycles: number;
  /** The tick it last made a kernel call: a user-mode driver silent too long fails its heartbeat. */
  lastKernelCallTick: number;
  /** Ticks it has run in a row without giving up the processor (the watchdog counts these). */
  ticksWithoutYield: number;
  /** Ticks left in its time slice. */
  sliceLeft: number;
}

export type ProcessRole = "program" | "driver" | "shell";
export type Ring = "kernel" | "user";

export interface Process {
  pid: number;
  name: string;
  role: ProcessRole;
  ring: Ring;
  /** Physical address of the page directory the thread runs with. */
  directory: number;
  thread: Thread;
  image: Image;
  /** Where the process heap lives (user ring); kernel-mode drivers allocate from the kernel pool. */
  heap?: HeapArena;
  /** Kernel address of the process object in the pool (the guest-visible process list entry). */
  object: number;
  /** Frame owner label used for this process's pages. */
  owner: string;
  /**
   * The account it runs as (fileAccess.ts): `root` for ring 0, its own low-privilege account in ring 3.
   */
  account: string;
  /** Name of the driver this process hosts, for driver processes. */
  driver?: string;
  /** The kernel stack slot of a kernel-mode driver thread. */
  stackSlot?: number;
  exitCode?: number;
  /** Text the process put on the status line. */
  status?: string;
  startedAtTick: number;
}

export function newThread(pc: number, sp: number, status: number, tick: number): Thread {
  const regs = new Int32Array(16);
  regs[REG.SP] = sp;
  return {
    regs,
    pc,
    status,
    state: "ready",
    cycles: 0,
    lastKernelCallTick: tick,
    ticksWithoutYield: 0,
    sliceLeft: 0,
  };
}

/**
 * The ring a driver loaded in a mode runs in: the one place that decides it. Verified drivers run in
 * ring 0, as kernel-mode ones do; the verifier, not the hardware, is what makes them safe.
 */
export function ringOf(mode: "kernel" | "user" | "verified"): Ring {
  return mode === "user" ? "user" : "kernel";
}
