/**
 * Scheduling and context switches, over the scheduler part of the kernel's record. Each process has
 * one thread. User threads are preempted when their time slice ends; kernel-mode threads are never
 * preempted, only switched out when they give the processor up themselves (yield, sleep, next_event).
 */
import { CR, STATUS_IE, TRAP_EXIT_CYCLES } from "../machine/isa";
import type { Kernel } from "./kernel";
import { TEXT, TEXT_KVA, TIME_SLICE_TICKS } from "./layout";
import type { Process, Wait } from "./process";

/** The process on the CPU; undefined while the idle loop runs. */
export function currentProcess(k: Kernel): Process | undefined {
  const pid = k.record.scheduler.current;
  return pid === undefined ? undefined : k.record.processes.get(pid);
}

/**
 * Saves the interrupted thread's registers (the CPU still holds them: trap entry and hcall change
 * none) and charges it the cycles it ran.
 */
export function saveContext(k: Kernel, pc: number, status: number): void {
  const process = currentProcess(k);
  if (!process) return;
  const thread = process.thread;
  thread.regs.set(k.machine.cpu.regs);
  thread.pc = pc >>> 0;
  thread.status = status;
  k.record.scheduler.chargeTo = process.pid;
}

/**
 * Marks the current thread to be switched out at the next dispatch. Kernel-mode threads are never
 * preempted, only switched out when they give the processor up themselves (`voluntary`).
 */
export function requestReschedule(k: Kernel, voluntary = false): void {
  k.record.scheduler.rescheduleNeeded = true;
  if (voluntary) k.record.scheduler.yieldRequested = true;
}

/** The thread waits; it leaves the CPU at the next dispatch. */
export function block(process: Process, wait: Wait): void {
  process.thread.state = "blocked";
  process.thread.wait = wait;
  process.thread.ticksWithoutYield = 0;
}

export function makeReady(k: Kernel, process: Process): void {
  if (process.thread.state === "dead") return;
  process.thread.state = "ready";
  process.thread.wait = undefined;
  const ready = k.record.scheduler.ready;
  if (!ready.includes(process.pid)) ready.push(process.pid);
}

/** The process ends here: its thread leaves the CPU for good. */
export function retire(k: Kernel, process: Process): void {
  process.thread.state = "dead";
  const scheduler = k.record.scheduler;
  const index = scheduler.ready.indexOf(process.pid);
  if (index >= 0) scheduler.ready.splice(index, 1);
  if (scheduler.current === process.pid) scheduler.current = undefined;
}

/**
 * Leaves the kernel: back to the current thread if it can go on, else to the next ready one, else
 * to the idle loop. `fromTrap` adds the cost of the trap return.
 */
export function dispatch(k: Kernel, fromTrap: boolean): void {
  if (k.record.status !== "running") return;
  const scheduler = k.record.scheduler;
  const current = currentProcess(k);
  const preempt =
    scheduler.rescheduleNeeded &&
    scheduler.ready.length > 0 &&
    (current?.ring === "user" || scheduler.yieldRequested);
  const keep = current !== undefined && current.thread.state === "running" && !preempt;
  // A thread that gave the processor up has yielded, even when nobody else was ready to take it.
  if ((preempt || scheduler.yieldRequested) && current) current.thread.ticksWithoutYield = 0;
  scheduler.rescheduleNeeded = false;
  scheduler.yieldRequested = false;
  if (!keep) {
    if (current && current.thread.state === "running") {
      current.thread.state = "ready";
      scheduler.ready.push(current.pid);
    }
    scheduler.current = scheduler.ready.shift();
    const next = currentProcess(k);
    if (next) {
      next.thread.state = "running";
      next.thread.sliceLeft = TIME_SLICE_TICKS;
    }
  }
  loadContext(k, fromTrap);
}

function loadContext(k: Kernel, fromTrap: boolean): void {
  const cpu = k.machine.cpu;
  const scheduler = k.record.scheduler;
  const process = currentProcess(k);
  // Everything since the last dispatch, kernel work on its behalf included, is the caller's time.
  const charged = scheduler.chargeTo === undefined ? undefined : k.record.processes.get(scheduler.chargeTo);
  if (charged && cpu.cycles >= scheduler.dispatchedAt)
    charged.thread.cycles += cpu.cycles - scheduler.dispatchedAt;
  scheduler.chargeTo = process?.pid;
  scheduler.dispatchedAt = cpu.cycles;
  if (fromTrap) cpu.cycles += TRAP_EXIT_CYCLES;
  if (!process) {
    // Idle: wait for an interrupt in the kernel's idle loop.
    cpu.pc = TEXT_KVA + TEXT.IDLE_LOOP;
    cpu.cr[CR.STATUS] = STATUS_IE;
    switchAddressSpace(k, k.record.memory.kernelDirectory);
    return;
  }
  const thread = process.thread;
  cpu.regs.set(thread.regs);
  cpu.regs[0] = 0;
  cpu.pc = thread.pc;
  cpu.cr[CR.STATUS] = thread.status | STATUS_IE;
  switchAddressSpace(k, process.directory);
}

export function switchAddressSpace(k: Kernel, directory: number): void {
  if (k.machine.cpu.cr[CR.PTBR] === directory) return;
  k.machine.cpu.cr[CR.PTBR] = directory;
  k.machine.mmu.setPageTableBase(directory);
}
