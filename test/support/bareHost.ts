/**
 * Runs an image on the bare machine (no kernel, paging off) with the kernel API serviced in
 * TypeScript: the tests' stand-in for the kernel until the real one runs programs in both modes.
 *
 * In "user" status the program runs in ring 3 and each kernel API call is a `sys N` trap that the
 * host services and returns from; in "kernel" status the stubs are rewritten to `hcall N`, as the
 * kernel's loader does, and the host services them as direct calls. The host is pluggable: anything
 * that implements BareHost can stand in, so the same runner can check another implementation.
 */

import { CR, encode, OP, REG, STATUS_USER, TRAP, TRAP_NAMES } from "../../src/machine/isa";
import { Machine } from "../../src/machine/machine";
import type { Diagnostic } from "../../src/shared/diagnostic";
import { KERNEL_SERVICES } from "../../src/shared/kernelApi";
import { formatPrintf } from "../../src/shared/printf";
import { type CompileOptions, compile } from "../../src/toolchain/c/index";
import type { Image } from "../../src/toolchain/image";

export type Mode = "user" | "kernel";

export interface TrapInfo {
  cause: number;
  name: string;
  tval: number;
  tinfo: number;
  epc: number;
}

export interface RunResult {
  output: string;
  /** The code passed to exit (main's return value), if the program exited. */
  exitCode?: number;
  /** The message passed to panic, if the program panicked. */
  panic?: string;
  /** An unhandled fault, if one stopped the program. */
  trap?: TrapInfo;
  /** The cycle budget ran out. */
  timedOut: boolean;
  cycles: number;
  instructions: number;
}

/** What a kernel API call can see and do. */
export interface ServiceCall {
  machine: Machine;
  mode: Mode;
  /** Argument k: a0..a3, then the stack at [sp + 4 * (k - 4)]. */
  arg(k: number): number;
  readString(address: number): string;
  write(text: string): void;
}

export type ServiceOutcome =
  | { kind: "return"; value: number }
  | { kind: "exit"; code: number }
  | { kind: "panic"; message: string };

export interface BareHost {
  service(number: number, call: ServiceCall): ServiceOutcome;
}

export interface RunOptions {
  mode: Mode;
  host?: BareHost;
  maxCycles?: number;
  memoryBytes?: number;
  seed?: number;
}

const SERVICE = Object.fromEntries(KERNEL_SERVICES.map((s) => [s.name, s.number])) as Record<string, number>;

/** The reference host: a console, a bump allocator, a clock from cycles, the machine's random numbers. */
export function referenceHost(heapStart: number, heapEnd: number): BareHost {
  let brk = heapStart;
  /** Each block's size, for realloc (the bump allocator never reuses memory). */
  const sizes = new Map<number, number>();
  const allocate = (bytes: number): number => {
    const size = bytes + 7;
    const block = brk;
    if (size > heapEnd - brk) return 0;
    brk += size - (size % 8);
    sizes.set(block, bytes);
    return block;
  };
  return {
    service(number, call) {
      const { arg } = call;
      switch (number) {
        case SERVICE.exit:
          return { kind: "exit", code: arg(0) | 0 };
        case SERVICE.printf: {
          let next = 1;
          const { text } = formatPrintf(call.readString(arg(0)), {
            next: () => arg(next++),
            string: call.readString,
          });
          call.write(text);
          return { kind: "return", value: text.length };
        }
        case SERVICE.putchar:
          call.write(String.fromCharCode(arg(0) & 0xff));
          return { kind: "return", value: arg(0) & 0xff };
        case SERVICE.malloc:
          return { kind: "return", value: allocate(arg(0) >>> 0) };
        case SERVICE.free:
          sizes.delete(arg(0) >>> 0);
          return { kind: "return", value: 0 };
        case SERVICE.realloc: {
          // C's realloc, as the kernel pool and the user heap library have it (docs/kernel-api.md).
          const pointer = arg(0) >>> 0;
          const bytes = arg(1) >>> 0;
          if (pointer === 0) return { kind: "return", value: allocate(bytes) };
          const old = sizes.get(pointer);
          if (old === undefined) return { kind: "panic", message: `realloc(): invalid pointer ${pointer}` };
          if (bytes === 0) {
            sizes.delete(pointer);
            return { kind: "return", value: 0 };
          }
          const fresh = allocate(bytes);
          if (fresh === 0) return { kind: "return", value: 0 };
          const memory = call.machine.memory;
          for (let i = 0; i < Math.min(old, bytes); i++) memory.write8(fresh + i, memory.read8(pointer + i));
          sizes.delete(pointer);
          return { kind: "return", value: fresh };
        }
        case SERVICE.ticks:
          return { kind: "return", value: Math.floor(call.machine.cpu.cycles / 10_000) };
        case SERVICE.getpid:
          return { kind: "return", value: 1 };
        case SERVICE.rand:
          return { kind: "return", value: (call.machine.random.next() >>> 16) & 0x7fff };
        case SERVICE.panic:
          return { kind: "panic", message: call.readString(arg(0)) };
        case SERVICE.getchar:
        case SERVICE.read_file:
        case SERVICE.remove:
          return { kind: "return", value: -1 };
        case SERVICE.write_file:
          return { kind: "return", value: arg(2) };
        default:
          // sleep, yield, set_status, next_event (no events on the bare machine).
          return { kind: "return", value: 0 };
      }
    },
  };
}

