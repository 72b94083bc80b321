/**
 * User processes: build a program from the disk, give it an address space of its own (the kernel half
 * mapped supervisor-only), run it in ring 3, and end it, by exit or by the kernel killing it.
 */

import { PAGE_SIZE, PTE, STATUS_USER } from "../machine/isa";
import { mapPage, readPte } from "../machine/pageTables";
import { err, ok, type Result } from "../shared/result";
import type { Image } from "../toolchain/image";
import { relocate } from "../toolchain/relocate";
import { mapFresh, mapImage } from "./addressSpace";
import type { BuildResult } from "./buildCache";
import { onDriverEnded } from "./drivers";
import { GuestHeap, type HeapArena } from "./guestHeap";
import type { Kernel } from "./kernel";
import type { PageFaultDetail } from "./kernelLog";
import { createProcessObject, removeEntry } from "./kernelObjects";
import { USER_HEAP_BASE, USER_HEAP_MAX, USER_IMAGE_BASE, USER_STACK_BYTES, USER_STACK_TOP } from "./layout";
import { formatLocation, sourceLocation } from "./modules";
import { poolFree } from "./pool";
import { newThread, type Process, type ProcessRole } from "./process";
import { makeReady, retire } from "./scheduler";
import { translateFor } from "./userMemory";

export interface StartOptions {
  quiet?: boolean;
  role?: ProcessRole;
  driver?: string;
  checked?: boolean;
  /** Name shown in ps; the file's base name by default. */
  name?: string;
}

export function baseName(path: string): string {
  return (path.split("/").pop() ?? path).replace(/\.(c|s)$/, "");
}

/** Builds a program or driver from its source on the disk (or finds the build of the same text). */
export function buildFromDisk(k: Kernel, path: string, checked: boolean): BuildResult {
  const source = k.machine.devices.disk.readText(path);
  if (source === undefined) return err(`${path}: no such file`);
  return k.builds.build(path, source, checked);
}

/** Builds and starts a program from the disk; the process, or an error message. */
export function startProgram(
  k: Kernel,
  path: string,
  _args: string[],
  options: StartOptions = {},
): Result<Process, string> {
  const built = buildFromDisk(k, path, options.checked ?? false);
  if (!built.ok) {
    if (!options.quiet) k.print(`${built.error}\r\n`);
    return built;
  }
  return createUserProcess(
    k,
    options.name ?? baseName(path),
    built.value,
    options.role ?? "program",
    options.driver,
  );
}

/** Maps an image into a fresh user address space and makes its thread ready. */
export function createUserProcess(
  k: Kernel,
  name: string,
  linked: Image,
  role: ProcessRole,
  driver?: string,
): Result<Process, string> {
  const pid = k.record.scheduler.nextPid++;
  const owner = `pid ${pid}`;
  const image = linked.base === USER_IMAGE_BASE ? linked : relocate(linked, USER_IMAGE_BASE);
  const memory = k.machine.memory;
  const directory = k.frames.allocate(owner);
  if (directory < 0) return err("out of memory");
  // The kernel half: the same directory entries as the kernel's own, so kernel tables are shared.
  for (let i = 512; i < 1024; i++)
    memory.write32(directory + i * 4, memory.read32(k.record.memory.kernelDirectory + i * 4));
  const fail = (why: string) => {
    k.frames.releaseAll(owner);
    return err(why);
  };

  if (!mapImage(k, directory, image, true, owner)) return fail("out of memory");
  if (
    !mapFresh(k, directory, USER_STACK_TOP - USER_STACK_BYTES, USER_STACK_TOP, PTE.USER | PTE.WRITABLE, owner)
  )
    return fail("out of memory");
  const heap = createUserHeap(k, directory, owner);
  if (heap === undefined) return fail("out of memory");

  const object = createProcessObject(k, pid, name);
  if (object === 0) return fail("the kernel pool is exhausted");
  const process: Process = {
    pid,
    name,
    role,
    ring: "user",
    directory,
    thread: newThread(image.entry, USER_STACK_TOP, STATUS_USER, k.tick),
    image,
    heap,
    object,
    owner,
    ...(driver ? { driver } : {}),
    startedAtTick: k.tick,
  };
  k.record.processes.set(pid, process);
  makeReady(k, process);
  k.emit({ kind: "process-start", pid, name, role: role === "driver" ? "driver" : "program" });
  k.dmesg(`started ${name} (pid ${pid}, user mode)`);
  return ok(process);
}

