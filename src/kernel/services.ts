/**
 * The kernel services (the kernel API of docs/kernel-api.md), one table, the same for both rings.
 * From user mode they are system calls: every pointer is checked against the caller's own pages and a
 * bad one gets -EFAULT. From kernel mode they are direct calls and pointers are trusted, as real kernels
 * trust drivers: a bad one faults inside the kernel and the machine bugchecks.
 */

import type { FileMeta } from "../machine/devices/disk";
import type { SensorEvent } from "../machine/devices/eventSource";
import { ACCESS, ACCESS_NAMES, REG, STATUS_USER } from "../machine/isa";
import { encodeAscii } from "../shared/ascii";
import { hex } from "../shared/bits";
import { KERNEL_SERVICES } from "../shared/kernelApi";
import { formatPrintf } from "../shared/printf";
import { err, ok } from "../shared/result";
import { LIBRARY_FILE } from "../toolchain/c/prelude";
import { bugcheck } from "./bugcheck";
import { type DriverRecord, takeEventFor } from "./drivers";
import { checkAccess, type FileOperation, ROOT } from "./fileAccess";
import type { Kernel } from "./kernel";
import { checkDispatchEntry } from "./kernelObjects";
import { driverOf, moduleName, sourceLocation, sourceOf } from "./modules";
import { poolAlloc, poolFree, poolRealloc } from "./pool";
import type { Process, Wait } from "./process";
import { exitProcess, growHeap, killProcess } from "./programs";
import { block, requestReschedule } from "./scheduler";
import {
  type Access,
  type AccessFault,
  type Accessor,
  copyIn,
  copyOut,
  read32,
  readString,
} from "./userMemory";
import { recordVerdict } from "./verifiedLoad";

export const SERVICE_COUNT = KERNEL_SERVICES.length;

export const ERROR = {
  EFAULT: -14,
  ENOENT: -2,
  EACCES: -13,
  EINVAL: -22,
  ENOSYS: -38,
  ENOSPC: -28,
  ENOMEM: -12,
} as const;

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

/** What a service did, or the caller's pointer it could not use. */
type Service = (call: ServiceCall) => Access<ServiceOutcome>;

const result = (value: number): Access<ServiceOutcome> => ok({ result: value | 0 });
const GONE: Access<ServiceOutcome> = ok({ gone: true });

function path(call: ServiceCall, address: number): Access<string> {
  const text = readString(call.memory, address, MAX_PATH);
  if (text.ok) call.cost += text.value.length;
  return text;
}

