/**
 * Boot: power on, build the kernel's address space and structures in guest memory, greet on the
 * console like a real machine, load the boot-start drivers, start the services and the shell.
 * The disk survives reboots, so a boot-start driver that crashes crashes again at every boot: a boot
 * loop. Safe mode boots without the non-essential drivers; after two failed boots in a row the
 * machine starts the recovery screen (recovery.ts) instead of a normal boot.
 */
import { PORT } from "../machine/devices/ports";
import { CR, encode, OP, PAGE_SIZE, PTE } from "../machine/isa";
import { mapPage } from "../machine/pageTables";
import { KERNEL_SERVICES } from "../shared/kernelApi";
import { loadBootDrivers } from "./drivers";
import { defaultEventFeed } from "./eventFeed";
import { newFrameTable } from "./frames";
import type { Kernel } from "./kernel";
import {
  dispatchEntry,
  initList,
  MODULE_LIST_HEAD,
  PROCESS_LIST_HEAD,
  serviceStub,
  write,
} from "./kernelObjects";
import { newSchedulerRecord } from "./kernelState";
import {
  CYCLES_PER_TICK,
  DRIVER_REGION,
  FIRST_FREE_FRAME,
  FRAME_DATA,
  FRAME_DIRECTORY,
  FRAME_TABLES_FIRST,
  FRAME_TEXT,
  HCALL,
  KERNEL_BASE,
  POOL_BYTES,
  POOL_KVA,
  physicalOf,
  STACK_REGION,
  TEXT,
  TEXT_KVA,
} from "./layout";
import { startProgram } from "./programs";
import { SAFE_MODE_FROM_RECOVERY, startRecoveryScreen } from "./recovery";
import { dispatch } from "./scheduler";
import { installSystemFiles, readServiceList } from "./systemFiles";

export interface BootOptions {
  /** true: straight into safe mode (no wait for the key: the choice is made). */
  safeMode?: boolean;
  /**
   * false: no wait for the safe-mode key at this power-on (a lesson's first boot, which must start where
   * its setup says). Every other boot of a machine with a boot menu offers the key, briefly.
   */
  firmwareWait?: boolean;
  /** Safe mode chosen on the recovery screen (recovery.ts). */
  recovery?: boolean;
}

/** Failed boots in a row after which the machine starts the recovery screen (recovery.ts). */
export const RECOVERY_AFTER_FAILED_BOOTS = 2;
/** Ticks a boot must run without a bugcheck to count as a good boot. */
export const BOOT_PHASE_TICKS = 100;

const MIN_MEMORY = 256 * 1024;

export function bootMachine(k: Kernel, options: BootOptions): void {
  const m = k.machine;
  const r = k.record;
  const power = r.power;
  power.cyclesBeforeThisBoot += m.cpu.cycles;
  m.reset();
  if (power.bootNumber === 0) {
    installSystemFiles(k, k.options.files);
    m.devices.events.load(k.options.events ?? defaultEventFeed(k.options.seed ?? 1));
  }
  // The feed's times count from the first driver loaded in this boot (see insmod).
  m.devices.events.hold();
  // What lived in memory is gone; what the kernel knows across boots (power, log, crash dump) stays.
  r.processes.clear();
  r.drivers.clear();
  r.scheduler = newSchedulerRecord();
  r.bugcheck = undefined;
  r.status = "running";
  power.bootNumber++;
  power.safeMode = options.safeMode ?? false;
  // Not in safe mode: the recovery screen; in safe mode: safe mode chosen on that screen.
  power.recoveryOffered =
    options.recovery === true || (!power.safeMode && power.failedBootsInRow >= RECOVERY_AFTER_FAILED_BOOTS);
  power.booting = true;
  power.bootStartedAtCycles = m.cpu.cycles;
  k.emit({
    kind: "boot",
    bootNumber: power.bootNumber,
    safeMode: power.safeMode,
    recovery: power.recoveryOffered,
  });

  k.print(`Ringlab firmware 1.0\r\nMemory: ${m.memory.size / 1024} KiB\r\n`);
  if (m.memory.size < MIN_MEMORY) {
    k.print("Not enough memory to boot the kernel (it needs 256 KiB).\r\n");
    r.status = "off";
    return;
  }
  const menu = k.options.bootMenuCycles ?? 0;
  if (menu > 0 && !power.safeMode && options.firmwareWait !== false && !power.recoveryOffered) {
    // The firmware waits a moment for a key, as a PC does for F8, at every boot (after a bluescreen
    // too): the way into safe mode when every normal boot crashes before the shell can be used. The
    // recovery screen, which offers safe mode itself, starts without it.
    k.print("Press S (or F8) now to start in safe mode...\r\n");
    r.status = "firmware";
    power.firmwareUntil = m.cpu.cycles + menu;
    return;
  }
  startKernel(k);
}

