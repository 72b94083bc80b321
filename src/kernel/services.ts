/**
 * The kernel services (the kernel API of docs/kernel-api.md), one table, the same for both rings.
 * From user mode they are system calls: every pointer is checked against the caller's own pages and a
 * bad one gets -EFAULT. From kernel mode they are direct calls and pointers are trusted, as real kernels
 * trust drivers: a bad one faults inside the kernel and the machine bugchecks.
 */

import { ACCESS_NAMES, STATUS_USER } from "../machine/isa";
import { encodeAscii } from "../shared/ascii";
import { KERNEL_SERVICES } from "../shared/kernelApi";
import { formatPrintf } from "../shared/printf";
import { LIBRARY_FILE } from "../toolchain/c/prelude";
import { bugcheck } from "./bugcheck";
import { type DriverRecord, takeEventFor } from "./drivers";
import type { Kernel } from "./kernel";
import { checkDispatchEntry } from "./kernelObjects";
import type { Process, Wait } from "./process";
import { exitProcess, killProcess } from "./programs";
import { type AccessFault, type Accessor, copyIn, copyOut, isFault, read32, readString } from "./userMemory";

export const SERVICE_COUNT = KERNEL_SERVICES.length;

export const ERROR = { EFAULT: -14, ENOENT: -2, EINVAL: -22, ENOSYS: -38, ENOSPC: -28, ENOMEM: -12 } as const;

const MAX_PATH = 128;
const MAX_FORMAT = 1024;
const MAX_IO = 64 * 1024;

/** What a service did: a result for a0, or the caller blocks, or it is gone (exited, killed, bugcheck). */
export type ServiceOutcome = { result: number } | { block: Wait } | { gone: true };

export interface ServiceCall {
  k: Kernel;
  process: Process;
  /** a0..a3 as the caller passed them. */
  args: Int32Array;
  user: boolean;
  memory: Accessor;
  /** Cycles the service's work costs, added to the clock. */
  cost: number;
}

type Service = (call: ServiceCall) => ServiceOutcome | AccessFault;

const result = (value: number): ServiceOutcome => ({ result: value | 0 });

function path(call: ServiceCall, address: number): string | AccessFault {
  const text = readString(call.memory, address, MAX_PATH);
  if (typeof text === "string") call.cost += text.length;
  return text;
}

