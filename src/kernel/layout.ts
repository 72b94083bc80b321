/**
 * The kernel's memory map.
 *
 * Physical (frames of 4 KiB):
 *   frame 0            never used (page 0 is never mapped anyway)
 *   frame 1            kernel page directory
 *   frames 2..7        kernel page tables: the direct map (up to 4), driver images, kernel stacks
 *   frame 8            kernel text: the trap and double-fault stubs (read + execute)
 *   frame 9            kernel data: list heads, the system call dispatch table (read + write)
 *   frames 10..25      the kernel pool (64 KiB): process and driver objects, kernel-mode driver heaps
 *   frames 26..        free: process pages, driver images, kernel stacks
 *
 * Virtual, the same kernel half in every address space (supervisor-only):
 *   0x80000000 + pa    direct map of all RAM (read + write; kernel text is read + execute)
 *   0xC0000000         kernel-mode driver images, one 256 KiB slot each
 *   0xD0000000         kernel stacks, 16 KiB each with an unmapped guard page below
 * User half, per process:
 *   0x00000000         page 0, never mapped
 *   0x00400000         the program image (text, rodata, data, bss)
 *   0x10000000         the heap, growing up
 *   0x7FFF0000         top of the stack (64 KiB, growing down, guard page below)
 */
import { PAGE_SIZE } from "../machine/isa";

export const KERNEL_BASE = 0x8000_0000;
export const FRAME_DIRECTORY = 1;
export const FRAME_TABLES_FIRST = 2;
export const FRAME_TEXT = 8;
export const FRAME_DATA = 9;
export const POOL_FIRST_FRAME = 10;
export const POOL_FRAMES = 16;
export const FIRST_FREE_FRAME = POOL_FIRST_FRAME + POOL_FRAMES;

export const DRIVER_REGION = 0xc000_0000;
export const DRIVER_SLOT_BYTES = 256 * 1024;
export const DRIVER_SLOTS = 16;
export const STACK_REGION = 0xd000_0000;
export const KERNEL_STACK_BYTES = 16 * 1024;
/** Each kernel stack slot: a guard page then the stack. */
export const KERNEL_STACK_SLOT = KERNEL_STACK_BYTES + PAGE_SIZE;

/**
 * The user-mode C library's heap code (userRuntime.ts), mapped read-only into every user process
 * below its image, within reach of a `jal` from the image's malloc and free stubs.
 */
export const USER_RUNTIME_BASE = 0x0030_0000;
export const USER_IMAGE_BASE = 0x0040_0000;
export const USER_HEAP_BASE = 0x1000_0000;
export const USER_HEAP_MAX = 256 * 1024;
export const USER_STACK_TOP = 0x7fff_0000;
export const USER_STACK_BYTES = 64 * 1024;

/** The kernel virtual address of a physical address (the direct map). */
export const kva = (physical: number): number => (KERNEL_BASE + physical) >>> 0;
/** The physical address behind a direct-map address, or -1. */
export const physicalOf = (virtualAddress: number): number =>
  virtualAddress >>> 0 >= KERNEL_BASE ? (virtualAddress >>> 0) - KERNEL_BASE : -1;

export const TEXT_KVA = kva(FRAME_TEXT * PAGE_SIZE);
export const DATA_KVA = kva(FRAME_DATA * PAGE_SIZE);
export const POOL_KVA = kva(POOL_FIRST_FRAME * PAGE_SIZE);
export const POOL_BYTES = POOL_FRAMES * PAGE_SIZE;

/** Offsets in the kernel text page. */
export const TEXT = {
  /** tvec: `hcall TRAP_ENTRY` (the kernel's one trap path) */
  TRAP_STUB: 0x000,
  /** dfvec: `hcall DOUBLE_FAULT_ENTRY` */
  DOUBLE_FAULT_STUB: 0x010,
  /** Where the processor waits when no thread is ready: `halt` then jump back. */
  IDLE_LOOP: 0x020,
  /** One `hcall N; ret` pair per kernel service: the dispatch table points at these. */
  SERVICE_STUBS: 0x100,
} as const;

/** hcall numbers the kernel reserves for its own entry points (services use their own numbers). */
export const HCALL = { TRAP_ENTRY: 0xfff0, DOUBLE_FAULT_ENTRY: 0xfff1 } as const;

/** Offsets in the kernel data page. */
export const DATA = {
  /** Head of the process list (flink, blink). */
  PROCESS_LIST: 0x000,
  /** Head of the loaded-module list (flink, blink). */
  MODULE_LIST: 0x008,
  /** The system call dispatch table: one word per service, the address of its stub. */
  DISPATCH_TABLE: 0x100,
} as const;

/** Timer period: 10,000 cycles per tick; 100 ticks make one second of machine time. */
export const CYCLES_PER_TICK = 10_000;
export const TICKS_PER_SECOND = 100;
export const CYCLES_PER_SECOND = CYCLES_PER_TICK * TICKS_PER_SECOND;
/** Ticks a user thread runs before the scheduler moves on. */
export const TIME_SLICE_TICKS = 2;
