/**
 * Crash analysis, as a debugger's automatic analysis of a dump does it: the stop code and what its
 * parameters mean, the failing module and C line, the call stack with C function names and lines, the
 * faulting instruction disassembled, the registers, the memory around the faulting address with what
 * owns it, and the last events before the crash.
 *
 * It reads a kernel standing at the crash: the crash dump's machine and kernel record put back into a
 * scratch kernel (`dumpScene`: any boot after the bugcheck, which is what the shell's `analyze` does),
 * or a live kernel that history has taken to just before a fault (a user-mode driver's crash leaves no
 * dump; the app and `ringlab analyze --mode user` go back to it).
 */
import { CR, PTE, REGISTER_NAMES } from "../machine/isa";
import { readPte } from "../machine/pageTables";
import { restoreInto } from "../machine/snapshot";
import { hex } from "../shared/bits";
import { disassemble, symbolLookup } from "../toolchain/disassemble";
import type { Image } from "../toolchain/image";
import type { BugcheckRecord } from "./bugcheck";
import { Kernel } from "./kernel";
import type { KernelEvent } from "./kernelLog";
import { memoryMap } from "./memoryMap";
import { sourceLocation } from "./modules";
import type { Process } from "./process";
import { STOP_CODES } from "./stopCodes";
import { copyRecord } from "./systemSnapshot";

export interface StackFrame {
  function: string | null;
  file: string | null;
  line: number | null;
  /** The pc in this frame: the faulting instruction, or the call a caller is waiting in. */
  address: number;
}

export interface MemoryRow {
  address: number;
  /** What owns the page: "sensor.sys (pid 3)", "kernel pool", "not mapped". */
  owner: string;
  /** 16 bytes, null where no page backs them. */
  bytes: (number | null)[];
}

export interface CrashAnalysis {
  kind: "bugcheck" | "process-fault";
  /** "PAGE_FAULT_IN_NONPAGED_AREA"; null for a user-mode crash (no stop: only the process died). */
  stopCode: string | null;
  code: number | null;
  parameters: { value: number; meaning: string }[];
  module: string | null;
  location: { file: string; line: number; function: string | null } | null;
  stack: StackFrame[];
  instruction: { address: number; word: number | null; text: string } | null;
  registers: Record<string, number>;
  memory: MemoryRow[];
  events: { time: number; kind: string; text: string }[];
  /** What happened, in a sentence or two. */
  summary: string;
  /** Machine time since power-on of the crash. */
  time: number;
  boot: number;
}

/** How a crash is described when analysis starts: the bugcheck record, or the process-fault event. */
export type CrashFacts =
  | { kind: "bugcheck"; record: BugcheckRecord; time: number; seq: number }
  | { kind: "process-fault"; event: Extract<KernelEvent, { kind: "process-fault" }> };

const MAX_FRAMES = 16;
const EVENTS_SHOWN = 8;

/**
 * A scratch kernel standing where the last crash dump was taken (the dump keeps the machine and the
 * kernel's record), or undefined when there is no dump.
 */
export function dumpScene(k: Kernel): { scene: Kernel; facts: CrashFacts } | undefined {
  const dump = k.record.crashDump;
  if (!dump?.kernel) return undefined;
  const scene = new Kernel({ ...k.options, memoryBytes: dump.machine.memory.length, shell: false });
  restoreInto(scene.machine, dump.machine);
  scene.record = copyRecord(dump.kernel);
  scene.record.crashDump = dump;
  // The dump's record was copied just before the bugcheck's own event: the log goes on in the kernel.
  scene.record.log = k.record.log;
  const event = [...k.log.events]
    .reverse()
    .find((e) => e.kind === "bugcheck" && e.cycles === dump.record.cycles);
  return {
    scene,
    facts: {
      kind: "bugcheck",
      record: dump.record,
      time: event?.time ?? 0,
      seq: event?.seq ?? Number.POSITIVE_INFINITY,
    },
  };
}

/** The code context that crashed: the thread's saved registers after a bugcheck, else the CPU's. */
function context(scene: Kernel): {
  process: Process | undefined;
  regs: ArrayLike<number>;
  pc: number;
  directory: number;
} {
  const process = scene.current;
  if (scene.state === "bugcheck" && process)
    return {
      process,
      regs: process.thread.regs,
      pc: process.thread.pc >>> 0,
      directory: process.directory >>> 0,
    };
  const cpu = scene.machine.cpu;
  return { process, regs: cpu.regs, pc: cpu.pc >>> 0, directory: cpu.cr[CR.PTBR] >>> 0 };
}

