/**
 * Drivers: the same image, loaded in either ring.
 *
 * Kernel mode: the image is mapped into the kernel half (shared by every address space) and runs as a
 * kernel thread in ring 0. The loader rewrites each kernel API stub's `sys N` into `hcall N`, a direct
 * call. Any fault there is a bugcheck.
 *
 * User mode: the image runs in a driver host process in ring 3; its stubs stay system calls. A fault
 * kills the host process only; the restart policy brings it back, and the event it was working on
 * completes with DRIVER_PROCESS_TERMINATED.
 */

import type { SensorEvent } from "../machine/devices/eventSource";
import { ACCESS, encode, OP, PAGE_SIZE, PTE, REG } from "../machine/isa";
import { unmapPage } from "../machine/pageTables";
import { err, ok, type Result } from "../shared/result";
import type { Image } from "../toolchain/image";
import { relocate } from "../toolchain/relocate";
import { mapFresh, mapImage } from "./addressSpace";
import { bugcheck } from "./bugcheck";
import { ROOT } from "./fileAccess";
import type { Kernel } from "./kernel";
import type { DriverMode } from "./kernelLog";
import { createModuleObject, createProcessObject, removeEntry } from "./kernelObjects";
import {
  DRIVER_REGION,
  DRIVER_SLOT_BYTES,
  DRIVER_SLOTS,
  KERNEL_STACK_BYTES,
  KERNEL_STACK_SLOT,
  STACK_REGION,
} from "./layout";
import { driverOf, moduleName } from "./modules";
import { poolFree } from "./pool";
import { newThread, type Process, ringOf } from "./process";
import { baseName, buildFromDisk, createUserProcess, exitProcess, killProcess } from "./programs";
import { DEFAULT_RESTART_POLICY, decideRestart, type RestartPolicy } from "./restartPolicy";
import { makeReady } from "./scheduler";
import { deliverEvent, ERROR } from "./services";
import { applyFailurePolicy, verifyForLoad } from "./verifiedLoad";

export type DriverState = "running" | "restarting" | "failed" | "exited" | "unloaded";

export interface DriverRecord {
  /** "sensor.sys" */
  name: string;
  path: string;
  mode: DriverMode;
  boot: boolean;
  checked: boolean;
  state: DriverState;
  pid: number | undefined;
  crashes: number;
  restarts: number;
  failureTicks: number[];
  policy: RestartPolicy;
  /**
   * What happens to an event whose verdict never comes (the handler's process died with it in flight):
   * allowed (fail open, the default) or blocked (fail closed).
   */
  onFailure: FailurePolicy;
  restartAtTick: number | undefined;
  /** Kernel mode: the module list entry in the pool, the slot and the image as mapped. */
  moduleObject: number;
  slot: number | undefined;
  loadedImage: Image | undefined;
  /** Events handed to this driver and not yet asked for. */
  queue: SensorEvent[];
  /** The event the driver is working on: asking for the next one completes it. */
  inFlight: SensorEvent | undefined;
  eventsDelivered: number;
  /** Cycles its thread has run, kept across restarts. */
  cycles: number;
  lastMessage: string | undefined;
}

export type FailurePolicy = "allow" | "block";

export interface InsmodOptions {
  boot?: boolean;
  checked?: boolean;
  policy?: Partial<RestartPolicy>;
  onFailure?: FailurePolicy;
}

const QUEUE_LIMIT = 256;
/** Ticks a user-mode driver may run without any kernel call before it is considered hung. */
export const HEARTBEAT_TICKS = 100;

export function driverName(path: string): string {
  return `${baseName(path)}.sys`;
}

