/**
 * The kernel's one trap path, and the contrast Ringlab is about, side by side:
 *
 *   userTrap:   a fault in ring 3 ends that process. Nothing else is touched; a driver host is restarted.
 *   kernelTrap: a fault in ring 0 stops the machine. The faulting code shares one address space and
 *               one set of structures with everything else, so nothing can be trusted: bugcheck.
 */

import { IRQ, PORT } from "../machine/devices/ports";
import { ACCESS, ACCESS_NAMES, CR, PTE, REASON, STATUS_USER, TRAP, TRAP_NAMES } from "../machine/isa";
import { hex } from "../shared/bits";
import { bugcheck } from "./bugcheck";
import { distributeEvents } from "./drivers";
import type { Kernel } from "./kernel";
import type { PageFaultDetail } from "./kernelLog";
import { moduleAt, moduleName, pteOf, sourceLocation } from "./modules";
import type { Process } from "./process";
import { killProcess } from "./programs";
import { dispatch, saveContext } from "./scheduler";
import { callService } from "./services";
import type { StopCodeName } from "./stopCodes";

/** What the trap registers say about one trap. */
interface TrapFacts {
  cause: number;
  tval: number;
  tinfo: number;
  epc: number;
}

/** Entered from the trap stub: save the interrupted thread, handle the trap, leave the kernel. */
export function handleTrap(k: Kernel): void {
  const cr = k.machine.cpu.cr;
  const trap: TrapFacts = {
    cause: cr[CR.CAUSE],
    tval: cr[CR.TVAL] >>> 0,
    tinfo: cr[CR.TINFO],
    epc: cr[CR.EPC] >>> 0,
  };
  const { cause, tval, epc } = trap;
  const fromUser = (cr[CR.ESTATUS] & STATUS_USER) !== 0;
  saveContext(k, epc, cr[CR.ESTATUS]);
  const process = k.current;
  if (cause === TRAP.WATCHDOG)
    hardLockup(
      k,
      process,
      trap.tinfo === 1 ? (epc - 4) >>> 0 : epc,
      trap.tinfo === 1 ? LOCKUP.HALTED : LOCKUP.RUNNING,
    );
  else if (fromUser && process?.ring === "kernel") kernelThreadInUserMode(k, process, trap);
  else
    switch (cause) {
      case TRAP.TIMER:
        k.onTimerInterrupt();
        break;
      case TRAP.DEVICE:
        deviceInterrupt(k, tval);
        break;
      case TRAP.SYSCALL:
        if (process) callService(k, process, tval, true);
        break;
      default:
        if (fromUser && process) userTrap(k, process, trap);
        else kernelTrap(k, process, trap);
    }
  dispatch(k, true);
}

/** A fault in user mode: the process is stopped and its resources freed; the machine runs on. */
function userTrap(k: Kernel, process: Process, { cause, tval, tinfo, epc }: TrapFacts): void {
  const pageFault = cause === TRAP.PAGE_FAULT ? pageFaultDetail(tinfo) : undefined;
  killProcess(k, process, describeFault(cause, tval, tinfo), { address: tval, pc: epc, pageFault });
}

/** The access and reason the MMU packs into a page fault's trap info. */
export function pageFaultDetail(tinfo: number): PageFaultDetail {
  return {
    access: ACCESS_NAMES[tinfo & 3] ?? "read",
    reason: (tinfo >> 4) & 1 ? "protection" : "not-mapped",
  };
}

/** A fault in kernel mode: the machine stops with the stop code that names it. */
function kernelTrap(k: Kernel, process: Process | undefined, { cause, tval, tinfo, epc }: TrapFacts): void {
  const module = moduleAt(k, epc) ?? (process ? moduleName(process) : null);
  const location = process ? sourceLocation(process, epc) : undefined;
  const message = `${describeFault(cause, tval, tinfo)} in kernel mode`;
  if (cause === TRAP.PAGE_FAULT) {
    const access = tinfo & 3;
    const reason = (tinfo >> 4) & 1;
    let stopCode: StopCodeName = "PAGE_FAULT_IN_NONPAGED_AREA";
    if (reason === REASON.PROTECTION && access === ACCESS.WRITE)
      stopCode = "ATTEMPTED_WRITE_TO_READONLY_MEMORY";
    if (reason === REASON.PROTECTION && access === ACCESS.EXECUTE)
      stopCode = "ATTEMPTED_EXECUTE_OF_NOEXECUTE_MEMORY";
    const pte = pteOf(k, tval);
    const parameters =
      stopCode === "PAGE_FAULT_IN_NONPAGED_AREA" ? [tval, access, epc, reason] : [tval, pte, epc, 0];
    const fault = {
      address: tval,
      pc: epc,
      ...pageFaultDetail(tinfo),
      frame: pte & PTE.PRESENT ? pte >>> 12 : null,
    };
    bugcheck(k, stopCode, parameters, { module, message, location, fault });
    return;
  }
  bugcheck(k, "KMODE_EXCEPTION_NOT_HANDLED", [EXCEPTION_CODES[cause] ?? cause, epc, tval, 0], {
    module,
    message,
    location,
  });
}