const services: Record<string, Service> = {
  exit: (call) => {
    exitProcess(call.k, call.process, call.args[0]);
    return GONE;
  },

  printf: (call) => {
    const format = readString(call.memory, call.args[0], MAX_FORMAT);
    if (!format.ok) return format;
    // a1..a3 hold the first three arguments after the format; the rest are on the caller's stack.
    let index = 1;
    let stackFault: AccessFault | undefined;
    const sp = call.process.thread.regs[REG.SP] >>> 0;
    const formatted = formatPrintf(format.value, {
      next: () => {
        const i = index++;
        if (i < 4) return call.args[i];
        const word = read32(call.memory, sp + 4 * (i - 4));
        if (!word.ok) {
          stackFault ??= word.error;
          return 0;
        }
        return word.value;
      },
      string: (address) => {
        const text = readString(call.memory, address, MAX_FORMAT);
        return text.ok ? text.value : undefined;
      },
    });
    if (stackFault) return err(stackFault);
    if (formatted.badPointer !== undefined)
      return err({ address: formatted.badPointer, access: ACCESS.READ });
    writeOutput(call, formatted.text);
    return result(formatted.text.length);
  },

  putchar: (call) => {
    writeOutput(call, String.fromCharCode(call.args[0] & 0xff));
    return result(call.args[0] & 0xff);
  },

  // In user mode the loader binds malloc and free to the process's own heap library (userRuntime.ts);
  // only a hand-written `sys` gets here, and the kernel pool serves kernel mode only.
  malloc: (call) =>
    call.user ? result(0) : result(poolAlloc(call.k, call.args[0] >>> 0, poolTag(call.process))),

  free: (call) => {
    const pointer = call.args[0] >>> 0;
    if (call.user || pointer === 0) return result(0);
    poolFree(call.k, pointer, moduleName(call.process));
    return result(0);
  },

  // Bound to the heap library in user mode, as malloc and free are.
  realloc: (call) => {
    if (call.user) return result(0);
    const resized = poolRealloc(
      call.k,
      call.args[0] >>> 0,
      call.args[1] >>> 0,
      poolTag(call.process),
      moduleName(call.process),
    );
    call.cost += resized.copied / 4;
    return call.k.state === "running" ? result(resized.address) : GONE;
  },

  event_verdict: (call) => {
    const driver = driverOf(call.k, call.process);
    return result(driver && recordVerdict(call.k, driver, call.args[0]) ? 0 : ERROR.EINVAL);
  },

  sbrk: (call) => {
    if (!call.user) return result(0);
    const before = call.process.heap?.end ?? 0;
    const old = growHeap(call.k, call.process, call.args[0]);
    // Fresh pages are zeroed: the caller pays for the memory it gets.
    call.cost += ((call.process.heap?.end ?? 0) - before) / 16;
    return result(old);
  },

  read_file: (call) => {
    const name = path(call, call.args[0]);
    if (!name.ok) return name;
    if (!allowed(call, name.value, "read")) return result(ERROR.EACCES);
    const data = call.k.machine.devices.disk.read(name.value);
    if (data === undefined) return result(ERROR.ENOENT);
    const n = Math.max(0, Math.min(call.args[2], data.length, MAX_IO));
    const copied = copyOut(call.memory, call.args[1], data.subarray(0, n));
    if (!copied.ok) return copied;
    call.cost += n;
    return result(n);
  },

  write_file: (call) => {
    const name = path(call, call.args[0]);
    if (!name.ok) return name;
    const length = call.args[2];
    if (length < 0 || length > MAX_IO) return result(ERROR.EINVAL);
    const data = copyIn(call.memory, call.args[1], length);
    if (!data.ok) return data;
    const owner = allowed(call, name.value, "write", length);
    if (!owner) return result(ERROR.EACCES);
    // The I/O goes through a buffer from the kernel pool, as a real I/O manager's does: this is where
    // a pool corrupted by someone else is found, in the middle of an innocent program's write.
    const buffer = poolAlloc(call.k, length, "IoBf");
    if (call.k.state !== "running") return GONE;
    if (buffer !== 0) poolFree(call.k, buffer);
    if (call.k.state !== "running") return GONE;
    call.cost += length;
    return result(call.k.machine.devices.disk.write(name.value, data.value, owner) ? length : ERROR.ENOSPC);
  },

  remove: (call) => {
    const name = path(call, call.args[0]);
    if (!name.ok) return name;
    if (!allowed(call, name.value, "remove")) return result(ERROR.EACCES);
    if (!call.k.machine.devices.disk.remove(name.value)) return result(ERROR.ENOENT);
    call.k.emit({ kind: "file-removed", path: name.value });
    return result(0);
  },

  next_event: (call) => {
    const driver = driverOf(call.k, call.process);
    const buffer = call.args[0] >>> 0;
    // Asking for the next event completes the one before.
    if (driver) driver.inFlight = undefined;
    const event = driver ? takeEventFor(call.k, driver) : undefined;
    if (event) {
      const delivered = deliverEvent(call, driver as DriverRecord, event, buffer);
      return delivered.ok ? result(1) : delivered;
    }
    if (!driver || call.k.machine.devices.events.ended()) return result(0);
    return ok({ block: { kind: "event", buffer } });
  },

  sleep: (call) => ok({ block: { kind: "sleep", until: call.k.tick + Math.max(1, call.args[0]) } }),

  ticks: (call) => result(call.k.tick),

  getpid: (call) => result(call.process.pid),

  yield: (call) => {
    requestReschedule(call.k, true);
    return result(0);
  },

  panic: (call) => {
    const message = readString(call.memory, call.args[0], 256);
    const text = message.ok ? message.value : "(unreadable message)";
    if (call.user) {
      // Name the line that called panic, unless that is the C library's own bounds-check helper, whose
      // message already says where the check failed.
      const caller = (call.process.thread.regs[REG.LR] - 4) >>> 0;
      const where = sourceOf(call.process, caller);
      const locate = where !== undefined && !where.startsWith(`${LIBRARY_FILE}:`);
      killProcess(call.k, call.process, `panicked: ${text}`, { address: 0, pc: caller }, locate);
      return GONE;
    }
    // Type 8 is Windows' code for a compiler-inserted array bounds check (checked mode's, which panics
    // from the C library); an explicit panic() keeps Ringlab's own type, 14.
    const from = sourceOf(call.process, (call.process.thread.regs[REG.LR] - 4) >>> 0);
    const type = from?.startsWith(`${LIBRARY_FILE}:`) ? 8 : 14;
    bugcheck(call.k, "KERNEL_SECURITY_CHECK_FAILURE", [type, call.args[0], 0, 0], {
      module: moduleName(call.process),
      message: `panic in kernel mode: ${text}`,
    });
    return GONE;
  },

  rand: (call) => result((call.k.machine.random.next() >>> 16) & 0x7fff),

  set_status: (call) => {
    const text = readString(call.memory, call.args[0], 80);
    if (!text.ok) return text;
    call.process.status = text.value;
    return result(0);
  },

  getchar: (call) => {
    const byte = call.k.shell.takeInputFor(call.process);
    if (byte !== undefined) return result(byte);
    if (!call.k.shell.isForeground(call.process)) return result(-1);
    return ok({ block: { kind: "input" } });
  },
};