/** Loads a driver; its record, or an error message. */
export function insmod(
  k: Kernel,
  path: string,
  mode: DriverMode,
  options: InsmodOptions = {},
): Result<DriverRecord, string> {
  const name = driverName(path);
  const existing = k.drivers.get(name);
  if (
    existing &&
    existing.state !== "unloaded" &&
    existing.state !== "exited" &&
    existing.state !== "failed"
  ) {
    return err(`${name} is already loaded (rmmod ${name} first)`);
  }
  const built = buildFromDisk(k, path, options.checked ?? false);
  if (!built.ok) {
    k.emit({ kind: "driver-load-failed", path, mode, message: built.error });
    return built;
  }
  if (mode === "verified") {
    // Proven safe before it runs, or not loaded at all (verifiedLoad.ts).
    const verified = verifyForLoad(k, name, built.value);
    if (!verified.ok) {
      k.emit({ kind: "driver-load-failed", path, mode, message: verified.error });
      return verified;
    }
  }
  const record: DriverRecord = {
    name,
    path,
    mode,
    boot: options.boot ?? false,
    checked: options.checked ?? false,
    state: "running",
    pid: undefined,
    crashes: 0,
    restarts: 0,
    failureTicks: [],
    policy: { ...DEFAULT_RESTART_POLICY, ...options.policy },
    onFailure: options.onFailure ?? "allow",
    restartAtTick: undefined,
    moduleObject: 0,
    slot: undefined,
    loadedImage: undefined,
    queue: [],
    inFlight: undefined,
    eventsDelivered: 0,
    cycles: 0,
    lastMessage: undefined,
  };
  const started =
    ringOf(mode) === "kernel"
      ? startKernelDriver(k, record, built.value)
      : startUserDriver(k, record, built.value);
  if (!started.ok) {
    k.emit({ kind: "driver-load-failed", path, mode, message: started.error });
    return started;
  }
  k.drivers.set(name, record);
  // The event feed plays from the first driver loaded in a boot, and again for a driver loaded after
  // it ended: a learner who reads for a minute before loading a sensor still sees it meet the events.
  const events = k.machine.devices.events;
  if (events.held() || events.ended()) events.startAt(k.machine.cpu.cycles);
  k.emit({ kind: "driver-load", driver: name, mode, path, boot: record.boot });
  k.dmesg(`loaded ${name} in ${mode} mode${record.boot ? " (boot-start)" : ""}`);
  return ok(record);
}

function startUserDriver(k: Kernel, record: DriverRecord, image: Image): Result<Process, string> {
  // A user-mode driver runs as a low-privilege account of its own, named after it.
  const process = createUserProcess(k, record.name, image, "driver", record.name, record.name);
  if (!process.ok) return process;
  record.pid = process.value.pid;
  record.state = "running";
  return process;
}

function startKernelDriver(k: Kernel, record: DriverRecord, linked: Image): Result<Process, string> {
  const used = new Set([...k.drivers.values()].filter((d) => d.state === "running").map((d) => d.slot));
  let slot = 0;
  while (slot < DRIVER_SLOTS && used.has(slot)) slot++;
  if (slot >= DRIVER_SLOTS) return err("no free kernel driver slot");
  const span = linked.sections.reduce((end, s) => Math.max(end, s.start + s.size), linked.base) - linked.base;
  if (span > DRIVER_SLOT_BYTES) return err(`${record.name} is too large for kernel mode (${span} bytes)`);
  const base = DRIVER_REGION + slot * DRIVER_SLOT_BYTES;
  const image = relocate(linked, base);
  const memory = k.machine.memory;
  const owner = `driver ${record.name}`;
  const directory = k.record.memory.kernelDirectory;
  const fail = (why: string) => {
    unmapSlot(k, base);
    k.frames.releaseAll(owner);
    return err(why);
  };
  if (!mapImage(k, directory, image, false, owner)) return fail("out of memory");
  // Link the kernel API as direct calls: each stub's `sys N` becomes `hcall N`.
  for (const site of image.kernelCalls) {
    const pa = k.machine.mmu.peek(site.address, 0, false);
    if (pa >= 0) memory.write32(pa, encode(OP.HCALL, 0, 0, 0, site.service, "K"));
  }
  // A kernel stack with an unmapped guard page below it: overflowing it is a page fault in the kernel.
  const stackBottom = STACK_REGION + slot * KERNEL_STACK_SLOT + PAGE_SIZE;
  if (!mapFresh(k, directory, stackBottom, stackBottom + KERNEL_STACK_BYTES, PTE.WRITABLE, owner))
    return fail("out of memory");
  k.machine.mmu.flush();
  const moduleObject = createModuleObject(k, base, span, record.name);
  const pid = k.record.scheduler.nextPid++;
  const object = createProcessObject(k, pid, record.name);
  if (moduleObject === 0 || object === 0) return fail("the kernel pool is exhausted");
  const process: Process = {
    pid,
    name: record.name,
    role: "driver",
    ring: "kernel",
    directory,
    thread: newThread(image.entry, stackBottom + KERNEL_STACK_BYTES, 0, k.tick),
    image,
    object,
    owner,
    account: ROOT,
    driver: record.name,
    stackSlot: slot,
    startedAtTick: k.tick,
  };
  record.slot = slot;
  record.moduleObject = moduleObject;
  record.loadedImage = image;
  record.pid = pid;
  record.state = "running";
  k.record.processes.set(pid, process);
  makeReady(k, process);
  k.emit({ kind: "process-start", pid, name: record.name, role: "driver" });
  return ok(process);
}