/** How the watchdog found the processor: parameter 4 of CLOCK_WATCHDOG_TIMEOUT. */
export const LOCKUP = { RUNNING: 0, HALTED: 1, TRAP_UNHANDLED: 2 } as const;
type Lockup = (typeof LOCKUP)[keyof typeof LOCKUP];

const LOCKUP_WORDS: Record<Lockup, string> = {
  [LOCKUP.RUNNING]: "ran with no timer interrupt",
  [LOCKUP.HALTED]: "halted with interrupts off",
  [LOCKUP.TRAP_UNHANDLED]: "ran with no timer interrupt, and did not handle the watchdog's trap either,",
};

/**
 * The watchdog fired: no timer interrupt for lockupTicks, because ring-0 code disabled interrupts and
 * never gave them back, switched the timer off or masked its line (or broke the trap path, so that
 * even the watchdog's trap went unhandled and the watchdog stopped the processor). Nothing else can
 * run, so the machine stops, naming the code that was running (at the halt when it halted there).
 */
export function hardLockup(k: Kernel, process: Process | undefined, pc: number, how: Lockup): void {
  const module = moduleAt(k, pc) ?? (process?.ring === "kernel" ? moduleName(process) : null);
  const location = process ? sourceLocation(process, pc) : undefined;
  bugcheck(k, "CLOCK_WATCHDOG_TIMEOUT", [k.lockupTicks ?? 0, 0, pc, how], {
    module,
    message: `the processor ${LOCKUP_WORDS[how]} for ${k.lockupTicks} ticks: the watchdog, which no mask stops, fired`,
    location,
  });
}

/**
 * A kernel-mode driver's thread trapped from ring 3: it dropped itself there (`mtcr status`, an `iret`
 * to user mode, a forged trap frame). It is still kernel code with kernel data, so this is not a
 * user-mode crash to restart: the machine stops, as Windows does for an exception in a system thread.
 */
function kernelThreadInUserMode(k: Kernel, process: Process, { cause, tval, tinfo, epc }: TrapFacts): void {
  bugcheck(k, "SYSTEM_THREAD_EXCEPTION_NOT_HANDLED", [EXCEPTION_CODES[cause] ?? cause, epc, tval, 3], {
    module: moduleName(process),
    message: `${process.name}, a kernel-mode driver, was found running in ring 3 (${describeFault(cause, tval, tinfo)})`,
    location: sourceLocation(process, epc),
  });
}

/** Entered from the double-fault stub: a trap happened while entering the trap handler. */
export function handleDoubleFault(k: Kernel): void {
  const cr = k.machine.cpu.cr;
  const epc = cr[CR.EPC] >>> 0;
  bugcheck(k, "UNEXPECTED_KERNEL_MODE_TRAP", [8, cr[CR.TVAL], epc, cr[CR.TINFO]], {
    module: moduleAt(k, epc),
    message: `double fault: a ${TRAP_NAMES[cr[CR.TVAL]] ?? "trap"} happened and its handler at ${hex(cr[CR.TINFO], 1)} could not be entered`,
  });
}

function deviceInterrupt(k: Kernel, line: number): void {
  k.machine.ports.write(PORT.IRQ_ACK, 1 << line);
  if (line === IRQ.CONSOLE) k.shell.onConsoleInput();
  else if (line === IRQ.EVENTS) distributeEvents(k);
}

/** Windows exception codes for the non-page-fault traps, shown as the first stop parameter. */
const EXCEPTION_CODES: Record<number, number> = {
  [TRAP.ILLEGAL_INSTRUCTION]: 0xc000001d,
  [TRAP.PROTECTION_FAULT]: 0xc0000096,
  [TRAP.DIVIDE_BY_ZERO]: 0xc0000094,
  [TRAP.BREAKPOINT]: 0x80000003,
};

export function describeFault(cause: number, tval: number, tinfo: number): string {
  switch (cause) {
    case TRAP.PAGE_FAULT: {
      const { access, reason } = pageFaultDetail(tinfo);
      const verb = access === "read" ? "reading" : access === "write" ? "writing" : "executing";
      return `page fault ${verb} ${hex(tval)} (${reason === "protection" ? "protection" : "not mapped"})`;
    }
    case TRAP.PROTECTION_FAULT:
      return `privileged instruction ${hex(tval)} in user mode`;
    case TRAP.ILLEGAL_INSTRUCTION:
      return `illegal instruction ${hex(tval)}`;
    case TRAP.DIVIDE_BY_ZERO:
      return "divide by zero";
    case TRAP.BREAKPOINT:
      return "breakpoint";
    default:
      return TRAP_NAMES[cause] ?? `trap ${cause}`;
  }
}
