/**
 * From operands to an instruction word: check that each operand is the kind its slot wants (a register,
 * a value, a memory operand, a control register), evaluate it, check its range, and pack the fields
 * with isa.ts's encode. Never truncates: a value out of range is an error.
 */

import { CR_NAMES, encode, type InstructionInfo } from "../../machine/isa";
import { type Evaluation, isFailure } from "./evaluate";
import type { Expr, Span } from "./expression";
import { FORMAT_SLOTS, formatSyntax, type Slot } from "./formats";
import { MESSAGES, REGISTER_HELP } from "./messages";
import type { Operand } from "./operands";
import { didYouMean } from "./suggestions";

/** An operand after evaluation: a register number, a value, a control register, or base + offset. */
export interface Resolved extends Span {
  value: number;
  /** Label weight of the value (see evaluate.ts); 0 for registers and plain numbers. */
  weight: number;
  /** The label the value depends on, for messages. */
  label?: string;
  /** Memory operands: the base register (value is the offset). */
  base?: number;
}

export interface OperandContext {
  evaluate(expr: Expr): Evaluation;
  isDefined(name: string): boolean;
  error(span: Span, message: string, suggestion?: string | (() => string | undefined)): undefined;
  warning(span: Span, message: string): void;
}

const CONTROL_REGISTER_HELP = `control registers are ${CR_NAMES.join(", ")} (or a number 0..15)`;

function value(op: Operand, ctx: OperandContext): Resolved | undefined {
  if (op.kind === "register") return ctx.error(op, MESSAGES.expectedValue(op.text));
  if (op.kind === "memory") return ctx.error(op, MESSAGES.memoryNotAllowed());
  if (op.kind === "string") return ctx.error(op, MESSAGES.stringNotAllowed());
  return evaluated(ctx.evaluate(op.expr), op, ctx);
}

function evaluated(result: Evaluation, span: Span, ctx: OperandContext): Resolved | undefined {
  if (isFailure(result)) {
    if (result.kind === "error") ctx.error(result, result.message, result.suggestion);
    else if (result.kind === "unknown") ctx.error(result, MESSAGES.undefinedSymbol(result.name));
    return undefined;
  }
  return {
    value: result.value,
    weight: result.weight,
    label: result.label,
    col: span.col,
    length: span.length,
  };
}

function resolveOne(slot: Slot, op: Operand, ctx: OperandContext): Resolved | undefined {
  switch (slot.kind) {
    case "reg":
      if (op.kind === "register") return op.resolved;
      if (op.kind === "expr" && op.expr.kind === "symbol") {
        return ctx.error(op, MESSAGES.unknownRegister(op.text), REGISTER_HELP);
      }
      return ctx.error(op, MESSAGES.expectedRegister(op.text), REGISTER_HELP);
    case "mem": {
      if (op.kind !== "memory") return ctx.error(op, MESSAGES.expectedMemory(op.text));
      if (!op.offset) return { value: 0, weight: 0, base: op.base, col: op.col, length: op.length };
      const offset = evaluated(ctx.evaluate(op.offset), op.offset, ctx);
      return offset && { ...offset, base: op.base };
    }
    case "cr": {
      if (op.kind === "register") return ctx.error(op, MESSAGES.expectedControlRegister(op.text));
      if (op.kind === "expr" && op.expr.kind === "symbol") {
        const index = CR_NAMES.indexOf(op.expr.name.toLowerCase());
        if (index >= 0) return { value: index, weight: 0, col: op.col, length: op.length };
        if (!ctx.isDefined(op.expr.name)) {
          const name = op.expr.name;
          return ctx.error(
            op,
            MESSAGES.unknownControlRegister(name),
            () => didYouMean(name, CR_NAMES, true) ?? CONTROL_REGISTER_HELP,
          );
        }
      }
      return value(op, ctx);
    }
    default:
      return value(op, ctx);
  }
}

/**
 * Resolves the operands of `name` (an instruction or pseudo-instruction) against its slots. Reports
 * every problem; returns undefined if there was any.
 */
export function resolveOperands(
  name: string,
  slots: readonly Slot[],
  syntax: string,
  operands: readonly Operand[],
  at: Span,
  ctx: OperandContext,
): Resolved[] | undefined {
  if (operands.length !== slots.length) {
    const written = syntax === "" ? name : `${name} ${syntax}`;
    ctx.error(at, MESSAGES.operandCount(name, slots.length, operands.length, written));
    return undefined;
  }
  const resolved: Resolved[] = [];
  let ok = true;
  for (let i = 0; i < slots.length; i++) {
    const r = resolveOne(slots[i]!, operands[i]!, ctx);
    if (r) resolved.push(r);
    else ok = false;
  }
  return ok ? resolved : undefined;
}

/** Formats whose immediate could have been loaded with `li` instead: the hint for a value out of range. */
const LI_HINT_FORMATS: ReadonlySet<string> = new Set(["I", "IU", "L", "S"]);

/** Whether an immediate fits its slot; reports it at the operand if not. */
function inRange(op: Resolved, slot: Slot, info: InstructionInfo, ctx: OperandContext): boolean {
  if (op.value >= slot.min && op.value <= slot.max) return true;
  if (slot.kind === "cr") ctx.error(op, MESSAGES.controlRegisterOutOfRange(op.value));
  else if (slot.name === "shamt") ctx.error(op, MESSAGES.shiftOutOfRange(op.value));
  else {
    const hint = LI_HINT_FORMATS.has(info.format)
      ? "use 'li' to put the value in a register first"
      : undefined;
    ctx.error(op, MESSAGES.immediateOutOfRange(op.value, info.mnemonic, slot.min, slot.max), hint);
  }
  return false;
}

/** Encodes a real instruction at `pc`. Reports range errors at the operand; undefined if any. */
export function encodeInstruction(
  info: InstructionInfo,
  operands: readonly Resolved[],
  pc: number,
  ctx: OperandContext,
): number | undefined {
  // A plain loop with no closures or arrays: this runs once per instruction word of every build.
  const slots = FORMAT_SLOTS[info.format];
  const fields = { a: 0, b: 0, c: 0 };
  let imm = 0;
  let ok = true;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const op = operands[i]!;
    switch (slot.kind) {
      case "reg":
        fields[slot.field!] = op.value;
        continue;
      case "target": {
        const target = op.value >>> 0;
        if (target % 4 !== 0) {
          ctx.error(op, MESSAGES.branchMisaligned(target));
          ok = false;
          continue;
        }
        const words = ((target - ((pc + 4) >>> 0)) | 0) >> 2;
        const limit = slot.max + 1;
        if (words < slot.min || words > slot.max) {
          const hint = info.format === "B" ? "branch over a 'j' to the far label instead" : undefined;
          ctx.error(op, MESSAGES.branchTooFar(info.mnemonic, words, limit), hint);
          ok = false;
          continue;
        }
        imm = words;
        continue;
      }
      case "mem":
        fields.b = op.base!;
        break;
      default:
        break;
    }
    if (!inRange(op, slot, info, ctx)) {
      ok = false;
      continue;
    }
    if (op.weight !== 0) ctx.warning(op, MESSAGES.addressInImmediate(op.label ?? "?"));
    imm = op.value;
  }
  if (!ok) return undefined;
  return encode(info.opcode, fields.a, fields.b, fields.c, imm, info.format);
}

/** The syntax of a real instruction's operands, for messages: "rd, rs1, simm16". */
export const instructionSyntax = (info: InstructionInfo): string => formatSyntax(info.format);