function unmapSlot(k: Kernel, base: number): void {
  for (let va = base; va < base + DRIVER_SLOT_BYTES; va += PAGE_SIZE)
    unmapPage(k.machine.memory, k.record.memory.kernelDirectory, va);
  k.machine.mmu.flush();
}

/** Called when a driver's process or thread has ended; `failure` says why if it died. */
export function onDriverEnded(k: Kernel, process: Process, failure: string | undefined): void {
  const record = process.driver ? k.drivers.get(process.driver) : undefined;
  if (!record || record.pid !== process.pid) return;
  record.pid = undefined;
  record.cycles += process.thread.cycles;
  if (record.inFlight) {
    const request = `event ${describeEvent(record.inFlight)}`;
    const unanswered = record.inFlight;
    record.inFlight = undefined;
    if (failure !== undefined) {
      applyFailurePolicy(k, record, unanswered);
      k.emit({
        kind: "request-terminated",
        driver: record.name,
        request,
        status: "DRIVER_PROCESS_TERMINATED",
      });
      k.dmesg(`${request} completed with DRIVER_PROCESS_TERMINATED`);
    }
  }
  if (failure === undefined) {
    if (record.state === "running") record.state = "exited";
    return;
  }
  record.crashes++;
  record.lastMessage = failure;
  record.failureTicks.push(k.tick);
  k.emit({
    kind: "driver-crash",
    driver: record.name,
    mode: record.mode,
    message: failure,
    crashes: record.crashes,
  });
  const decision = decideRestart(record.policy, record.failureTicks, k.tick);
  if (decision.action === "give-up") {
    record.state = "failed";
    k.emit({
      kind: "driver-give-up",
      driver: record.name,
      failures: decision.failures,
      windowTicks: record.policy.windowTicks,
    });
    k.print(`[${record.name} failed ${decision.failures} times; the kernel stopped restarting it]\r\n`);
    k.dmesg(`${record.name}: giving up after ${decision.failures} failures`);
    return;
  }
  record.state = "restarting";
  record.restartAtTick = k.tick + decision.delayTicks;
  k.emit({
    kind: "driver-restart-scheduled",
    driver: record.name,
    attempt: decision.attempt,
    delayTicks: decision.delayTicks,
  });
  if (decision.delayTicks === 0) restartDriver(k, record);
}

export function restartDriver(k: Kernel, record: DriverRecord): void {
  record.restartAtTick = undefined;
  const built = buildFromDisk(k, record.path, record.checked);
  const started = built.ok ? startUserDriver(k, record, built.value) : built;
  if (!started.ok) {
    record.state = "failed";
    record.lastMessage = started.error;
    return;
  }
  record.restarts++;
  k.emit({ kind: "driver-restart", driver: record.name, attempt: record.restarts });
  k.dmesg(`restarted ${record.name} (restart ${record.restarts}, pid ${started.value.pid})`);
}

/** Every tick: restarts that are due, and the heartbeat of user-mode drivers. */
export function tickDrivers(k: Kernel): void {
  for (const record of k.drivers.values()) {
    if (
      record.state === "restarting" &&
      record.restartAtTick !== undefined &&
      k.tick >= record.restartAtTick
    ) {
      restartDriver(k, record);
    }
    if (record.state !== "running" || ringOf(record.mode) !== "user" || record.pid === undefined) continue;
    const process = k.processes.get(record.pid);
    if (!process) continue;
    // Asleep or waiting in the kernel is answering: only a runnable driver that never reaches the
    // kernel is hung. Its silence counts from the moment it left the kernel.
    if (process.thread.state === "blocked") {
      process.thread.lastKernelCallTick = k.tick;
      continue;
    }
    const silent = k.tick - process.thread.lastKernelCallTick;
    if (silent > HEARTBEAT_TICKS) {
      k.emit({ kind: "driver-hung", driver: record.name, ticks: silent });
      killProcess(k, process, `did not answer its heartbeat for ${silent} ticks`, {
        address: 0,
        pc: process.thread.pc,
      });
    }
  }
}

/** Hands new events from the event source to every running driver's queue and wakes waiting drivers. */
export function distributeEvents(k: Kernel): void {
  const source = k.machine.devices.events;
  const now = k.machine.cpu.cycles;
  for (let event = source.take(now); event !== undefined; event = source.take(now)) {
    for (const record of k.drivers.values()) {
      if (record.state !== "running" && record.state !== "restarting") continue;
      record.queue.push(event);
      if (record.queue.length > QUEUE_LIMIT) record.queue.shift();
    }
  }
  wakeEventWaiters(k);
}

