/**
 * Step 3: what must hold before each instruction may run, as data (PREVAIL keeps these apart from what
 * an instruction does and from whether we know they hold). The checker (checker.ts) decides each one
 * against the state the analysis has at that point.
 */
import { REG } from "../machine/isa";
import { type Instruction, instructionAt, type Program } from "./decode";

export type Assertion =
  /** A load or store through register `base` + `offset`, `width` bytes. */
  | { kind: "access"; base: number; offset: number; width: 1 | 2 | 4; write: boolean; value?: number }
  /** The divisor register is not zero. */
  | { kind: "nonzero"; register: number }
  /** The instruction may not be in a verified driver at all. */
  | { kind: "forbidden"; why: "privileged" | "trap" | "illegal" | "indirect" | "code-write" }
  /** A call to a kernel service: only allow-listed ones, with arguments that meet the contract. */
  | { kind: "helper"; service: number; name: string }
  /** A call to one of the driver's own functions. */
  | { kind: "call"; target: number }
  /** `jalr zero, lr, 0`: a return; the return address must be the one the caller gave. */
  | { kind: "return" };

/** The assertions of one instruction, from the ISA table's semantics. */
export function assertionsFor(p: Program, ins: Instruction): Assertion[] {
  const d = ins.decoded;
  if (!d) return [{ kind: "forbidden", why: "illegal" }];
  if (ins.addressOf !== undefined || ins.addressPart) return [];
  const sem = d.info.semantics;
  if (d.info.privileged) return [{ kind: "forbidden", why: "privileged" }];
  switch (sem.kind) {
    case "alu":
      return sem.trapsOnZeroDivisor ? [{ kind: "nonzero", register: d.c }] : [];
    case "load":
      return [{ kind: "access", base: d.b, offset: d.imm, width: sem.width, write: false }];
    case "store":
      return [{ kind: "access", base: d.b, offset: d.imm, width: sem.width, write: true, value: d.a }];
    case "sys":
    case "brk":
      return [{ kind: "forbidden", why: "trap" }];
    case "jal": {
      if (d.a === REG.ZERO) return [];
      const target = (ins.address + 4 + d.imm * 4) >>> 0;
      const stub = p.stubs.get(target);
      if (stub) return [{ kind: "helper", service: stub.service, name: stub.name }];
      return [{ kind: "call", target }];
    }
    case "jalr":
      if (d.a === REG.ZERO && d.b === REG.LR && d.imm === 0) return [{ kind: "return" }];
      return [{ kind: "forbidden", why: "indirect" }];
    default:
      return [];
  }
}

/** Whether an address is an instruction of the image (stores there would rewrite code). */
export function isCode(p: Program, address: number): boolean {
  return instructionAt(p, address & ~3) !== undefined;
}