export function analyzeCrash(scene: Kernel, facts: CrashFacts): CrashAnalysis {
  const { process, regs, pc, directory } = context(scene);
  const image = process?.image;
  const read8 = (address: number): number | null => {
    const pte = readPte(scene.machine.memory, directory, address >>> 0) >>> 0;
    if ((pte & PTE.PRESENT) === 0 || address >>> 12 === 0) return null;
    const physical = ((pte & ~0xfff) | (address & 0xfff)) >>> 0;
    return physical < scene.machine.memory.size ? scene.machine.memory.read8(physical) : null;
  };
  const read32 = (address: number): number | null => {
    let value = 0;
    for (let i = 3; i >= 0; i--) {
      const byte = read8(address + i);
      if (byte === null) return null;
      value = (value << 8) | byte;
    }
    return value >>> 0;
  };

  const where = process ? sourceLocation(process, pc) : undefined;
  const word = read32(pc);
  const stopCode = facts.kind === "bugcheck" ? facts.record.stopCode : null;
  const faultAddress = facts.kind === "bugcheck" ? facts.record.fault?.address : facts.event.address;
  const registers: Record<string, number> = { pc };
  REGISTER_NAMES.forEach((name, i) => {
    registers[name] = regs[i] >>> 0;
  });
  return {
    kind: facts.kind,
    stopCode,
    code: facts.kind === "bugcheck" ? facts.record.code : null,
    parameters: parameters(facts),
    module: facts.kind === "bugcheck" ? facts.record.module : (process?.driver ?? facts.event.name),
    location: where ? { file: where.file, line: where.line, function: where.func } : null,
    stack: image && process ? stack(process, image, regs, pc, read32) : [],
    instruction: {
      address: pc,
      word,
      text:
        word === null
          ? "(not mapped)"
          : disassemble(word, pc, image ? symbolLookup(image.symbols) : undefined),
    },
    registers,
    memory: faultAddress === undefined ? [] : memoryAround(scene, directory, faultAddress >>> 0, read8),
    events: lastEvents(scene, facts),
    summary: summary(facts),
    time: facts.kind === "bugcheck" ? facts.time : facts.event.time,
    boot: scene.bootNumber,
  };
}

function parameters(facts: CrashFacts): { value: number; meaning: string }[] {
  if (facts.kind === "bugcheck") {
    const meanings = STOP_CODES[facts.record.stopCode].parameters;
    return facts.record.parameters.map((value, i) => ({ value, meaning: meanings[i] ?? "" }));
  }
  const e = facts.event;
  const access = e.pageFault ? ["read", "write", "execute"].indexOf(e.pageFault.access) : -1;
  return [
    { value: e.address >>> 0, meaning: "the address referenced" },
    { value: Math.max(0, access), meaning: "0 read, 1 write, 2 execute" },
    { value: e.pc >>> 0, meaning: "address of the instruction" },
    { value: e.pageFault?.reason === "protection" ? 1 : 0, meaning: "0 not present, 1 protection" },
  ];
}

function functionAt(image: Image, address: number): string | null {
  const f = image.debug?.functions.find((d) => d.start >>> 0 <= address && address < d.end >>> 0);
  if (f) return f.name;
  let best: string | null = null;
  let bestAt = -1;
  for (const s of image.symbols)
    if (s.kind === "function" && s.address >>> 0 <= address && s.address >>> 0 > bestAt) {
      best = s.name;
      bestAt = s.address >>> 0;
    }
  return best;
}

/**
 * The call stack, walked through the frame-pointer chain the driver C compiler lays down: [fp] is the
 * caller's fp and [fp + 4] the return address (docs/driver-c.md). It stops at the first frame that
 * leaves the image, does not move up the stack, or cannot be read.
 */
function stack(
  process: Process,
  image: Image,
  regs: ArrayLike<number>,
  pc: number,
  read32: (address: number) => number | null,
): StackFrame[] {
  const end = image.sections.reduce((e, s) => Math.max(e, s.start + s.size), image.base) >>> 0;
  const inImage = (address: number) => address >= image.base >>> 0 && address < end;
  const frame = (address: number): StackFrame => {
    const where = sourceLocation(process, address);
    // A C program's start-up code (_start) and kernel-call stubs map to the compiler's own assembly,
    // a file no one wrote or can open: like a debugger, show the function without a source line.
    const generated = image.debug !== undefined && where?.file.endsWith(".s");
    return {
      function: where?.func ?? functionAt(image, address),
      file: generated ? null : (where?.file ?? null),
      line: generated ? null : (where?.line ?? null),
      address,
    };
  };
  const frames = [frame(pc)];
  let fp = regs[13] >>> 0;
  while (frames.length < MAX_FRAMES && fp !== 0) {
    const returnAddress = read32(fp + 4);
    const callerFp = read32(fp);
    if (returnAddress === null || callerFp === null || !inImage(returnAddress)) break;
    // The call that is waiting: the instruction before the return address.
    frames.push(frame(returnAddress - 4));
    if (callerFp <= fp) break;
    fp = callerFp;
  }
  return frames;
}

