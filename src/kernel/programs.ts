/**
 * User processes: build a program from the disk, give it an address space of its own (the kernel half
 * mapped supervisor-only), run it in ring 3, and end it, by exit or by the kernel killing it.
 */

import { PAGE_SIZE, PTE, REG, STATUS_USER } from "../machine/isa";
import { readPte } from "../machine/pageTables";
import { err, ok, type Result } from "../shared/result";
import type { Image } from "../toolchain/image";
import { relocate } from "../toolchain/relocate";
import { mapFresh, mapImage } from "./addressSpace";
import type { BuildResult } from "./buildCache";
import { onDriverEnded } from "./drivers";
import { USER_ACCOUNT } from "./fileAccess";
import type { Kernel } from "./kernel";
import type { PageFaultDetail } from "./kernelLog";
import { createProcessObject, removeEntry } from "./kernelObjects";
import { USER_HEAP_BASE, USER_HEAP_MAX, USER_IMAGE_BASE, USER_STACK_BYTES, USER_STACK_TOP } from "./layout";
import { formatLocation, sourceLocation } from "./modules";
import { poolFree } from "./pool";
import { newThread, type Process, type ProcessRole } from "./process";
import { makeReady, retire } from "./scheduler";
import { bindUserImports, type UserRuntime, userRuntime } from "./userRuntime";

export interface StartOptions {
  quiet?: boolean;
  role?: ProcessRole;
  driver?: string;
  checked?: boolean;
  /** Name shown in ps; the file's base name by default. */
  name?: string;
  /** The account it runs as (fileAccess.ts); programs started from the shell run as `user`. */
  account?: string;
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
    options.account ?? USER_ACCOUNT,
    options.driver,
  );
}

/** Maps an image into a fresh user address space and makes its thread ready. */
export function createUserProcess(
  k: Kernel,
  name: string,
  linked: Image,
  role: ProcessRole,
  account: string,
  driver?: string,
): Result<Process, string> {
  const runtime = userRuntime();
  if (!runtime.ok) return runtime;
  const bound = userImageOf(linked, runtime.value);
  if (!bound.ok) return bound;
  const image = bound.value;
  const pid = k.record.scheduler.nextPid++;
  const owner = `pid ${pid}`;
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
  if (!mapImage(k, directory, runtime.value.image, true, owner)) return fail("out of memory");
  if (
    !mapFresh(k, directory, USER_STACK_TOP - USER_STACK_BYTES, USER_STACK_TOP, PTE.USER | PTE.WRITABLE, owner)
  )
    return fail("out of memory");
  // The heap starts as one zeroed page; the process's own library asks for more with sbrk.
  const heap = { base: USER_HEAP_BASE, end: USER_HEAP_BASE + PAGE_SIZE };
  if (!mapFresh(k, directory, heap.base, heap.end, PTE.USER | PTE.WRITABLE, owner))
    return fail("out of memory");

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
    account,
    ...(driver ? { driver } : {}),
    startedAtTick: k.tick,
  };
  k.record.processes.set(pid, process);
  makeReady(k, process);
  k.emit({ kind: "process-start", pid, name, role: role === "driver" ? "driver" : "program" });
  k.dmesg(`started ${name} (pid ${pid}, user mode)`);
  return ok(process);
}

const userImages = new WeakMap<Image, Result<Image, string>>();

/** The image as a user process runs it: linked at USER_IMAGE_BASE, its heap calls bound to the library. */
function userImageOf(linked: Image, runtime: UserRuntime): Result<Image, string> {
  let bound = userImages.get(linked);
  if (bound === undefined) {
    const image = linked.base === USER_IMAGE_BASE ? linked : relocate(linked, USER_IMAGE_BASE);
    bound = bindUserImports(image, runtime);
    userImages.set(linked, bound);
  }
  return bound;
}

/**
 * sbrk for a user process: grows its heap by whole pages of fresh memory, up to USER_HEAP_MAX. Returns
 * the old end of the heap (sbrk(0): the end), or 0 when it cannot grow that far.
 */
export function growHeap(k: Kernel, process: Process, increment: number): number {
  const heap = process.heap;
  if (!heap) return 0;
  const old = heap.end;
  if (increment <= 0) return increment === 0 ? old : 0;
  const wanted = Math.ceil(increment / PAGE_SIZE) * PAGE_SIZE;
  if (wanted > USER_HEAP_BASE + USER_HEAP_MAX - old) return 0;
  if (!mapFresh(k, process.directory, old, old + wanted, PTE.USER | PTE.WRITABLE, process.owner)) return 0;
  heap.end = old + wanted;
  return old;
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

/**
 * A process stopped inside a kernel-API stub (waiting in sleep, say) is at the line that called it: the
 * stub is code the toolchain generated, and its assembly line means nothing to the learner.
 */
function callerOfStub(process: Process, pc: number): number {
  const inStub = process.image.kernelCalls.some((site) => pc >= site.address && pc < site.address + 8);
  return inStub ? (process.thread.regs[REG.LR] - 4) >>> 0 : pc;
}

/** The kernel ends a process that faulted (or panicked, or hung); only that process is lost. */
export function killProcess(
  k: Kernel,
  process: Process,
  message: string,
  where: { address: number; pc: number; pageFault?: PageFaultDetail },
  locate = true,
): void {
  const location = sourceLocation(process, callerOfStub(process, where.pc));
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