/** Called by the kernel when the firmware's wait for a key ends. */
export function leaveFirmware(k: Kernel, safeMode: boolean): void {
  k.record.status = "running";
  if (safeMode) {
    k.record.power.safeMode = true;
    k.emit({ kind: "boot", bootNumber: k.bootNumber, safeMode: true, recovery: false });
  }
  startKernel(k);
}

/** The kernel proper: its structures, the boot-start drivers, the services and the shell. */
function startKernel(k: Kernel): void {
  const m = k.machine;
  buildKernelSpace(k);
  k.print(`Ringlab kernel, boot ${k.bootNumber}${k.safeMode ? " (safe mode)" : ""}\r\n`);
  const recovery = k.record.power.recoveryOffered;
  if (recovery && k.safeMode) k.print(SAFE_MODE_FROM_RECOVERY);
  // The timer drives preemption, the watchdog and machine time.
  m.ports.write(PORT.TIMER_PERIOD, CYCLES_PER_TICK);
  // And the watchdog no interrupt mask can stop names the code that stops the timer (traps.ts).
  k.petWatchdog();
  if (recovery && !k.safeMode) {
    startRecoveryScreen(k);
    return;
  }
  if (k.safeMode) k.print("Safe mode: only essential drivers load; no boot-start driver is one.\r\n");
  else loadBootDrivers(k);
  if (k.state !== "running") return;
  const services = readServiceList(k);
  if (services.length > 0) k.print(`Starting services: ${services.join(" ")}\r\n`);
  // Each service runs as an account of its own, with its data in /home/SERVICE/.
  for (const name of services) startProgram(k, `/bin/${name}.c`, [], { quiet: true, account: name });
  k.dmesg(`boot ${k.bootNumber} done${k.safeMode ? " (safe mode)" : ""}`);
  if (k.options.shell !== false) k.shell.start();
  dispatch(k, false);
}

/** The kernel half of every address space, the trap entry stubs, the lists and the pool. */
function buildKernelSpace(k: Kernel): void {
  const m = k.machine;
  const memory = m.memory;
  k.record.memory.frames = newFrameTable(memory.size / PAGE_SIZE, FIRST_FREE_FRAME);
  const directory = FRAME_DIRECTORY * PAGE_SIZE;
  k.record.memory.kernelDirectory = directory;
  // Page tables for the kernel half come from fixed frames, so every process's directory can share them.
  let nextTable = FRAME_TABLES_FIRST * PAGE_SIZE;
  const tableFrames = () => {
    const frame = nextTable;
    nextTable += PAGE_SIZE;
    memory.zero(frame, PAGE_SIZE);
    return frame;
  };
  for (let pa = PAGE_SIZE; pa < memory.size; pa += PAGE_SIZE) {
    const flags = pa === FRAME_TEXT * PAGE_SIZE ? PTE.EXECUTABLE : PTE.WRITABLE;
    mapPage(memory, directory, KERNEL_BASE + pa, pa, flags, tableFrames);
  }
  // Empty tables for the driver and kernel-stack regions, so their directory entries exist from boot.
  for (const region of [DRIVER_REGION, STACK_REGION]) {
    const table = tableFrames();
    memory.write32(directory + (region >>> 22) * 4, table | PTE.PRESENT);
  }

  // The text page: trap entry, double-fault entry, the idle loop, and a stub per kernel service.
  const text = physicalOf(TEXT_KVA);
  const put = (offset: number, word: number) => memory.write32(text + offset, word);
  put(TEXT.TRAP_STUB, encode(OP.HCALL, 0, 0, 0, HCALL.TRAP_ENTRY, "K"));
  put(TEXT.DOUBLE_FAULT_STUB, encode(OP.HCALL, 0, 0, 0, HCALL.DOUBLE_FAULT_ENTRY, "K"));
  put(TEXT.IDLE_LOOP, encode(OP.HALT, 0, 0, 0, 0, "N"));
  put(TEXT.IDLE_LOOP + 4, encode(OP.JAL, 0, 0, 0, -2, "J"));
  for (const service of KERNEL_SERVICES) {
    const offset = serviceStub(service.number) - TEXT_KVA;
    put(offset, encode(OP.HCALL, 0, 0, 0, service.number, "K"));
    put(offset + 4, encode(OP.JALR, 0, 15, 0, 0, "JR"));
    write(k, dispatchEntry(service.number), serviceStub(service.number));
  }
  initList(k, PROCESS_LIST_HEAD);
  initList(k, MODULE_LIST_HEAD);
  memory.zero(FRAME_DATA * PAGE_SIZE + 0x400, PAGE_SIZE - 0x400);

  k.record.memory.pool = { base: POOL_KVA, end: POOL_KVA + POOL_BYTES };
  k.pool.init();

  const cr = m.cpu.cr;
  cr[CR.TVEC] = TEXT_KVA + TEXT.TRAP_STUB;
  cr[CR.DFVEC] = TEXT_KVA + TEXT.DOUBLE_FAULT_STUB;
  cr[CR.PTBR] = directory;
  m.mmu.setPageTableBase(directory);
}