const services: Record<string, Service> = {
  exit: (call) => {
    exitProcess(call.k, call.process, call.args[0]);
    return { gone: true };
  },

  printf: (call) => {
    const format = readString(call.memory, call.args[0], MAX_FORMAT);
    if (isFault(format)) return format;
    // a1..a3 hold the first three arguments after the format; the rest are on the caller's stack.
    let index = 1;
    let stackFault: AccessFault | undefined;
    const sp = call.process.thread.regs[14] >>> 0;
    const formatted = formatPrintf(format, {
      next: () => {
        const i = index++;
        if (i < 4) return call.args[i];
        const word = read32(call.memory, sp + 4 * (i - 4));
        if (isFault(word)) {
          stackFault ??= word;
          return 0;
        }
        return word;
      },
      string: (address) => {
        const text = readString(call.memory, address, MAX_FORMAT);
        return isFault(text) ? undefined : text;
      },
    });
    if (stackFault) return stackFault;
    if (formatted.badPointer !== undefined) return { address: formatted.badPointer, access: 0 };
    writeOutput(call, formatted.text);
    return result(formatted.text.length);
  },

  putchar: (call) => {
    writeOutput(call, String.fromCharCode(call.args[0] & 0xff));
    return result(call.args[0] & 0xff);
  },

  malloc: (call) => {
    const size = call.args[0] >>> 0;
    if (call.user) {
      const heap = call.process.heap;
      if (!heap) return result(0);
      const allocated = heap.alloc(size, "Heap");
      if (!allocated.ok) return heapCorrupt(call, allocated.corruption.header);
      return result(allocated.value);
    }
    return result(call.k.poolAlloc(size, poolTag(call.process)));
  },

  free: (call) => {
    const pointer = call.args[0] >>> 0;
    if (pointer === 0) return result(0);
    if (call.user) {
      const heap = call.process.heap;
      if (!heap) return result(0);
      const freed = heap.free(pointer);
      if (!freed.ok) return heapCorrupt(call, freed.corruption.header);
      if (!freed.value) return heapCorrupt(call, pointer);
      return result(0);
    }
    call.k.poolFree(pointer);
    return result(0);
  },

  read_file: (call) => {
    const name = path(call, call.args[0]);
    if (isFault(name)) return name;
    const data = call.k.machine.devices.disk.read(name);
    if (data === undefined) return result(ERROR.ENOENT);
    const n = Math.max(0, Math.min(call.args[2], data.length, MAX_IO));
    const fault = copyOut(call.memory, call.args[1], data.subarray(0, n));
    if (fault) return fault;
    call.cost += n;
    return result(n);
  },

  write_file: (call) => {
    const name = path(call, call.args[0]);
    if (isFault(name)) return name;
    const length = call.args[2];
    if (length < 0 || length > MAX_IO) return result(ERROR.EINVAL);
    const data = copyIn(call.memory, call.args[1], length);
    if (isFault(data)) return data;
    // The I/O goes through a buffer from the kernel pool, as a real I/O manager's does: this is where
    // a pool corrupted by someone else is found, in the middle of an innocent program's write.
    const buffer = call.k.poolAlloc(length, "IoBf");
    if (call.k.state !== "running") return { gone: true };
    if (buffer !== 0) call.k.poolFree(buffer);
    if (call.k.state !== "running") return { gone: true };
    call.cost += length;
    return result(call.k.machine.devices.disk.write(name, data) ? length : ERROR.ENOSPC);
  },

  remove: (call) => {
    const name = path(call, call.args[0]);
    if (isFault(name)) return name;
    if (!call.k.machine.devices.disk.remove(name)) return result(ERROR.ENOENT);
    call.k.record({ kind: "file-removed", path: name });
    return result(0);
  },

  next_event: (call) => {
    const driver = call.k.driverOf(call.process);
    const buffer = call.args[0] >>> 0;
    // Asking for the next event completes the one before.
    if (driver) driver.inFlight = undefined;
    const event = driver ? takeEventFor(call.k, driver) : undefined;
    if (event) return deliverEvent(call, driver as DriverRecord, event, buffer);
    if (!driver || call.k.machine.devices.events.ended()) return result(0);
    return { block: { kind: "event", buffer } };
  },

  sleep: (call) => ({ block: { kind: "sleep", until: call.k.tick + Math.max(1, call.args[0]) } }),

  ticks: (call) => result(call.k.tick),

  getpid: (call) => result(call.process.pid),

  yield: (call) => {
    call.k.requestReschedule(true);
    return result(0);
  },

  panic: (call) => {
    const message = readString(call.memory, call.args[0], 256);
    const text = isFault(message) ? "(unreadable message)" : message;
    if (call.user) {
      // Name the line that called panic, unless that is the C library's own bounds-check helper, whose
      // message already says where the check failed.
      const caller = (call.process.thread.regs[15] - 4) >>> 0;
      const where = call.k.sourceOf(call.process, caller);
      const locate = where !== undefined && !where.startsWith(`${LIBRARY_FILE}:`);
      killProcess(call.k, call.process, `panicked: ${text}`, { address: 0, pc: caller }, locate);
      return { gone: true };
    }
    // Type 8 is Windows' code for a compiler-inserted array bounds check (checked mode's, which panics
    // from the C library); an explicit panic() keeps Ringlab's own type, 14.
    const from = call.k.sourceOf(call.process, (call.process.thread.regs[15] - 4) >>> 0);
    const type = from?.startsWith(`${LIBRARY_FILE}:`) ? 8 : 14;
    bugcheck(call.k, "KERNEL_SECURITY_CHECK_FAILURE", [type, call.args[0], 0, 0], {
      module: call.k.moduleName(call.process),
      message: `panic in kernel mode: ${text}`,
    });
    return { gone: true };
  },

  rand: (call) => result((call.k.machine.random.next() >>> 16) & 0x7fff),

  set_status: (call) => {
    const text = readString(call.memory, call.args[0], 80);
    if (isFault(text)) return text;
    call.process.status = text;
    return result(0);
  },

  getchar: (call) => {
    const byte = call.k.shell.takeInputFor(call.process);
    if (byte !== undefined) return result(byte);
    if (!call.k.shell.isForeground(call.process)) return result(-1);
    return { block: { kind: "input" } };
  },
};