/** The process heap: one page at first, growing a page at a time up to USER_HEAP_MAX. */
function createUserHeap(k: Kernel, directory: number, owner: string): HeapArena | undefined {
  const arena = { base: USER_HEAP_BASE, end: USER_HEAP_BASE + PAGE_SIZE };
  if (!mapHeapPage(k, directory, owner, USER_HEAP_BASE)) return undefined;
  userHeap(k, { directory, owner, heap: arena }).init();
  return arena;
}

function mapHeapPage(k: Kernel, directory: number, owner: string, va: number): boolean {
  const allocate = () => k.frames.allocate(owner);
  const frame = allocate();
  return frame >= 0 && mapPage(k.machine.memory, directory, va, frame, PTE.USER | PTE.WRITABLE, allocate);
}

/** The heap of a user process, as a heap that works on its arena through the process's page tables. */
export function userHeap(
  k: Kernel,
  process: Pick<Process, "directory" | "owner"> & { heap: HeapArena },
): GuestHeap {
  const memory = k.machine.memory;
  const accessor = { memory, directory: process.directory, user: false };
  return new GuestHeap(
    {
      read32: (address) => {
        const pa = translateFor(accessor, address, 0);
        return pa < 0 ? undefined : memory.read32(pa);
      },
      write32: (address, value) => {
        const pa = translateFor(accessor, address, 1);
        if (pa < 0) return false;
        memory.write32(pa, value);
        return true;
      },
    },
    process.heap,
    (end, wanted) => {
      let added = 0;
      while (added < wanted && end + added < USER_HEAP_BASE + USER_HEAP_MAX) {
        if (!mapHeapPage(k, process.directory, process.owner, end + added)) break;
        added += PAGE_SIZE;
      }
      return added;
    },
  );
}

/** Ends a process and frees what it held. */
function endProcess(k: Kernel, process: Process): void {
  retire(k, process);
  if (process.object !== 0 && k.state === "running") {
    if (!removeEntry(k, process.object)) return;
    poolFree(k, process.object);
  }
  k.record.processes.delete(process.pid);
  if (process.ring === "user") k.frames.releaseAll(process.owner);
  k.shell.onProcessEnded(process);
}

export function exitProcess(k: Kernel, process: Process, code: number): void {
  process.exitCode = code;
  k.emit({ kind: "process-exit", pid: process.pid, name: process.name, code });
  k.dmesg(`${process.name} (pid ${process.pid}) exited with code ${code}`);
  endProcess(k, process);
  onDriverEnded(k, process, undefined);
}

/** The kernel ends a process that faulted (or panicked, or hung); only that process is lost. */
export function killProcess(
  k: Kernel,
  process: Process,
  message: string,
  where: { address: number; pc: number; pageFault?: PageFaultDetail },
  locate = true,
): void {
  const location = sourceLocation(process, where.pc);
  const located = locate && location ? `${message} (${formatLocation(location)})` : message;
  // Read now, while the process's address space still exists.
  const pte = where.address === 0 ? 0 : readPte(k.machine.memory, process.directory, where.address) >>> 0;
  k.emit({
    kind: "process-fault",
    pid: process.pid,
    name: process.name,
    message: located,
    address: where.address,
    pc: where.pc,
    pageFault: where.pageFault ?? null,
    location: location ?? null,
    frame: pte & PTE.PRESENT ? pte >>> 12 : null,
  });
  k.print(`\r\n[${process.name} (pid ${process.pid}) was stopped: ${located}]\r\n`);
  k.dmesg(`killed ${process.name} (pid ${process.pid}): ${located}`);
  endProcess(k, process);
  onDriverEnded(k, process, located);
}