export function runProgram(image: Image, options: RunOptions): RunResult {
  const memoryBytes = options.memoryBytes ?? 1 << 20;
  const m = new Machine({ memoryBytes, seed: options.seed ?? 1 });
  m.memory.writeBytes(image.base, image.bytes);
  if (options.mode === "kernel") {
    // What the kernel's loader does in kernel mode: each stub's `sys N` becomes `hcall N`.
    for (const k of image.kernelCalls) {
      const word = encode(OP.HCALL, 0, 0, 0, k.service, "K");
      m.memory.writeBytes(k.address, [word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24]);
    }
  }
  const imageEnd = Math.max(...image.sections.map((s) => s.start + s.size), image.base + image.bytes.length);
  const heapStart = Math.ceil(imageEnd / 4096) * 4096;
  const host = options.host ?? referenceHost(heapStart, memoryBytes - 64 * 1024);
  m.cpu.pc = image.entry;
  m.cpu.regs[REG.SP] = memoryBytes;
  if (options.mode === "user") m.cpu.cr[CR.STATUS] = STATUS_USER;

  const result: RunResult = { output: "", timedOut: false, cycles: 0, instructions: 0 };
  const call: ServiceCall = {
    machine: m,
    mode: options.mode,
    arg: (k) =>
      (k < 4 ? m.cpu.regs[REG.A0 + k]! : m.memory.read32((m.cpu.regs[REG.SP]! >>> 0) + 4 * (k - 4))) | 0,
    readString: (address) => {
      let s = "";
      for (let a = address >>> 0; s.length < 4096; a++) {
        const c = m.memory.read8(a);
        if (c === 0) break;
        s += String.fromCharCode(c);
      }
      return s;
    },
    write: (text) => {
      result.output += text;
    },
  };
  /** Services a call; true when the program goes on. */
  const serve = (number: number): boolean => {
    const outcome = host.service(number, call);
    if (outcome.kind === "return") {
      m.cpu.regs[REG.A0] = outcome.value | 0;
      return true;
    }
    if (outcome.kind === "exit") result.exitCode = outcome.code;
    else result.panic = outcome.message;
    return false;
  };
  m.hcallHandler = (service) => {
    if (!serve(service)) m.requestStop({ kind: "host", detail: "stopped by a kernel API call" });
  };

  const maxCycles = options.maxCycles ?? 50_000_000;
  for (;;) {
    const stop = m.run(Math.min(1_000_000, maxCycles - m.cpu.cycles));
    if (stop.kind === "budget") {
      if (m.cpu.cycles >= maxCycles) {
        result.timedOut = true;
        break;
      }
      continue;
    }
    if (stop.kind === "trap" && stop.cause === TRAP.SYSCALL) {
      if (!serve(stop.tval)) break;
      m.trapReturn();
      continue;
    }
    if (stop.kind === "trap") {
      result.trap = {
        cause: stop.cause,
        name: TRAP_NAMES[stop.cause] ?? `trap ${stop.cause}`,
        tval: stop.tval,
        tinfo: stop.tinfo,
        epc: stop.epc,
      };
    }
    break;
  }
  result.cycles = m.cpu.cycles;
  result.instructions = m.cpu.instructions;
  return result;
}

/** Compiles (base 0x1000) and runs; diagnostics come back instead of a run when there are errors. */
export function compileAndRun(
  source: string,
  options: { mode: Mode; checked?: boolean; file?: string; maxCycles?: number; host?: BareHost },
): RunResult & { diagnostics: Diagnostic[] } {
  const compileOptions: CompileOptions = {
    file: options.file ?? "test.c",
    checked: options.checked ?? false,
    base: 0x1000,
  };
  const compiled = compile(source, compileOptions);
  if (!compiled.image) {
    return { output: "", timedOut: false, cycles: 0, instructions: 0, diagnostics: compiled.diagnostics };
  }
  return { ...runProgram(compiled.image, options), diagnostics: compiled.diagnostics };
}