function writeOutput(call: ServiceCall, text: string): void {
  call.cost += text.length;
  call.k.print(text.replace(/\r?\n/g, "\r\n"));
  if (call.process.role === "driver") call.k.dmesg(`${call.process.name}: ${text.replace(/\n$/, "")}`);
}

function poolTag(process: Process): string {
  const base = process.name.replace(/\.sys$/, "");
  return (base.charAt(0).toUpperCase() + base.slice(1, 4)).padEnd(4, " ");
}

/** A user heap found corrupt (or a bad free): the process ends, as with STATUS_HEAP_CORRUPTION. */
function heapCorrupt(call: ServiceCall, address: number): ServiceOutcome {
  killProcess(call.k, call.process, `heap corruption detected at 0x${(address >>> 0).toString(16)}`, {
    address,
    pc: call.process.thread.pc,
  });
  return { gone: true };
}

export function deliverEvent(
  call: Pick<ServiceCall, "k" | "memory">,
  driver: DriverRecord,
  event: import("../machine/devices/eventSource").SensorEvent,
  buffer: number,
): ServiceOutcome | AccessFault {
  const bytes = new Uint8Array(104);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, event.kind, true);
  view.setInt32(4, event.pid, true);
  bytes.set(encodeAscii(event.name, 32), 8);
  bytes.set(encodeAscii(event.arg, 64), 40);
  const fault = copyOut(call.memory, buffer, bytes);
  if (fault) return fault;
  driver.inFlight = event;
  driver.eventsDelivered++;
  return result(1);
}

const table: Service[] = KERNEL_SERVICES.map((s) => services[s.name]);

/**
 * Calls service `number` for `process`: arguments from its saved registers, the result into its a0.
 * `viaTrap` is a system call from user mode (or a `sys` in kernel code) and goes through the dispatch
 * table in guest memory; a direct call from kernel mode does not.
 */
export function callService(k: Kernel, process: Process, number: number, viaTrap: boolean): void {
  const thread = process.thread;
  const user = (thread.status & STATUS_USER) !== 0;
  thread.lastKernelCallTick = k.tick;
  const service = table[number];
  if (service === undefined) {
    thread.regs[1] = ERROR.ENOSYS;
    return;
  }
  if (viaTrap && !checkDispatchEntry(k, number)) return;
  const call: ServiceCall = {
    k,
    process,
    args: thread.regs.slice(1, 5),
    user,
    memory: { memory: k.machine.memory, directory: process.directory, user },
    cost: 20,
  };
  const outcome = service(call);
  k.machine.cpu.cycles += call.cost;
  if (k.state !== "running") return;
  if (isFault(outcome)) {
    if (user) thread.regs[1] = ERROR.EFAULT;
    else kernelPointerFault(k, process, KERNEL_SERVICES[number].name, outcome);
    return;
  }
  if ("result" in outcome) thread.regs[1] = outcome.result;
  else if ("block" in outcome) k.block(process, outcome.block);
}

/** A kernel-mode caller handed the kernel a bad pointer: the kernel faults on it, and that is fatal. */
function kernelPointerFault(k: Kernel, process: Process, service: string, fault: AccessFault): void {
  bugcheck(k, "PAGE_FAULT_IN_NONPAGED_AREA", [fault.address, fault.access, process.thread.pc, 0], {
    module: k.moduleName(process),
    message: `${service}() was given a bad pointer (${ACCESS_NAMES[fault.access]} of 0x${(fault.address >>> 0).toString(16)}) by kernel-mode code`,
    source: k.sourceOf(process, (process.thread.pc - 4) >>> 0),
  });
}
