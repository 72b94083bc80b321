/**
 * Runs a handler image (on_load, then on_event per event) in kernel mode on a bare machine whose page
 * tables map exactly the regions a verified driver may touch: its code (execute only), its read-only
 * data, its globals (read-write), its stack (read-write, the verifier's stack size, nothing below)
 * and the event (read only, at the end or the start of a page so that a step past it faults). So any
 * access outside its regions is a page fault, a hang is a spent cycle budget, and a handler that
 * breaks the calling convention is caught on return. Kernel services are served by a tiny host that
 * also checks each call's pointers.
 *
 * No src/kernel here: the bare machine is the cheap way to run thousands of programs.
 */
import { CR, CYCLES, encode, OP, PAGE_SIZE, PTE, REG, TRAP_NAMES } from "../../src/machine/isa";
import { Machine } from "../../src/machine/machine";
import { bumpAllocator, mapPage } from "../../src/machine/pageTables";
import { KERNEL_SERVICES } from "../../src/shared/kernelApi";
import type { Image } from "../../src/toolchain/image";

export interface TestEvent {
  kind: number;
  pid: number;
  name: Uint8Array;
  arg: Uint8Array;
}

export interface HandlerRun {
  /** What went wrong, if anything: a fault, a hang, a broken convention, a bad helper call. */
  problem?: string;
  verdicts: number[];
  /** The most cycles one on_event call took. */
  maxCycles: number;
}

const STACK_TOP = 0x0080_0000;
const EVENT_PAGE = 0x0090_0000;
const RETURN_PAGE = 0x00a0_0000;
const DIRECTORY = 0x1000;
/** The hcall at the return address: not a kernel service, the harness's own "returned". */
const RETURNED = 0xfff0;
const SERVICE = new Map(KERNEL_SERVICES.map((s) => [s.number, s.name]));