/** Three rows of 16 bytes around the address, each with the owner of its page. */
function memoryAround(
  scene: Kernel,
  directory: number,
  address: number,
  read8: (address: number) => number | null,
): MemoryRow[] {
  const frames = memoryMap(scene).frames;
  const rows: MemoryRow[] = [];
  const first = Math.max(0, (address & ~15) - 16) >>> 0;
  for (let row = 0; row < 3; row++) {
    const start = (first + row * 16) >>> 0;
    const bytes: (number | null)[] = [];
    for (let i = 0; i < 16; i++) bytes.push(read8(start + i));
    const pte = readPte(scene.machine.memory, directory, start) >>> 0;
    const mapped = (pte & PTE.PRESENT) !== 0 && start >>> 12 !== 0;
    rows.push({
      address: start,
      owner: mapped ? (frames[pte >>> 12]?.label ?? "unknown") : "not mapped",
      bytes,
    });
  }
  return rows;
}

function lastEvents(scene: Kernel, facts: CrashFacts): CrashAnalysis["events"] {
  const time = facts.kind === "bugcheck" ? facts.time : facts.event.time;
  const seq = facts.kind === "process-fault" ? facts.event.seq : facts.seq;
  return scene.log.events
    .filter((e) => e.time <= time && e.seq <= seq)
    .slice(-EVENTS_SHOWN)
    .map((e) => ({ time: e.time, kind: e.kind, text: eventText(e) }));
}

/** An event in one line: its kind and its own fields. */
function eventText(e: KernelEvent): string {
  const { seq: _s, cycles: _c, tick: _t, time: _m, console: _o, kind, ...body } = e;
  const fields = Object.entries(body)
    .filter(([, v]) => v !== null && typeof v !== "object")
    .map(
      ([key, v]) => `${key}=${typeof v === "number" && key !== "pid" && v > 255 ? hex(v >>> 0) : String(v)}`,
    );
  return [kind, ...fields].join(" ");
}

function summary(facts: CrashFacts): string {
  if (facts.kind === "bugcheck") {
    const r = facts.record;
    const stop = STOP_CODES[r.stopCode];
    return `${r.stopCode} (${hex(r.code, 1)}) in ${r.module ?? "the kernel"}: ${r.message}. ${stop.explanation}`;
  }
  const e = facts.event;
  return `${e.name} (pid ${e.pid}) died: ${e.message}. Only its process ended; the machine ran on.`;
}

/** The analysis as text, for the shell and the command line. */
export function analysisText(a: CrashAnalysis): string {
  const lines: string[] = [];
  lines.push(
    a.kind === "bugcheck" ? `Bugcheck analysis (boot ${a.boot})` : `Crash analysis (boot ${a.boot})`,
  );
  lines.push(`  ${a.summary}`, "");
  if (a.stopCode) lines.push(`Stop code:   ${a.stopCode} (${hex(a.code ?? 0, 1)})`);
  lines.push("Parameters:");
  for (const [i, p] of a.parameters.entries()) lines.push(`  ${i + 1}: ${hex(p.value)}  ${p.meaning}`);
  lines.push(`Module:      ${a.module ?? "(unknown)"}`);
  if (a.location)
    lines.push(
      `Where:       ${a.location.file}:${a.location.line}${a.location.function ? ` in ${a.location.function}` : ""}`,
    );
  if (a.instruction) lines.push(`Instruction: ${hex(a.instruction.address)}  ${a.instruction.text}`);
  lines.push("", "Call stack:");
  if (a.stack.length === 0) lines.push("  (no frames: the code has no debug information)");
  for (const [i, f] of a.stack.entries())
    lines.push(`  #${i} ${hex(f.address)} ${f.function ?? "?"}${f.file ? `  ${f.file}:${f.line}` : ""}`);
  lines.push("", "Registers:");
  const names = Object.keys(a.registers);
  for (let i = 0; i < names.length; i += 4)
    lines.push(
      `  ${names
        .slice(i, i + 4)
        .map((n) => `${n.padStart(4)}=${hex(a.registers[n])}`)
        .join("  ")}`,
    );
  if (a.memory.length > 0) {
    lines.push("", "Memory around the faulting address:");
    for (const row of a.memory)
      lines.push(
        `  ${hex(row.address)}  ${row.bytes.map((b) => (b === null ? "??" : b.toString(16).padStart(2, "0"))).join(" ")}  ${row.owner}`,
      );
  }
  lines.push("", "Last events:");
  for (const e of a.events) lines.push(`  ${(e.time / 1_000_000).toFixed(3)}s  ${e.text}`);
  return lines.join("\n");
}
