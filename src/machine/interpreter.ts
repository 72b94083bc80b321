/**
 * The CPU's inner loop: fetch, decode and execute until the cycle limit, a trap, or an event the
 * machine must see (halt, hcall, a change of mode or of pending interrupts).
 *
 * It is written for speed: state lives in locals, memory is read through typed arrays, and each memory
 * access first tries the TLB (one load and one mask test) before falling back to the MMU's page walk.
 * The case labels are the opcodes of isa.ts as literals (a switch over literals compiles to a jump
 * table); test/unit/interpreter-opcodes.test.ts checks every label against the table.
 *
 * The loop is two loops. The inner one (`fast`) makes no calls: anything that needs one (a fetch or a
 * load or store the TLB cannot serve, a privileged instruction) leaves it with the instruction noted in
 * `pending`, and the outer one (`run`) does that instruction out of line, then re-enters. A call in
 * the loop makes V8 assume that anything may have changed and keep the loop's state in memory around
 * it; without one the inner loop measured about 15% faster (bench/machine.ts). Rules for the inner
 * loop: no calls (Math.imul is not a call), no property reads on `m`, and a fast path that cannot
 * finish leaves through `pending` with nothing done but the charge.
 *
 * Also measured, and the reasons for the shapes below:
 * - Fetches go through a cached translation of the current code page, not the TLB (about +25%).
 * - Each case charges its cycle cost as a literal rather than reading the CYCLES table (about +15%);
 *   test/unit/machine-instructions.test.ts checks every instruction's cost against isa.ts.
 * - r0 is never written in the loop: a case that writes rd skips the write when rd is 0 (a test and a
 *   branch), and r0 is zeroed on entry and after each out-of-line instruction. Zeroing r0 after every
 *   instruction instead costs a typed-array store with its checks (about 3% slower; zeroing it once
 *   after the switch, where V8 has lost track of `regs`, was about 8% slower still).
 * - `budget` and `extra` are updated with `| 0`: neither can overflow (budget starts at most 2^30 and
 *   the loop stops at 0), and without it V8 checks every update for overflow (about +2%).
 * - The retired count is derived from the cycles charged (see `extra`), not counted (about +5%).
 * - Under `npm run bench` every typed-array access also checks that its buffer was not detached:
 *   loading vite and playwright through tsx (bench/app.ts) detaches some ArrayBuffer, which turns off
 *   V8's "no buffer was ever detached" assumption for the whole process. Before the two changes above,
 *   the loop measured about 20% slower there than in a process that had not loaded them (alu 250
 *   against 310 M instructions/s).
 * - Measured and not kept (no gain or slower): indices with `>>> 2` instead of `>> 2`; charging one
 *   cycle before the switch; reading regs[rs1] once before the switch (smaller code, same speed);
 *   a cached data page for loads and stores (about 3% slower on the memory loop).
 */
import { CR, CYCLES, STATUS_IE, STATUS_USER, TRAP, TRAP_EXIT_CYCLES } from "./isa";
import type { Machine } from "./machine";
import {
  TLB_KERNEL_EXEC,
  TLB_KERNEL_READ,
  TLB_KERNEL_WRITE,
  TLB_USER_EXEC,
  TLB_USER_READ,
  TLB_USER_WRITE,
} from "./mmu";
import { fetchSlow, loadSlow, storeSlow } from "./slowPath";

/** Why the inner loop returned. */
export const EXIT = {
  /** The cycle limit was reached. */
  LIMIT: 0,
  /** A trap was entered (the machine may have stopped on it). */
  TRAP: 1,
  /** A halt instruction ran. */
  HALT: 2,
  /** An hcall instruction ran; the service number is in machine.pendingHcall. */
  HCALL: 3,
  /** Mode, interrupt enable, page tables or devices changed: the machine must look again. */
  CHECK: 4,
} as const;

const NO_TRAP = 0;

