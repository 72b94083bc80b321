/**
 * One function's code: the frame, the prologue and epilogue, and the state the expression and
 * statement generators share (temporaries, labels, break/continue targets, failure stubs).
 *
 * The frame (the stack grows down; fp stays put while the function runs):
 *
 *   fp + 8 + 4k   stack argument k+4 (the caller's outgoing area)
 *   fp + 4        saved lr
 *   fp + 0        saved fp (the caller's)            <- fp
 *   fp - 4 ...    the caller's s0..s2, for those this function uses (saved in the prologue)
 *   ...           parameters a0..a3, locals, checked-mode bounds, spill slots
 *   sp + 0 ...    outgoing arguments 5, 6, ... of calls this function makes   <- sp
 *
 * Register variables (regalloc.ts) have no slot: a parameter among them is moved into its register
 * in the prologue.
 */
import { appendAll } from "../../shared/append";
import type { Pos } from "./diagnostics";
import { Emitter, mem } from "./emit";
import { fallsThrough } from "./flow";
import { copyBytes } from "./genMemory";
import { genStmt } from "./genStmt";
import { alignTo, FrameLayout } from "./layout";
import { forwardFrameLoads } from "./peephole";
import { chooseRegisters, SAVED_REGISTERS, type SavedRegister } from "./regalloc";
import { Registers, type SpillSlots } from "./regs";
import type { FuncSymbol, TFunction } from "./typed";
import { alignOf, declare, isWide, sizeOf } from "./types";

/** What all functions of a program share. */
export interface ProgramContext {
  checked: boolean;
  /** Checked mode: where a call through a pointer may go (the functions whose address is taken). */
  callTargets: readonly FuncSymbol[];
  /** The label of a "file:line" string for checked-mode messages. */
  locString(pos: Pos): string;
}

export class Gen implements SpillSlots {
  readonly out = new Emitter();
  readonly regs: Registers;
  readonly frame = new FrameLayout(0);
  /** Enclosing loops and switches, innermost last: where break, continue and default go. */
  readonly jumps: { breakLabel: string; continueLabel?: string; defaultLabel?: string }[] = [];
  readonly returnLabel = ".Lreturn";
  /** Out-of-line code (checked mode's failure paths), placed after the epilogue. */
  readonly stubs = new Emitter();
  maxOutgoing = 0;
  /** The s registers this function uses, with the frame slots that keep the caller's values. */
  saved: { register: SavedRegister; offset: number }[] = [];
  private freeSlots: number[] = [];
  private labelCount = 0;

  constructor(
    readonly program: ProgramContext,
    readonly fn: TFunction,
  ) {
    this.regs = new Registers(this.out, this);
  }

  newLabel(): string {
    return `.L${this.labelCount++}`;
  }

  /** Spill slots allocated beyond those reserved up front (see genFunction). */
  extraSlots = 0;

  take(): number {
    const free = this.freeSlots.pop();
    if (free !== undefined) return free;
    this.extraSlots++;
    return this.frame.allocate(4, 4);
  }

  give(offset: number): void {
    this.freeSlots.push(offset);
  }

  loc(pos: Pos): void {
    this.out.loc(pos);
  }
}

/** Locals bigger than this go below the spill slots, so that everything small stays within reach of a 16-bit offset. */
const LARGE_LOCAL = 64;
/** Frames smaller than this have every offset within reach, whatever the order. */
const SMALL_FRAME = 0x7000;

/**
 * Emits a whole function: header, prologue, body, epilogue, failure stubs. Spill slots are handed out
 * while the body is generated; in a frame big enough that they could land beyond a 16-bit offset
 * (below a large local array), the function is generated again with that many slots reserved above
 * the large locals.
 */
export function genFunction(program: ProgramContext, f: TFunction): string[] {
  let reserve = 0;
  for (let pass = 0; ; pass++) {
    const g = new Gen(program, f);
    layOutFrame(g, f, reserve);
    const lines = emitFunction(g, f);
    if (g.extraSlots === 0 || g.frame.size < SMALL_FRAME || pass === 3) return lines;
    reserve += g.extraSlots;
  }
}

function layOutFrame(g: Gen, f: TFunction, spillReserve: number): void {
  const registers = chooseRegisters(f);
  for (const v of [...f.params, ...f.locals]) v.register = registers.get(v);
  for (const register of SAVED_REGISTERS) {
    if ([...registers.values()].includes(register))
      g.saved.push({ register, offset: g.frame.allocate(4, 4) });
  }
  // Parameters a0..a3 get slots in the frame; the rest stay where the caller put them. A struct
  // passed by value arrives as the address of the caller's struct and is copied into its own slot.
  for (const p of f.params) {
    if (p.paramIndex >= 4 && p.type.kind !== "struct") p.offset = 8 + 4 * (p.paramIndex - 4);
    else if (!p.register) p.offset = g.frame.allocate(sizeOf(p.type), alignOf(p.type));
  }
  const small = f.locals.filter((v) => sizeOf(v.type) <= LARGE_LOCAL);
  const large = f.locals.filter((v) => sizeOf(v.type) > LARGE_LOCAL);
  for (const v of small) {
    if (!v.register) v.offset = g.frame.allocate(sizeOf(v.type), alignOf(v.type));
    if (v.tracked) v.tracked = { lo: g.frame.allocate(4, 4), limit: g.frame.allocate(4, 4) };
  }
  for (let i = 0; i < spillReserve; i++) g.give(g.frame.allocate(4, 4));
  for (const v of large) v.offset = g.frame.allocate(sizeOf(v.type), alignOf(v.type));
}

