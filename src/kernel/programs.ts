/**
 * User processes: build a program from the disk, give it an address space of its own (the kernel half
 * mapped supervisor-only), run it in ring 3, and end it, by exit or by the kernel killing it.
 */
import { PAGE_SIZE, PTE, STATUS_USER } from "../machine/isa";
import { mapPage } from "../machine/pageTables";
import type { Image } from "../toolchain/image";
import { relocate } from "../toolchain/relocate";
import { mapFresh, mapImage } from "./addressSpace";
import { buildCached } from "./buildCache";
import { GuestHeap } from "./guestHeap";
import type { Kernel } from "./kernel";
import type { PageFaultDetail } from "./kernelLog";
import { createProcessObject, removeEntry } from "./kernelObjects";
import { USER_HEAP_BASE, USER_HEAP_MAX, USER_IMAGE_BASE, USER_STACK_BYTES, USER_STACK_TOP } from "./layout";
import { newThread, type Process, type ProcessRole } from "./process";
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

/** Builds and starts a program from the disk; the process, or an error message. */
export function startProgram(
  k: Kernel,
  path: string,
  _args: string[],
  options: StartOptions = {},
): Process | string {
  const built = buildCached(k, path, options.checked ?? false);
  if (typeof built === "string") {
    if (!options.quiet) k.print(`${built}\r\n`);
    return built;
  }
  return createUserProcess(
    k,
    options.name ?? baseName(path),
    built,
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
): Process | string {
  const pid = k.nextPid++;
  const owner = `pid ${pid}`;
  const image = linked.base === USER_IMAGE_BASE ? linked : relocate(linked, USER_IMAGE_BASE);
  const memory = k.machine.memory;
  const directory = k.frames.allocate(owner);
  if (directory < 0) return "out of memory";
  // The kernel half: the same directory entries as the kernel's own, so kernel tables are shared.
  for (let i = 512; i < 1024; i++)
    memory.write32(directory + i * 4, memory.read32(k.kernelDirectory + i * 4));
  const fail = (why: string) => {
    k.frames.releaseAll(owner);
    return why;
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
  k.processes.set(pid, process);
  k.makeReady(process);
  k.record({ kind: "process-start", pid, name, role: role === "driver" ? "driver" : "program" });
  k.dmesg(`started ${name} (pid ${pid}, user mode)`);
  return process;
}

/** The process heap: one page at first, growing a page at a time up to USER_HEAP_MAX. */
function createUserHeap(k: Kernel, directory: number, owner: string): GuestHeap | undefined {
  const memory = k.machine.memory;
  const allocate = () => k.frames.allocate(owner);
  const mapHeapPage = (va: number) => {
    const frame = allocate();
    return frame >= 0 && mapPage(memory, directory, va, frame, PTE.USER | PTE.WRITABLE, allocate);
  };
  if (!mapHeapPage(USER_HEAP_BASE)) return undefined;
  const accessor = { memory, directory, user: false };
  const heap = new GuestHeap(
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
    USER_HEAP_BASE,
    PAGE_SIZE,
    (end, wanted) => {
      let added = 0;
      while (added < wanted && end + added < USER_HEAP_BASE + USER_HEAP_MAX) {
        if (!mapHeapPage(end + added)) break;
        added += PAGE_SIZE;
      }
      return added;
    },
  );
  heap.init();
  return heap;
}

/** Ends a process and frees what it held. */
function endProcess(k: Kernel, process: Process): void {
  k.retire(process);
  if (process.object !== 0 && k.state === "running") {
    if (!removeEntry(k, process.object)) return;
    k.poolFree(process.object);
  }
  k.processes.delete(process.pid);
  if (process.ring === "user") k.frames.releaseAll(process.owner);
  k.shell.onProcessEnded(process);
}

export function exitProcess(k: Kernel, process: Process, code: number): void {
  process.exitCode = code;
  k.record({ kind: "process-exit", pid: process.pid, name: process.name, code });
  k.dmesg(`${process.name} (pid ${process.pid}) exited with code ${code}`);
  endProcess(k, process);
  k.onDriverProcessEnded(process, undefined);
}

/** The kernel ends a process that faulted (or panicked, or hung); only that process is lost. */
export function killProcess(
  k: Kernel,
  process: Process,
  message: string,
  where: { address: number; pc: number; pageFault?: PageFaultDetail },
  locate = true,
): void {
  const source = locate ? k.sourceOf(process, where.pc) : undefined;
  const located = source ? `${message} (${source})` : message;
  k.record({
    kind: "process-fault",
    pid: process.pid,
    name: process.name,
    message: located,
    address: where.address,
    pc: where.pc,
    pageFault: where.pageFault ?? null,
  });
  k.print(`\r\n[${process.name} (pid ${process.pid}) was stopped: ${located}]\r\n`);
  k.dmesg(`killed ${process.name} (pid ${process.pid}): ${located}`);
  endProcess(k, process);
  k.onDriverProcessEnded(process, located);
}