/** Drivers blocked in next_event get their event (or 0 once the feed has ended and nothing is queued). */
export function wakeEventWaiters(k: Kernel): void {
  for (const process of k.processes.values()) {
    const wait = process.thread.wait;
    if (process.thread.state !== "blocked" || wait?.kind !== "event") continue;
    const record = driverOf(k, process);
    if (!record) continue;
    const event = takeEventFor(k, record);
    if (event) {
      if (!deliverEventTo(k, process, record, event, wait.buffer)) continue;
    } else if (k.machine.devices.events.ended()) process.thread.regs[REG.A0] = 0;
    else continue;
    makeReady(k, process);
  }
}

/** Copies an event to a waiting driver's buffer; false if the buffer was bad (and that was handled). */
export function deliverEventTo(
  k: Kernel,
  process: Process,
  record: DriverRecord,
  event: SensorEvent,
  buffer: number,
): boolean {
  const user = process.ring === "user";
  const delivered = deliverEvent(
    { k, memory: { memory: k.machine.memory, directory: process.directory, user } },
    record,
    event,
    buffer,
  );
  if (delivered.ok) {
    process.thread.regs[REG.A0] = 1;
    return true;
  }
  if (user) {
    process.thread.regs[REG.A0] = ERROR.EFAULT;
    return true;
  }
  bugcheck(k, "PAGE_FAULT_IN_NONPAGED_AREA", [delivered.error.address, ACCESS.WRITE, process.thread.pc, 0], {
    module: moduleName(process),
    message: "next_event() was given a bad event buffer by kernel-mode code",
  });
  return false;
}

export function takeEventFor(_k: Kernel, record: DriverRecord): SensorEvent | undefined {
  return record.queue.shift();
}

/** Loads the drivers named in /boot/drivers.conf ("PATH MODE" per line). */
export function loadBootDrivers(k: Kernel): void {
  const conf = k.machine.devices.disk.readText("/boot/drivers.conf") ?? "";
  const entries = parseBootConfig(conf);
  if (entries.length === 0) return;
  k.print("Loading boot-start drivers:\r\n");
  for (const { path, mode } of entries) {
    const loaded = insmod(k, path, mode, { boot: true });
    k.print(`  ${driverName(path)} (${mode} mode) ... ${loaded.ok ? "ok" : "FAILED"}\r\n`);
    if (!loaded.ok) k.print(`    ${loaded.error.split("\n")[0]}\r\n`);
  }
}

export function parseBootConfig(text: string): { path: string; mode: DriverMode }[] {
  const entries: { path: string; mode: DriverMode }[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const [path, mode = "kernel"] = line.split(/\s+/);
    if (mode === "kernel" || mode === "user" || mode === "verified") entries.push({ path, mode });
  }
  return entries;
}

/** Adds or removes a boot-start entry. */
export function setBootStart(k: Kernel, path: string, mode: DriverMode, enabled: boolean): void {
  const disk = k.machine.devices.disk;
  const entries = parseBootConfig(disk.readText("/boot/drivers.conf") ?? "").filter((e) => e.path !== path);
  if (enabled) entries.push({ path, mode });
  disk.write("/boot/drivers.conf", entries.map((e) => `${e.path} ${e.mode}\n`).join(""));
}

/** Unloads a driver: ends its thread or process and frees its image. */
export function rmmod(k: Kernel, name: string): string | undefined {
  const record = k.drivers.get(name) ?? k.drivers.get(`${name}.sys`);
  if (!record || record.state === "unloaded") return `${name}: no such driver loaded`;
  const process = record.pid !== undefined ? k.processes.get(record.pid) : undefined;
  record.state = "unloaded";
  record.restartAtTick = undefined;
  if (process) exitProcess(k, process, 0);
  if (ringOf(record.mode) === "kernel" && record.slot !== undefined) {
    if (record.moduleObject !== 0) {
      if (!removeEntry(k, record.moduleObject)) return undefined;
      poolFree(k, record.moduleObject);
      record.moduleObject = 0;
    }
    unmapSlot(k, DRIVER_REGION + record.slot * DRIVER_SLOT_BYTES);
    const stackBottom = STACK_REGION + record.slot * KERNEL_STACK_SLOT + PAGE_SIZE;
    for (let va = stackBottom; va < stackBottom + KERNEL_STACK_BYTES; va += PAGE_SIZE)
      unmapPage(k.machine.memory, k.record.memory.kernelDirectory, va);
    k.machine.mmu.flush();
    k.frames.releaseAll(`driver ${record.name}`);
  }
  k.emit({ kind: "driver-unload", driver: record.name });
  k.dmesg(`unloaded ${record.name}`);
  return undefined;
}

export function describeEvent(event: SensorEvent): string {
  return `${event.kind}:${event.name}${event.arg ? ` ${event.arg}` : ""}`;
}