/** Why the inner loop handed an instruction to the outer one (see the header). */
const PENDING = {
  /** Nothing: the budget ran out. */
  NONE: 0,
  /** The instruction at pc could not be fetched through the cached code page or the TLB. */
  FETCH: 1,
  /** A load or store the TLB could not serve (miss, unaligned, page straddle, page-table write). */
  MEMORY: 2,
  /** A privileged instruction in kernel mode. */
  PRIVILEGED: 3,
} as const;

/** Keeps a pc's page and its two low bits: an unaligned pc never matches a cached code page. */
const CODE_PAGE_MASK = ~0xffc;
/** Matches no pc masked with CODE_PAGE_MASK (bits 2-11 of those are always 0). */
const NO_CODE_PAGE = -1;

export function execute(m: Machine, limit: number): number {
  const cpu = m.cpu;
  const regs = cpu.regs;
  // r0 reads 0: the loop below never writes it (see the header), so it must be 0 on entry.
  regs[0] = 0;
  const cr = cpu.cr;
  const mem = m.memory;
  const i32 = mem.i32;
  const u16 = mem.u16;
  const u8 = mem.u8;
  const tlb = m.mmu.tlb;
  const cost = CYCLES;
  const user = (cr[CR.STATUS] & STATUS_USER) !== 0;
  // `| 0` makes these plain 32-bit integers once, here: the imported constants are otherwise checked
  // on every use in the loop.
  const R = (user ? TLB_USER_READ : TLB_KERNEL_READ) | 0;
  const W = (user ? TLB_USER_WRITE : TLB_KERNEL_WRITE) | 0;
  const X = (user ? TLB_USER_EXEC : TLB_KERNEL_EXEC) | 0;

  // Locals the JIT can keep in machine registers as 32-bit integers: pc (signed view of the address),
  // the cycle budget left, and `extra`, the cycles charged in this call beyond one per instruction
  // retired. Instructions retired = cycles charged - extra: most instructions cost one cycle, so they
  // charge the budget and leave `extra` alone instead of counting themselves. An instruction of c
  // cycles adds c - 1 to extra when charged, and 1 more if it then does not complete (a trap).
  let pc = cpu.pc | 0;
  const startCycles = cpu.cycles;
  const granted = Math.min(Math.max(0, limit - startCycles), 0x3fffffff) | 0;
  let budget = granted;
  let extra = 0;
  let exit: number = EXIT.LIMIT;
  // A trap found inside the loop is taken after it, with the loop's state written back.
  let trapCause = NO_TRAP;
  let trapValue = 0;
  let trapInfo = 0;
  let trapEpc = 0;
  // The translation of the page pc is in (virtual page, physical frame), so that fetching is one mask
  // and one compare while pc stays on that page. Only the MMU changes translations, and only the
  // outer loop calls anything, so the outer loop forgets this whenever it has made a call.
  let codePage = NO_CODE_PAGE;
  let codeFrame = 0;
  // The instruction the inner loop handed over, and why.
  let pending: number = PENDING.NONE;
  let pendingWord = 0;

  run: for (;;) {
    fast: while (budget > 0) {
      const at = pc;
      let pa: number;
      if ((at & CODE_PAGE_MASK) === codePage) pa = codeFrame | (at & 4095);
      else {
        // A new code page: through the TLB if it has the page, else out of line.
        const fe = tlb[at >>> 12];
        if ((fe & X) === 0 || (at & 3) !== 0) {
          pending = PENDING.FETCH;
          break;
        }
        codePage = at & -4096;
        codeFrame = fe & -4096;
        pa = codeFrame | (at & 4095);
      }
      const w = i32[pa >> 2];
      const op = w >>> 24;
      pc = (at + 4) | 0;
      const rd = (w >>> 20) & 15;
      const rs1 = (w >>> 16) & 15;

      switch (op) {
        case 1: // add
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] + regs[(w >>> 12) & 15];
          break;
        case 2: // sub
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] - regs[(w >>> 12) & 15];
          break;
        case 3: // mul
          budget = (budget - 3) | 0;
          extra = (extra + 2) | 0;
          if (rd !== 0) regs[rd] = Math.imul(regs[rs1], regs[(w >>> 12) & 15]);
          break;
        case 4: // div
        case 5: // divu
        case 6: // rem
        case 7: {
          // remu
          budget = (budget - 12) | 0;
          extra = (extra + 11) | 0;
          const b = regs[(w >>> 12) & 15];
          if (b === 0) {
            extra = (extra + 1) | 0;
            trapCause = TRAP.DIVIDE_BY_ZERO;
            trapEpc = at;
            break run;
          }
          const a = regs[rs1];
          if (op === 4) regs[rd] = (a / b) | 0;
          else if (op === 5) regs[rd] = (a >>> 0) / (b >>> 0);
          else if (op === 6) regs[rd] = a % b;
          else regs[rd] = (a >>> 0) % (b >>> 0);
          regs[0] = 0;
          break;
        }
        case 8: // and
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] & regs[(w >>> 12) & 15];
          break;
        case 9: // or
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] | regs[(w >>> 12) & 15];
          break;
        case 10: // xor
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] ^ regs[(w >>> 12) & 15];
          break;
        case 11: // shl
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] << regs[(w >>> 12) & 15];
          break;
        case 12: // shr
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] >>> regs[(w >>> 12) & 15];
          break;
        case 13: // sar
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] >> regs[(w >>> 12) & 15];
          break;
        case 14: // slt
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] < regs[(w >>> 12) & 15] ? 1 : 0;
          break;
        case 15: // sltu
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] >>> 0 < regs[(w >>> 12) & 15] >>> 0 ? 1 : 0;
          break;
        case 16: // addi
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] + ((w << 16) >> 16);
          break;
        case 17: // andi
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] & (w & 0xffff);
          break;
        case 18: // ori
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] | (w & 0xffff);
          break;
        case 19: // xori
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] ^ (w & 0xffff);
          break;
        case 20: // shli
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] << (w & 31);
          break;
        case 21: // shri
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] >>> (w & 31);
          break;
        case 22: // sari
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] >> (w & 31);
          break;
        case 23: // slti
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] < (w << 16) >> 16 ? 1 : 0;
          break;
        case 24: // sltiu
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = regs[rs1] >>> 0 < ((w << 16) >> 16) >>> 0 ? 1 : 0;
          break;
        case 25: // lui
          budget = (budget - 1) | 0;
          if (rd !== 0) regs[rd] = w << 16;
          break;
        // Loads and stores: the TLB hit (aligned where the size needs it) here, the rest in memorySlow.
        case 26: {
          // ldw
          budget = (budget - 2) | 0;
          extra = (extra + 1) | 0;
          const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
          const e = tlb[va >>> 12];
          if ((e & R) !== 0 && (va & 3) === 0) {
            if (rd !== 0) regs[rd] = i32[((e & -4096) | (va & 4095)) >> 2];
            break;
          }
          pending = PENDING.MEMORY;
          pendingWord = w;
          break fast;
        }
        case 27: {
          // ldh
          budget = (budget - 2) | 0;
          extra = (extra + 1) | 0;
          const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
          const e = tlb[va >>> 12];
          if ((e & R) !== 0 && (va & 1) === 0) {
            if (rd !== 0) regs[rd] = (u16[((e & -4096) | (va & 4095)) >> 1] << 16) >> 16;
            break;
          }
          pending = PENDING.MEMORY;
          pendingWord = w;
          break fast;
        }
        case 28: {
          // ldhu
          budget = (budget - 2) | 0;
          extra = (extra + 1) | 0;
          const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
          const e = tlb[va >>> 12];
          if ((e & R) !== 0 && (va & 1) === 0) {
            if (rd !== 0) regs[rd] = u16[((e & -4096) | (va & 4095)) >> 1];
            break;
          }
          pending = PENDING.MEMORY;
          pendingWord = w;
          break fast;
        }
        case 29: {
          // ldb
          budget = (budget - 2) | 0;
          extra = (extra + 1) | 0;
          const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
          const e = tlb[va >>> 12];
          if ((e & R) !== 0) {
            if (rd !== 0) regs[rd] = (u8[(e & -4096) | (va & 4095)] << 24) >> 24;
            break;
          }
          pending = PENDING.MEMORY;
          pendingWord = w;
          break fast;
        }
        case 30: {
          // ldbu
          budget = (budget - 2) | 0;
          extra = (extra + 1) | 0;
          const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
          const e = tlb[va >>> 12];
          if ((e & R) !== 0) {
            if (rd !== 0) regs[rd] = u8[(e & -4096) | (va & 4095)];
            break;
          }
          pending = PENDING.MEMORY;
          pendingWord = w;
          break fast;
        }
        case 31: {
          // stw
          budget = (budget - 2) | 0;
          extra = (extra + 1) | 0;
          const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
          const e = tlb[va >>> 12];
          if ((e & W) !== 0 && (va & 3) === 0) {
            i32[((e & -4096) | (va & 4095)) >> 2] = regs[rd];
            break;
          }
          pending = PENDING.MEMORY;
          pendingWord = w;
          break fast;
        }
        case 32: {
          // sth
          budget = (budget - 2) | 0;
          extra = (extra + 1) | 0;
          const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
          const e = tlb[va >>> 12];
          if ((e & W) !== 0 && (va & 1) === 0) {
            u16[((e & -4096) | (va & 4095)) >> 1] = regs[rd];
            break;
          }
          pending = PENDING.MEMORY;
          pendingWord = w;
          break fast;
        }
        case 33: {
          // stb
          budget = (budget - 2) | 0;
          extra = (extra + 1) | 0;
          const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
          const e = tlb[va >>> 12];
          if ((e & W) !== 0) {
            u8[(e & -4096) | (va & 4095)] = regs[rd];
            break;
          }
          pending = PENDING.MEMORY;
          pendingWord = w;
          break fast;
        }
        case 34: // beq
          budget = (budget - 1) | 0;
          if (regs[rd] === regs[rs1]) pc = (pc + (((w << 16) >> 16) << 2)) | 0;
          break;
        case 35: // bne
          budget = (budget - 1) | 0;
          if (regs[rd] !== regs[rs1]) pc = (pc + (((w << 16) >> 16) << 2)) | 0;
          break;
        case 36: // blt
          budget = (budget - 1) | 0;
          if (regs[rd] < regs[rs1]) pc = (pc + (((w << 16) >> 16) << 2)) | 0;
          break;
        case 37: // bge
          budget = (budget - 1) | 0;
          if (regs[rd] >= regs[rs1]) pc = (pc + (((w << 16) >> 16) << 2)) | 0;
          break;
        case 38: // bltu
          budget = (budget - 1) | 0;
          if (regs[rd] >>> 0 < regs[rs1] >>> 0) pc = (pc + (((w << 16) >> 16) << 2)) | 0;
          break;
        case 39: // bgeu
          budget = (budget - 1) | 0;
          if (regs[rd] >>> 0 >= regs[rs1] >>> 0) pc = (pc + (((w << 16) >> 16) << 2)) | 0;
          break;
        case 40: {
          // jal
          budget = (budget - 2) | 0;
          extra = (extra + 1) | 0;
          const target = (pc + (((w << 12) >> 12) << 2)) | 0;
          if (rd !== 0) regs[rd] = pc;
          pc = target;
          break;
        }
        case 41: {
          // jalr
          budget = (budget - 2) | 0;
          extra = (extra + 1) | 0;
          const target = (regs[rs1] + ((w << 16) >> 16)) | 0;
          if (rd !== 0) regs[rd] = pc;
          pc = target;
          break;
        }
        case 42: // sys: completes, then traps; the kernel returns to the next instruction.
          budget = (budget - 1) | 0;
          trapCause = TRAP.SYSCALL;
          trapValue = w & 0xffff;
          trapEpc = pc;
          break run;
        case 43: // brk
          budget = (budget - 1) | 0;
          trapCause = TRAP.BREAKPOINT;
          trapEpc = pc;
          break run;
        default:
          // Privileged and illegal instructions are rare: their cost comes from the table (0 if illegal).
          budget = (budget - cost[op]) | 0;
          extra = (extra + cost[op] - 1) | 0;
          if (op >= 44 && op <= 52) {
            // The privileged instructions.
            if (user) {
              extra = (extra + 1) | 0;
              trapCause = TRAP.PROTECTION_FAULT;
              trapValue = w;
              trapEpc = at;
              break run;
            }
            pending = PENDING.PRIVILEGED;
            pendingWord = w;
            break fast;
          }
          extra = (extra + 1) | 0;
          trapCause = TRAP.ILLEGAL_INSTRUCTION;
          trapValue = w;
          trapEpc = at;
          break run;
      }
    }

    // Out of line: the one instruction the inner loop handed over. A fetch has not happened yet; a
    // memory or privileged instruction has been charged (`extra` included, as if it completes) and pc
    // points past it. Each of these calls may change translations, so the cached code page is dropped.
    if (pending === PENDING.FETCH) {
      const pa = fetchSlow(m, pc >>> 0, user);
      if (pa < 0) {
        if ((pc & 3) !== 0) {
          trapCause = TRAP.ILLEGAL_INSTRUCTION;
          trapValue = pc >>> 0;
        } else {
          trapCause = TRAP.PAGE_FAULT;
          trapValue = m.mmu.fault.address;
          trapInfo = m.mmu.fault.access | (m.mmu.fault.reason << 4);
        }
        trapEpc = pc;
        break;
      }
      // The translation just made is the current one: fetch through it.
      codePage = pc & -4096;
      codeFrame = pa & -4096;
    } else if (pending === PENDING.MEMORY) {
      memorySlow(m, pendingWord, user);
      codePage = NO_CODE_PAGE;
      if (m.faulted) {
        extra = (extra + 1) | 0;
        break;
      }
      regs[0] = 0;
    } else if (pending === PENDING.PRIVILEGED) {
      const w = pendingWord;
      const op = w >>> 24;
      exit = privileged(m, op, w, (w >>> 20) & 15, (w >>> 16) & 15, pc >>> 0, startCycles + granted - budget);
      codePage = NO_CODE_PAGE;
      if (exit === EXIT_ILLEGAL) {
        extra = (extra + 1) | 0;
        trapCause = TRAP.ILLEGAL_INSTRUCTION;
        trapValue = w;
        trapEpc = (pc - 4) | 0;
        break;
      }
      if (op === 45) {
        pc = cr[CR.EPC] | 0;
        budget = (budget - TRAP_EXIT_CYCLES) | 0;
        extra = (extra + TRAP_EXIT_CYCLES) | 0;
      }
      regs[0] = 0;
      if (exit !== EXIT.LIMIT) break;
    } else break; // The budget is spent.
    pending = PENDING.NONE;
  }

  // A load or store that faulted: the instruction did not complete and is retried after the kernel
  // has handled the fault (or never, if the fault is fatal).
  if (m.faulted) {
    m.faulted = false;
    trapCause = TRAP.PAGE_FAULT;
    trapValue = m.mmu.fault.address;
    trapInfo = m.mmu.fault.access | (m.mmu.fault.reason << 4);
    trapEpc = (pc - 4) | 0;
  }
  const cycles = startCycles + granted - budget;
  const retired = granted - budget - extra;
  if (trapCause !== NO_TRAP) {
    regs[0] = 0;
    cpu.cycles = cycles;
    cpu.instructions += retired;
    cpu.pc = trapEpc >>> 0;
    m.trap(trapCause, trapValue, trapInfo, trapEpc >>> 0);
    return EXIT.TRAP;
  }
  cpu.pc = pc >>> 0;
  cpu.cycles = cycles;
  cpu.instructions += retired;
  return exit;
}