/** Structs passed by value: the callee copies the caller's struct (its address is the argument) into its own slot. */
function copyStructParams(g: Gen, f: TFunction): void {
  for (const p of f.params) {
    if (p.type.kind !== "struct") continue;
    const from = g.regs.alloc();
    const r = g.regs.name(from);
    if (p.paramIndex < 4) g.out.ins("mov", `${r}, a${p.paramIndex}`);
    else g.out.ins("ldw", `${r}, ${mem("fp", 8 + 4 * (p.paramIndex - 4))}`);
    copyBytes(
      g,
      { base: "fp", offset: p.offset },
      { base: from, offset: 0 },
      sizeOf(p.type),
      alignOf(p.type),
    );
    g.regs.release(from);
  }
}

function emitFunction(g: Gen, f: TFunction): string[] {
  const paramStores = new Emitter();
  for (const s of g.saved) paramStores.ins("stw", `${s.register}, ${mem("fp", s.offset)}`);
  for (const p of f.params) {
    if (p.register) {
      if (p.paramIndex < 4) paramStores.ins("mov", `${p.register}, a${p.paramIndex}`);
      else paramStores.ins("ldw", `${p.register}, ${mem("fp", p.offset)}`);
      continue;
    }
    if (p.paramIndex >= 4 || p.type.kind === "struct") continue;
    if (isWide(p.type)) {
      // Low word in a<k>, high word in a<k+1>, or for a pair that starts in a3, at [fp + 8].
      paramStores.ins("stw", `a${p.paramIndex}, ${mem("fp", p.offset)}`);
      if (p.paramIndex < 3) paramStores.ins("stw", `a${p.paramIndex + 1}, ${mem("fp", p.offset + 4)}`);
      else {
        paramStores.ins("ldw", `t0, ${mem("fp", 8)}`);
        paramStores.ins("stw", `t0, ${mem("fp", p.offset + 4)}`);
      }
      continue;
    }
    const op = sizeOf(p.type) === 1 ? "stb" : sizeOf(p.type) === 2 ? "sth" : "stw";
    paramStores.ins(op, `a${p.paramIndex}, ${mem("fp", p.offset)}`);
  }

  g.loc(f.body.pos);
  copyStructParams(g, f);
  genStmt(g, f.body);
  if (f.sym.name === "main" && fallsThrough(f.body)) {
    // C: reaching the end of main returns 0.
    g.out.ins("li", "a0, 0");
  }

  const frameSize = alignTo(g.frame.size + g.maxOutgoing, 4);
  const label = f.sym.label;
  const lines: string[] = [];
  const head = new Emitter();
  head.blank();
  head.comment(declare(f.sym.type, f.sym.name));
  if (!f.sym.internal) head.directive(`.global ${label}`);
  head.directive(`.type ${label}, function`);
  head.label(label);
  head.directive(`.func ${label}`);
  head.loc(f.pos);
  head.ins("addi", "sp, sp, -8");
  head.ins("stw", "fp, [sp]");
  head.ins("stw", "lr, [sp + 4]");
  head.ins("mov", "fp, sp");
  if (frameSize > 0 && frameSize <= 0x8000) head.ins("addi", `sp, sp, -${frameSize}`);
  else if (frameSize > 0) {
    head.ins("li", `t0, ${frameSize}`);
    head.ins("sub", "sp, sp, t0");
  }
  appendAll(lines, head.lines, paramStores.lines, g.out.lines);
  const tail = new Emitter();
  tail.label(g.returnLabel);
  tail.loc(f.endPos);
  for (const s of g.saved) tail.ins("ldw", `${s.register}, ${mem("fp", s.offset)}`);
  tail.ins("mov", "sp, fp");
  tail.ins("ldw", "lr, [sp + 4]");
  tail.ins("ldw", "fp, [sp]");
  tail.ins("addi", "sp, sp, 8");
  tail.ins("ret");
  appendAll(lines, tail.lines, g.stubs.lines);
  lines.push("    .endfunc", `    .size ${label}, . - ${label}`);
  return removeJumpToNext(forwardFrameLoads(lines));
}

const JUMP_TO_LOCAL = /^ {4}j {5}(\.L\w+)$/;

/** `j .Lx` straight before `.Lx:` (and the .loc lines between) does nothing: drop it. */
function removeJumpToNext(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Most lines are not a jump: a plain prefix test first, the regular expression only for jumps.
    const m = line.startsWith("    j     .L") ? JUMP_TO_LOCAL.exec(line) : null;
    if (m) {
      let j = i + 1;
      while (j < lines.length && /^ {4}\.loc /.test(lines[j]!)) j++;
      if (lines[j] === `${m[1]}:`) continue;
    }
    out.push(line);
  }
  return out;
}
