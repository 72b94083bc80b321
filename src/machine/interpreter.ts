/**
 * The CPU's inner loop: fetch, decode and execute until the cycle limit, a trap, or an event the
 * machine must see (halt, hcall, a change of mode or of pending interrupts).
 *
 * It is written for speed: state lives in locals, memory is read through typed arrays, and each memory
 * access first tries the TLB (one load and one mask test) before falling back to the MMU's page walk.
 * The case labels are the opcodes of isa.ts as literals (a switch over literals compiles to a jump
 * table); test/unit/interpreter-opcodes.test.ts checks every label against the table.
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

export function execute(m: Machine, limit: number): number {
  const cpu = m.cpu;
  const regs = cpu.regs;
  const cr = cpu.cr;
  const mem = m.memory;
  const i32 = mem.i32;
  const u16 = mem.u16;
  const u8 = mem.u8;
  const tlb = m.mmu.tlb;
  const cost = CYCLES;
  const user = (cr[CR.STATUS] & STATUS_USER) !== 0;
  const R = user ? TLB_USER_READ : TLB_KERNEL_READ;
  const W = user ? TLB_USER_WRITE : TLB_KERNEL_WRITE;
  const X = user ? TLB_USER_EXEC : TLB_KERNEL_EXEC;

  // Locals the JIT can keep in machine registers as 32-bit integers: pc (signed view of the address),
  // the cycle budget left, and the instructions retired in this call.
  let pc = cpu.pc | 0;
  const startCycles = cpu.cycles;
  const granted = Math.min(Math.max(0, limit - startCycles), 0x3fffffff) | 0;
  let budget = granted;
  let retired = 0;
  let exit: number = EXIT.LIMIT;
  // A trap found inside the loop is taken after it, with the loop's state written back.
  let trapCause = NO_TRAP;
  let trapValue = 0;
  let trapInfo = 0;
  let trapEpc = 0;

  loop: while (budget > 0) {
    const at = pc;
    let pa: number;
    const fe = tlb[at >>> 12];
    if ((fe & X) !== 0 && (at & 3) === 0) pa = (fe & -4096) | (at & 4095);
    else {
      pa = fetchSlow(m, at >>> 0, user);
      if (pa < 0) {
        if ((at & 3) !== 0) {
          trapCause = TRAP.ILLEGAL_INSTRUCTION;
          trapValue = at >>> 0;
        } else {
          trapCause = TRAP.PAGE_FAULT;
          trapValue = m.mmu.fault.address;
          trapInfo = m.mmu.fault.access | (m.mmu.fault.reason << 4);
        }
        trapEpc = at;
        break;
      }
    }
    const w = i32[pa >> 2];
    const op = w >>> 24;
    budget -= cost[op];
    pc = (at + 4) | 0;
    const rd = (w >>> 20) & 15;
    const rs1 = (w >>> 16) & 15;

    switch (op) {
      case 1: // add
        regs[rd] = regs[rs1] + regs[(w >>> 12) & 15];
        break;
      case 2: // sub
        regs[rd] = regs[rs1] - regs[(w >>> 12) & 15];
        break;
      case 3: // mul
        regs[rd] = Math.imul(regs[rs1], regs[(w >>> 12) & 15]);
        break;
      case 4: // div
      case 5: // divu
      case 6: // rem
      case 7: {
        // remu
        const b = regs[(w >>> 12) & 15];
        if (b === 0) {
          trapCause = TRAP.DIVIDE_BY_ZERO;
          trapEpc = at;
          break loop;
        }
        const a = regs[rs1];
        if (op === 4) regs[rd] = (a / b) | 0;
        else if (op === 5) regs[rd] = (a >>> 0) / (b >>> 0);
        else if (op === 6) regs[rd] = a % b;
        else regs[rd] = (a >>> 0) % (b >>> 0);
        break;
      }
      case 8: // and
        regs[rd] = regs[rs1] & regs[(w >>> 12) & 15];
        break;
      case 9: // or
        regs[rd] = regs[rs1] | regs[(w >>> 12) & 15];
        break;
      case 10: // xor
        regs[rd] = regs[rs1] ^ regs[(w >>> 12) & 15];
        break;
      case 11: // shl
        regs[rd] = regs[rs1] << regs[(w >>> 12) & 15];
        break;
      case 12: // shr
        regs[rd] = regs[rs1] >>> regs[(w >>> 12) & 15];
        break;
      case 13: // sar
        regs[rd] = regs[rs1] >> regs[(w >>> 12) & 15];
        break;
      case 14: // slt
        regs[rd] = regs[rs1] < regs[(w >>> 12) & 15] ? 1 : 0;
        break;
      case 15: // sltu
        regs[rd] = regs[rs1] >>> 0 < regs[(w >>> 12) & 15] >>> 0 ? 1 : 0;
        break;
      case 16: // addi
        regs[rd] = regs[rs1] + ((w << 16) >> 16);
        break;
      case 17: // andi
        regs[rd] = regs[rs1] & (w & 0xffff);
        break;
      case 18: // ori
        regs[rd] = regs[rs1] | (w & 0xffff);
        break;
      case 19: // xori
        regs[rd] = regs[rs1] ^ (w & 0xffff);
        break;
      case 20: // shli
        regs[rd] = regs[rs1] << (w & 31);
        break;
      case 21: // shri
        regs[rd] = regs[rs1] >>> (w & 31);
        break;
      case 22: // sari
        regs[rd] = regs[rs1] >> (w & 31);
        break;
      case 23: // slti
        regs[rd] = regs[rs1] < (w << 16) >> 16 ? 1 : 0;
        break;
      case 24: // sltiu
        regs[rd] = regs[rs1] >>> 0 < ((w << 16) >> 16) >>> 0 ? 1 : 0;
        break;
      case 25: // lui
        regs[rd] = w << 16;
        break;
      case 26: {
        // ldw
        const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
        const e = tlb[va >>> 12];
        if ((e & R) !== 0 && (va & 3) === 0) regs[rd] = i32[((e & -4096) | (va & 4095)) >> 2];
        else {
          const v = loadSlow(m, va >>> 0, 4, user);
          if (m.faulted) break loop;
          regs[rd] = v;
        }
        break;
      }
      case 27: // ldh
      case 28: {
        // ldhu
        const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
        const e = tlb[va >>> 12];
        let v: number;
        if ((e & R) !== 0 && (va & 1) === 0) v = u16[((e & -4096) | (va & 4095)) >> 1];
        else {
          v = loadSlow(m, va >>> 0, 2, user);
          if (m.faulted) break loop;
        }
        regs[rd] = op === 27 ? (v << 16) >> 16 : v & 0xffff;
        break;
      }
      case 29: // ldb
      case 30: {
        // ldbu
        const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
        const e = tlb[va >>> 12];
        let v: number;
        if ((e & R) !== 0) v = u8[(e & -4096) | (va & 4095)];
        else {
          v = loadSlow(m, va >>> 0, 1, user);
          if (m.faulted) break loop;
        }
        regs[rd] = op === 29 ? (v << 24) >> 24 : v & 0xff;
        break;
      }
      case 31: {
        // stw
        const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
        const e = tlb[va >>> 12];
        if ((e & W) !== 0 && (va & 3) === 0) i32[((e & -4096) | (va & 4095)) >> 2] = regs[rd];
        else {
          storeSlow(m, va >>> 0, 4, regs[rd], user);
          if (m.faulted) break loop;
        }
        break;
      }
      case 32: {
        // sth
        const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
        const e = tlb[va >>> 12];
        if ((e & W) !== 0 && (va & 1) === 0) u16[((e & -4096) | (va & 4095)) >> 1] = regs[rd];
        else {
          storeSlow(m, va >>> 0, 2, regs[rd], user);
          if (m.faulted) break loop;
        }
        break;
      }
      case 33: {
        // stb
        const va = (regs[rs1] + ((w << 16) >> 16)) | 0;
        const e = tlb[va >>> 12];
        if ((e & W) !== 0) u8[(e & -4096) | (va & 4095)] = regs[rd];
        else {
          storeSlow(m, va >>> 0, 1, regs[rd], user);
          if (m.faulted) break loop;
        }
        break;
      }
      case 34: // beq
        if (regs[rd] === regs[rs1]) pc = (pc + (((w << 16) >> 16) << 2)) | 0;
        break;
      case 35: // bne
        if (regs[rd] !== regs[rs1]) pc = (pc + (((w << 16) >> 16) << 2)) | 0;
        break;
      case 36: // blt
        if (regs[rd] < regs[rs1]) pc = (pc + (((w << 16) >> 16) << 2)) | 0;
        break;
      case 37: // bge
        if (regs[rd] >= regs[rs1]) pc = (pc + (((w << 16) >> 16) << 2)) | 0;
        break;
      case 38: // bltu
        if (regs[rd] >>> 0 < regs[rs1] >>> 0) pc = (pc + (((w << 16) >> 16) << 2)) | 0;
        break;
      case 39: // bgeu
        if (regs[rd] >>> 0 >= regs[rs1] >>> 0) pc = (pc + (((w << 16) >> 16) << 2)) | 0;
        break;
      case 40: {
        // jal
        const target = (pc + (((w << 12) >> 12) << 2)) | 0;
        regs[rd] = pc;
        pc = target;
        break;
      }
      case 41: {
        // jalr
        const target = (regs[rs1] + ((w << 16) >> 16)) | 0;
        regs[rd] = pc;
        pc = target;
        break;
      }
      case 42: // sys: completes, then traps; the kernel returns to the next instruction.
        retired++;
        trapCause = TRAP.SYSCALL;
        trapValue = w & 0xffff;
        trapEpc = pc;
        break loop;
      case 43: // brk
        retired++;
        trapCause = TRAP.BREAKPOINT;
        trapEpc = pc;
        break loop;
      default:
        if (op >= 44 && op <= 52) {
          // The privileged instructions.
          if (user) {
            trapCause = TRAP.PROTECTION_FAULT;
            trapValue = w;
            trapEpc = at;
            break loop;
          }
          exit = privileged(m, op, w, rd, rs1, pc >>> 0, startCycles + granted - budget);
          if (exit === EXIT_ILLEGAL) {
            trapCause = TRAP.ILLEGAL_INSTRUCTION;
            trapValue = w;
            trapEpc = at;
            break loop;
          }
          if (op === 45) {
            pc = cr[CR.EPC] | 0;
            budget -= TRAP_EXIT_CYCLES;
          }
          if (exit !== EXIT.LIMIT) {
            regs[0] = 0;
            retired++;
            break loop;
          }
          break;
        }
        trapCause = TRAP.ILLEGAL_INSTRUCTION;
        trapValue = w;
        trapEpc = at;
        break loop;
    }
    regs[0] = 0;
    retired++;
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