export function runHandler(
  image: Image,
  events: TestEvent[],
  options: { stackBytes: number; cycleBudget: number; contentFile?: Uint8Array; eventAtPageEnd?: boolean },
): HandlerRun {
  // One machine, reset for each program: a new one costs more than the runs (its TLB alone is 4 MiB).
  shared ??= new Machine({ memoryBytes: 512 * 1024, seed: 7 });
  const m = shared;
  m.reset();
  m.hcallHandler = undefined;
  const memory = m.memory;
  const frames = bumpAllocator(memory, 0x2000, 512 * 1024);
  const frame = () => frames();
  // The image: each section's pages with its own rights, the bytes copied in.
  for (const section of image.sections) {
    const flags = section.executable ? PTE.EXECUTABLE : section.writable ? PTE.WRITABLE : 0;
    for (let va = section.start; va < section.start + section.size; va += PAGE_SIZE) {
      const f = frame();
      mapPage(memory, DIRECTORY, va, f, flags, frames);
      for (let i = 0; i < PAGE_SIZE; i++) {
        const o = va - image.base + i;
        memory.u8[f + i] = o >= 0 && o < image.bytes.length ? image.bytes[o] : 0;
      }
    }
  }
  // The kernel's loader rewrites each stub's sys N to hcall N in kernel mode; so does this.
  const writeVirtual = (va: number, word: number) => {
    const pte = readPteWord(memory, va);
    memory.write32((pte & ~0xfff) | (va & 0xfff), word);
  };
  for (const k of image.kernelCalls) writeVirtual(k.address, encode(OP.HCALL, 0, 0, 0, k.service, "K"));
  // Stack, event, and the return page (an hcall the host knows as "the handler returned").
  for (let va = STACK_TOP - options.stackBytes; va < STACK_TOP; va += PAGE_SIZE)
    mapPage(memory, DIRECTORY, va, frame(), PTE.WRITABLE, frames);
  const eventFrame = frame();
  mapPage(memory, DIRECTORY, EVENT_PAGE, eventFrame, 0, frames);
  const returnFrame = frame();
  mapPage(memory, DIRECTORY, RETURN_PAGE, returnFrame, PTE.EXECUTABLE, frames);
  memory.write32(returnFrame, encode(OP.HCALL, 0, 0, 0, RETURNED, "K"));
  m.cpu.cr[CR.PTBR] = DIRECTORY;
  m.mmu.setPageTableBase(DIRECTORY);
  const eventOffset = options.eventAtPageEnd === false ? 0 : PAGE_SIZE - 104;
  const eventVa = EVENT_PAGE + eventOffset;

  const run: HandlerRun = { verdicts: [], maxCycles: 0 };
  let inOnLoad = false;
  const hostProblem: { text?: string } = {};
  const regs = m.cpu.regs;
  const readable = (va: number): boolean => (readPteWord(memory, va) & PTE.PRESENT) !== 0;
  const writable = (va: number): boolean => (readPteWord(memory, va) & (PTE.PRESENT | PTE.WRITABLE)) === 3;
  const readString = (va: number): string | undefined => {
    let s = "";
    for (let a = va >>> 0; s.length < 1024; a++) {
      if (!readable(a)) return undefined;
      const pte = readPteWord(memory, a);
      const c = memory.u8[(pte & ~0xfff) | (a & 0xfff)];
      if (c === 0) return s;
      s += String.fromCharCode(c);
    }
    return undefined;
  };
  m.hcallHandler = (service) => {
    if (service === RETURNED) {
      m.requestStop({ kind: "host", detail: "returned" });
      return;
    }
    const name = SERVICE.get(service) ?? `service ${service}`;
    switch (name) {
      case "printf": {
        if (readString(regs[REG.A0]) === undefined) hostProblem.text ??= "printf with an unreadable format";
        regs[REG.A0] = 0;
        break;
      }
      case "ticks":
      case "getpid":
        regs[REG.A0] = 5;
        break;
      case "rand":
        regs[REG.A0] = (m.random.next() >>> 16) & 0x7fff;
        break;
      case "read_file": {
        if (!inOnLoad) hostProblem.text ??= "read_file outside on_load";
        const buf = regs[REG.A1] >>> 0;
        const max = regs[REG.A2];
        const content = options.contentFile ?? new Uint8Array(0);
        const n = Math.max(0, Math.min(max, content.length));
        for (let i = 0; i < n; i++) {
          if (!writable(buf + i)) {
            hostProblem.text ??= `read_file writes outside the driver at 0x${(buf + i).toString(16)}`;
            break;
          }
          const pte = readPteWord(memory, buf + i);
          memory.u8[(pte & ~0xfff) | ((buf + i) & 0xfff)] = content[i];
        }
        regs[REG.A0] = n;
        break;
      }
      default:
        hostProblem.text ??= `called ${name}`;
        regs[REG.A0] = 0;
    }
    for (const r of [REG.A1, REG.A2, REG.A3, REG.T0, REG.T1, REG.T2, REG.T3, REG.T4]) regs[r] = 0x5a5a5a5a;
    if (hostProblem.text) m.requestStop({ kind: "host", detail: hostProblem.text });
  };

  const sentinels = [0x1111_1111, 0x2222_2222, 0x3333_3333, 0x4444_4444];
  const call = (entry: number, a0: number): { problem?: string; cycles: number; result: number } => {
    regs.fill(0x7a7a_7a7a);
    regs[0] = 0;
    regs[REG.A0] = a0;
    regs[REG.S0] = sentinels[0];
    regs[REG.S1] = sentinels[1];
    regs[REG.S2] = sentinels[2];
    regs[REG.FP] = sentinels[3];
    regs[REG.SP] = STACK_TOP;
    regs[REG.LR] = RETURN_PAGE;
    m.cpu.pc = entry;
    m.cpu.cr[CR.STATUS] = 0;
    const start = m.cpu.cycles;
    const stop = m.run(options.cycleBudget);
    // (Not counting the harness's own hcall at the return address.)
    const cycles = m.cpu.cycles - start - CYCLES[OP.HCALL];
    if (hostProblem.text) return { problem: hostProblem.text, cycles, result: 0 };
    if (stop.kind === "budget")
      return { problem: `no return within ${options.cycleBudget} cycles`, cycles, result: 0 };
    if (stop.kind === "trap")
      return {
        problem: `${TRAP_NAMES[stop.cause] ?? stop.cause} at 0x${(stop.epc >>> 0).toString(16)} (tval 0x${(stop.tval >>> 0).toString(16)})`,
        cycles,
        result: 0,
      };
    if (stop.kind !== "host" || m.cpu.pc >>> 0 !== RETURN_PAGE + 4)
      return { problem: `stopped: ${stop.kind}`, cycles, result: 0 };
    if (regs[REG.SP] !== STACK_TOP) return { problem: "sp not restored", cycles, result: 0 };
    if (
      regs[REG.S0] !== sentinels[0] ||
      regs[REG.S1] !== sentinels[1] ||
      regs[REG.S2] !== sentinels[2] ||
      regs[REG.FP] !== sentinels[3]
    )
      return { problem: "callee-saved register not restored", cycles, result: 0 };
    return { cycles, result: regs[REG.A0] };
  };

  const symbol = (name: string) =>
    image.symbols.find((s) => s.name === name && s.kind === "function")?.address;
  const onLoad = symbol("on_load");
  const onEvent = symbol("on_event");
  if (onEvent === undefined) return { ...run, problem: "no on_event" };
  if (onLoad !== undefined) {
    inOnLoad = true;
    const r = call(onLoad, 0);
    inOnLoad = false;
    if (r.problem) return { ...run, problem: `on_load: ${r.problem}` };
  }
  for (const ev of events) {
    const e = eventFrame + eventOffset;
    memory.u8.fill(0, eventFrame, eventFrame + PAGE_SIZE);
    memory.write32(e, ev.kind);
    memory.write32(e + 4, ev.pid);
    memory.u8.set(ev.name.subarray(0, 32), e + 8);
    memory.u8.set(ev.arg.subarray(0, 64), e + 40);
    const r = call(onEvent, eventVa);
    run.maxCycles = Math.max(run.maxCycles, r.cycles);
    if (r.problem) return { ...run, problem: r.problem };
    run.verdicts.push(r.result);
  }
  return run;
}

let shared: Machine | undefined;

function readPteWord(memory: Machine["memory"], va: number): number {
  const pde = memory.read32(DIRECTORY + (va >>> 22) * 4);
  if ((pde & PTE.PRESENT) === 0) return 0;
  return memory.read32((pde & ~0xfff) + ((va >>> 12) & 1023) * 4);
}