/**
 * The disk's access model for the caller (fileAccess.ts): the owner and permissions the file has or
 * gets, or undefined when the caller may not, which is logged. Ring 0 acts as root.
 */
function allowed(call: ServiceCall, path: string, operation: FileOperation, bytes = 0): FileMeta | undefined {
  const account = call.user ? call.process.account : ROOT;
  const checked = checkAccess(call.k.machine.devices.disk, account, path, operation, bytes);
  if (checked.ok) return checked.value;
  const { pid, name } = call.process;
  call.k.emit({ kind: "access-denied", pid, name, account, path, operation, reason: checked.error });
  call.k.dmesg(`${name} (${account}) may not ${operation} ${path}: ${checked.error}`);
  return undefined;
}

function writeOutput(call: ServiceCall, text: string): void {
  call.cost += text.length;
  call.k.print(text.replace(/\r?\n/g, "\r\n"));
  if (call.process.role === "driver") call.k.dmesg(`${call.process.name}: ${text.replace(/\n$/, "")}`);
}

function poolTag(process: Process): string {
  const base = process.name.replace(/\.sys$/, "");
  return (base.charAt(0).toUpperCase() + base.slice(1, 4)).padEnd(4, " ");
}

/** Copies an event into a driver's buffer and makes it the driver's event in flight. */
export function deliverEvent(
  call: Pick<ServiceCall, "k" | "memory">,
  driver: DriverRecord,
  event: SensorEvent,
  buffer: number,
): Access<void> {
  const bytes = new Uint8Array(104);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, event.kind, true);
  view.setInt32(4, event.pid, true);
  bytes.set(encodeAscii(event.name, 32), 8);
  bytes.set(encodeAscii(event.arg, 64), 40);
  const copied = copyOut(call.memory, buffer, bytes);
  if (!copied.ok) return copied;
  driver.inFlight = event;
  driver.eventsDelivered++;
  return ok(undefined);
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
    thread.regs[REG.A0] = ERROR.ENOSYS;
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
  if (!outcome.ok) {
    if (user) thread.regs[REG.A0] = ERROR.EFAULT;
    else kernelPointerFault(k, process, KERNEL_SERVICES[number].name, outcome.error);
    return;
  }
  const done = outcome.value;
  if ("result" in done) thread.regs[REG.A0] = done.result;
  else if ("block" in done) block(process, done.block);
}

/** A kernel-mode caller handed the kernel a bad pointer: the kernel faults on it, and that is fatal. */
function kernelPointerFault(k: Kernel, process: Process, service: string, fault: AccessFault): void {
  bugcheck(k, "PAGE_FAULT_IN_NONPAGED_AREA", [fault.address, fault.access, process.thread.pc, 0], {
    module: moduleName(process),
    message: `${service}() was given a bad pointer (${ACCESS_NAMES[fault.access]} of ${hex(fault.address, 1)}) by kernel-mode code`,
    location: sourceLocation(process, (process.thread.pc - 4) >>> 0),
  });
}
