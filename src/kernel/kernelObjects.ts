/**
 * The kernel's objects in guest memory: the process list and the loaded-module list (doubly linked,
 * like Windows' LIST_ENTRY), their entries allocated from the kernel pool, and the system call
 * dispatch table. The kernel keeps its own record of what should be there and checks the guest's copy
 * when it uses it and at every timer tick, so a stray kernel-mode write is found, sooner or later.
 */

import { encodeAscii } from "../shared/ascii";
import { hex } from "../shared/bits";
import { bugcheck } from "./bugcheck";
import type { Kernel } from "./kernel";
import { DATA, DATA_KVA, physicalOf, TEXT, TEXT_KVA } from "./layout";
import { poolAlloc } from "./pool";
import { SERVICE_COUNT } from "./services";

export const LIST_ENTRY = { FLINK: 0, BLINK: 4 } as const;
/** Process object: list entry, pid, then the name (16 bytes). */
export const PROCESS_OBJECT_BYTES = 32;
/** Module object: list entry, base, size, then the name (16 bytes). */
export const MODULE_OBJECT_BYTES = 32;

export const PROCESS_LIST_HEAD = DATA_KVA + DATA.PROCESS_LIST;
export const MODULE_LIST_HEAD = DATA_KVA + DATA.MODULE_LIST;

export function read(k: Kernel, kernelAddress: number): number {
  return k.machine.memory.read32(physicalOf(kernelAddress));
}

export function write(k: Kernel, kernelAddress: number, value: number): void {
  k.machine.memory.write32(physicalOf(kernelAddress), value);
}

export function initList(k: Kernel, head: number): void {
  write(k, head + LIST_ENTRY.FLINK, head);
  write(k, head + LIST_ENTRY.BLINK, head);
}

export function insertTail(k: Kernel, head: number, entry: number): void {
  const last = read(k, head + LIST_ENTRY.BLINK) >>> 0;
  write(k, entry + LIST_ENTRY.FLINK, head);
  write(k, entry + LIST_ENTRY.BLINK, last);
  write(k, last + LIST_ENTRY.FLINK, entry);
  write(k, head + LIST_ENTRY.BLINK, entry);
}

/**
 * Unlinks an entry, checking its neighbours point back at it first (Windows' safe unlinking); a
 * corrupt link is a KERNEL_SECURITY_CHECK_FAILURE. False if it bugchecked.
 */
export function removeEntry(k: Kernel, entry: number): boolean {
  const flink = read(k, entry + LIST_ENTRY.FLINK) >>> 0;
  const blink = read(k, entry + LIST_ENTRY.BLINK) >>> 0;
  if (
    read(k, flink + LIST_ENTRY.BLINK) >>> 0 !== entry ||
    read(k, blink + LIST_ENTRY.FLINK) >>> 0 !== entry
  ) {
    bugcheck(k, "KERNEL_SECURITY_CHECK_FAILURE", [3, entry, flink, blink], {
      module: null,
      message: `a kernel list entry at ${hex(entry, 1)} was corrupt when it was removed`,
    });
    return false;
  }
  write(k, blink + LIST_ENTRY.FLINK, flink);
  write(k, flink + LIST_ENTRY.BLINK, blink);
  return true;
}

/** Allocates and links a process object; its address, or 0 if the pool is exhausted or corrupt. */
export function createProcessObject(k: Kernel, pid: number, name: string): number {
  const object = poolAlloc(k, PROCESS_OBJECT_BYTES, "Proc");
  if (object === 0) return 0;
  write(k, object + 8, pid);
  writeName(k, object + 16, name);
  insertTail(k, PROCESS_LIST_HEAD, object);
  return object;
}

export function createModuleObject(k: Kernel, base: number, size: number, name: string): number {
  const object = poolAlloc(k, MODULE_OBJECT_BYTES, "Modl");
  if (object === 0) return 0;
  write(k, object + 8, base);
  write(k, object + 12, size);
  writeName(k, object + 16, name);
  insertTail(k, MODULE_LIST_HEAD, object);
  return object;
}

function writeName(k: Kernel, address: number, name: string): void {
  const bytes = encodeAscii(name, 16);
  k.machine.memory.writeBytes(physicalOf(address), bytes);
}

/** The address of the stub for a service: what its dispatch table entry must hold. */
export function serviceStub(service: number): number {
  return TEXT_KVA + TEXT.SERVICE_STUBS + service * 8;
}

export function dispatchEntry(service: number): number {
  return DATA_KVA + DATA.DISPATCH_TABLE + service * 4;
}

/** Walks a list from its head; false (after a bugcheck) if it does not match the kernel's record. */
function checkList(k: Kernel, head: number, expected: ReadonlySet<number>, what: string): boolean {
  let entry = head;
  const seen = new Set<number>();
  for (let i = 0; i <= expected.size; i++) {
    const next = read(k, entry + LIST_ENTRY.FLINK) >>> 0;
    if (next === head) break;
    const back = read(k, next + LIST_ENTRY.BLINK) >>> 0;
    if (!expected.has(next) || seen.has(next) || back !== entry) {
      bugcheck(k, "KERNEL_SECURITY_CHECK_FAILURE", [3, entry, next, back], {
        module: null,
        message: `the ${what} list is corrupt: the entry after ${hex(entry, 1)} points to ${hex(next, 1)}`,
      });
      return false;
    }
    seen.add(next);
    entry = next;
  }
  if (seen.size !== expected.size) {
    bugcheck(k, "KERNEL_SECURITY_CHECK_FAILURE", [3, head, seen.size, expected.size], {
      module: null,
      message: `the ${what} list is corrupt: it links ${seen.size} entries, the kernel knows ${expected.size}`,
    });
    return false;
  }
  return true;
}

/** Checks the dispatch table entry of one service before the kernel uses it. */
export function checkDispatchEntry(k: Kernel, service: number): boolean {
  const found = read(k, dispatchEntry(service)) >>> 0;
  const expected = serviceStub(service);
  if (found === expected) return true;
  bugcheck(k, "CRITICAL_STRUCTURE_CORRUPTION", [dispatchEntry(service), found, expected, 1], {
    module: null,
    message: `the system call dispatch table was modified: entry ${service} holds ${hex(found, 1)}`,
  });
  return false;
}

/** The periodic integrity check (every tick): dispatch table, process list, module list. */
export function checkKernelStructures(k: Kernel): boolean {
  for (let service = 0; service < SERVICE_COUNT; service++) if (!checkDispatchEntry(k, service)) return false;
  const processObjects = new Set([...k.processes.values()].map((p) => p.object).filter((o) => o !== 0));
  if (!checkList(k, PROCESS_LIST_HEAD, processObjects, "process")) return false;
  const moduleObjects = new Set([...k.drivers.values()].map((d) => d.moduleObject).filter((o) => o !== 0));
  return checkList(k, MODULE_LIST_HEAD, moduleObjects, "module");
}