const EXIT_ILLEGAL = -1;

/** The privileged instructions (kernel mode only), rarer than the rest: kept out of the hot switch. */
function privileged(
  m: Machine,
  op: number,
  w: number,
  rd: number,
  rs1: number,
  next: number,
  cycles: number,
): number {
  const cr = m.cpu.cr;
  const regs = m.cpu.regs;
  switch (op) {
    case 44: // hcall
      m.pendingHcall = w & 0xffff;
      return EXIT.HCALL;
    case 45: // iret
      cr[CR.STATUS] = cr[CR.ESTATUS];
      return EXIT.CHECK;
    case 46: // cli
      cr[CR.STATUS] &= ~STATUS_IE;
      return EXIT.LIMIT;
    case 47: // sti
      cr[CR.STATUS] |= STATUS_IE;
      return EXIT.CHECK;
    case 48: {
      // mfcr
      const n = w & 0xffff;
      if (n > CR.SCRATCH) return EXIT_ILLEGAL;
      regs[rd] = cr[n];
      return EXIT.LIMIT;
    }
    case 49: {
      // mtcr
      const n = w & 0xffff;
      if (n > CR.SCRATCH) return EXIT_ILLEGAL;
      cr[n] = regs[rs1];
      if (n === CR.PTBR) m.mmu.setPageTableBase(regs[rs1]);
      return n === CR.STATUS || n === CR.PTBR ? EXIT.CHECK : EXIT.LIMIT;
    }
    case 50: // in
      m.cpu.cycles = cycles;
      regs[rd] = m.ports.read(w & 0xffff);
      return EXIT.LIMIT;
    case 51: // out
      m.cpu.cycles = cycles;
      m.cpu.pc = next;
      m.ports.write(w & 0xffff, regs[rd]);
      return EXIT.CHECK;
    case 52: // halt
      return EXIT.HALT;
    default:
      return EXIT_ILLEGAL;
  }
}

