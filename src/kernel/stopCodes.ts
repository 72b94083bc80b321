/**
 * Stop codes, from Windows' list where one fits. The bluescreen shows the name and number; the
 * parameters' meaning is given per code (docs/kernel.md repeats this table).
 */
import { hexUpper } from "../shared/bits";

export interface StopCode {
  name: string;
  code: number;
  /** What the four parameters mean. */
  parameters: [string, string, string, string];
  explanation: string;
}

const table = {
  BAD_POOL_HEADER: {
    code: 0x19,
    parameters: [
      "0x20 (a pool block's header is corrupt)",
      "address of the corrupt header",
      "the header's first word",
      "address of the block before it",
    ],
    explanation:
      "A kernel pool block header was overwritten, usually by the owner of the block before it writing past its end.",
  },
  BAD_POOL_CALLER: {
    code: 0xc2,
    parameters: [
      "7 (a block freed that is not in use: a double free) or 0x46 (an address that is no pool block)",
      "the address given to free",
      "0",
      "0",
    ],
    explanation:
      "Kernel-mode code freed pool memory it does not own: a block freed twice, or an address the pool never handed out.",
  },
  KMODE_EXCEPTION_NOT_HANDLED: {
    code: 0x1e,
    parameters: ["the exception (trap cause)", "address of the instruction", "the trap value", "0"],
    explanation:
      "Kernel-mode code raised an exception (illegal instruction, divide by zero, breakpoint) nothing handled.",
  },
  PAGE_FAULT_IN_NONPAGED_AREA: {
    code: 0x50,
    parameters: [
      "the address referenced",
      "0 read, 1 write, 2 execute",
      "address of the instruction",
      "0 not present, 1 protection",
    ],
    explanation: "Kernel-mode code referenced memory that is not mapped: a wild or out-of-bounds pointer.",
  },
  SYSTEM_THREAD_EXCEPTION_NOT_HANDLED: {
    code: 0x7e,
    parameters: [
      "the exception (trap cause)",
      "address of the instruction",
      "the trap value",
      "3 (the ring the kernel-mode thread was found in)",
    ],
    explanation:
      "A kernel-mode driver's thread trapped from user mode: kernel code dropped itself to ring 3, which no kernel thread may do.",
  },
  UNEXPECTED_KERNEL_MODE_TRAP: {
    code: 0x7f,
    parameters: [
      "8 (double fault)",
      "the first trap's cause",
      "address of the instruction",
      "the handler address that failed",
    ],
    explanation: "A trap happened while the processor was entering a trap handler (a double fault).",
  },
  ATTEMPTED_WRITE_TO_READONLY_MEMORY: {
    code: 0xbe,
    parameters: ["the address written", "the page-table entry", "address of the instruction", "0"],
    explanation: "Kernel-mode code wrote to read-only memory, such as kernel code.",
  },
  ATTEMPTED_EXECUTE_OF_NOEXECUTE_MEMORY: {
    code: 0xfc,
    parameters: ["the address executed", "the page-table entry", "address of the instruction", "0"],
    explanation: "Kernel-mode code jumped into memory that is not executable, such as data.",
  },
  CLOCK_WATCHDOG_TIMEOUT: {
    code: 0x101,
    parameters: [
      "the limit in ticks with no timer interrupt",
      "0",
      "address of the instruction",
      "0 running, 1 halted with interrupts off, 2 the watchdog's own trap went unhandled",
    ],
    explanation:
      "No timer interrupt came for too long: kernel-mode code disabled interrupts, stopped the timer or masked its line, and the watchdog no mask stops fired.",
  },
  CRITICAL_STRUCTURE_CORRUPTION: {
    code: 0x109,
    parameters: [
      "address of the structure",
      "the value found",
      "the value expected",
      "type: 1 dispatch table, 2 module list",
    ],
    explanation:
      "The kernel found one of its critical structures modified (here: the system call dispatch table or the module list).",
  },
  DPC_WATCHDOG_VIOLATION: {
    code: 0x133,
    parameters: [
      "1 (a single kernel thread ran too long)",
      "ticks it ran without yielding",
      "the limit in ticks",
      "address of the instruction",
    ],
    explanation: "Kernel-mode code ran too long without giving the processor back; nothing else could run.",
  },
  KERNEL_SECURITY_CHECK_FAILURE: {
    code: 0x139,
    parameters: [
      "type: 3 corrupt list entry, 8 a checked-mode array bounds check, 14 an explicit panic() (Ringlab's own type)",
      "address of the structure or message",
      "the value found",
      "the value expected",
    ],
    explanation:
      "A kernel-mode check failed: a corrupted list, or a run-time check (such as a checked-mode bounds check) that stopped the machine on purpose.",
  },
} satisfies Record<string, Omit<StopCode, "name">>;

export type StopCodeName = keyof typeof table;

export const STOP_CODES: Record<StopCodeName, StopCode> = Object.fromEntries(
  Object.entries(table).map(([name, info]) => [name, { name, ...info } as StopCode]),
) as Record<StopCodeName, StopCode>;

export function formatStopCode(name: StopCodeName): string {
  return `${name} (${hexUpper(STOP_CODES[name].code)})`;
}