/**
 * A load or store the inner loop's TLB fast path could not do, through the MMU and the byte-wise slow
 * paths: a TLB miss, an unaligned or page-straddling access, a write to a page table, or a fault (then
 * `m.faulted` is set and nothing is written, to memory or to the destination register).
 */
function memorySlow(m: Machine, w: number, user: boolean): void {
  const regs = m.cpu.regs;
  const rd = (w >>> 20) & 15;
  const va = (regs[(w >>> 16) & 15] + ((w << 16) >> 16)) >>> 0;
  switch (w >>> 24) {
    case 26: {
      // ldw
      const v = loadSlow(m, va, 4, user);
      if (!m.faulted) regs[rd] = v;
      return;
    }
    case 27: {
      // ldh
      const v = loadSlow(m, va, 2, user);
      if (!m.faulted) regs[rd] = (v << 16) >> 16;
      return;
    }
    case 28: {
      // ldhu
      const v = loadSlow(m, va, 2, user);
      if (!m.faulted) regs[rd] = v & 0xffff;
      return;
    }
    case 29: {
      // ldb
      const v = loadSlow(m, va, 1, user);
      if (!m.faulted) regs[rd] = (v << 24) >> 24;
      return;
    }
    case 30: {
      // ldbu
      const v = loadSlow(m, va, 1, user);
      if (!m.faulted) regs[rd] = v & 0xff;
      return;
    }
    case 31: // stw
      storeSlow(m, va, 4, regs[rd], user);
      return;
    case 32: // sth
      storeSlow(m, va, 2, regs[rd], user);
      return;
    case 33: // stb
      storeSlow(m, va, 1, regs[rd], user);
      return;
  }
}
