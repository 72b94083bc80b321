/**
 * Calls: arguments in a0..a3 and at [sp + 0], [sp + 4], ..., the result in a0. A direct call is
 * `call LABEL`; a call through a pointer is `jalr lr, REG, 0`, checked first in checked mode.
 */
import { fitsImm16, mem } from "./emit";
import { genExpr } from "./genExpr";
import type { Gen } from "./genFunction";
import { genWide } from "./genWide";
import { registerRead, writesRegister } from "./regalloc";
import type { Temp } from "./regs";
import type { TExpr } from "./typed";
import { argumentWords, isWide } from "./types";

/**
 * Checked mode: a call through a pointer must go to a function whose address the program takes
 * somewhere; null or anything else panics at the call's line (before the jump, so nothing wild runs).
 */
function checkCallTarget(g: Gen, r: string, e: TExpr): void {
  const fail = g.newLabel();
  const ok = g.newLabel();
  const s = g.stubs;
  s.label(fail);
  s.loc(e.pos);
  s.ins("mov", `a0, ${r}`);
  s.ins("la", `a1, ${g.program.locString(e.pos)}`);
  s.ins("call", "__rl_bad_call");
  const scratch = r === "t4" ? "t3" : "t4";
  for (const f of g.program.callTargets) {
    g.out.ins("la", `${scratch}, ${f.label}`);
    g.out.ins("beq", `${r}, ${scratch}, ${ok}`);
  }
  g.out.ins("j", fail);
  g.out.label(ok);
}

/** Arguments in a0..a3 and at [sp + 0], [sp + 4], ...; the result comes back in a0. */
export function genCall(
  g: Gen,
  e: Extract<TExpr, { k: "call" | "icall" }>,
  wantResult: boolean,
): Temp | undefined {
  // Through a pointer: the target first, kept in a temp while the arguments are computed.
  const target = e.k === "icall" ? genExpr(g, e.callee) : undefined;
  // Register arguments that are constants or addresses of variables go straight into a0..a3 at the end.
  // Register variables too, unless an argument assigns one (then each is read in its turn).
  const readLate = !e.args.some(writesRegister);
  const direct = (arg: TExpr, k: number): [string, string] | undefined => {
    if (k >= 4) return undefined;
    let a = arg;
    while (a.k === "cast" && a.type.kind === "ptr" && a.operand.type.kind === "ptr") a = a.operand;
    if (a.k === "const") return ["li", `a${k}, ${a.value | 0}`];
    if (a.k === "funcref") return ["la", `a${k}, ${a.func.label}`];
    const reg = registerRead(a);
    if (reg && readLate) return ["mov", `a${k}, ${reg}`];
    if (a.k === "addr" && a.lvalue.k === "str") return ["la", `a${k}, ${a.lvalue.literal.label}`];
    if (a.k === "addr" && a.lvalue.k === "var") {
      const sym = a.lvalue.sym;
      if (sym.storage === "global" || sym.storage === "static") return ["la", `a${k}, ${sym.label}`];
      if (fitsImm16(sym.offset)) return ["addi", `a${k}, fp, ${sym.offset}`];
    }
    return undefined;
  };
  // Each argument takes one word, a 64-bit one two (low word first): a0..a3, then [sp + 0], [sp + 4], ...
  const at = argumentWords(e.args.map((a) => a.type));
  const directAt = (k: number) => (isWide(e.args[k]!.type) ? undefined : direct(e.args[k]!, at[k]!));
  const temps: (Temp | undefined)[] = [];
  e.args.forEach((a, k) => {
    if (isWide(a.type)) {
      const p = genWide(g, a);
      temps.push(p.lo, p.hi);
    } else temps.push(directAt(k) ? undefined : genExpr(g, a));
  });
  g.maxOutgoing = Math.max(g.maxOutgoing, 4 * Math.max(0, temps.length - 4));
  temps.slice(4).forEach((t, k) => {
    if (t) g.out.ins("stw", `${g.regs.name(t)}, ${mem("sp", 4 * k)}`);
  });
  temps.slice(0, 4).forEach((t, k) => {
    if (!t) return;
    if (t.reg >= 0) g.out.ins("mov", `a${k}, ${g.regs.name(t)}`);
    else g.out.ins("ldw", `a${k}, ${mem("fp", t.slot)}`);
  });
  e.args.forEach((_, k) => {
    const d = directAt(k);
    if (d) g.out.ins(...d);
  });
  const used = temps.filter((t): t is Temp => t !== undefined);
  g.regs.release(...used);
  if (e.k === "icall" && target) {
    const r = g.regs.name(target);
    g.regs.spillAll(target);
    if (e.check) checkCallTarget(g, r, e);
    g.out.ins("jalr", `lr, ${r}, 0`);
    g.regs.release(target);
  } else if (e.k === "call") {
    g.regs.spillAll();
    g.out.ins("call", e.func.label);
  }
  if (!wantResult) return undefined;
  const t = g.regs.alloc();
  g.out.ins("mov", `${g.regs.name(t)}, a0`);
  return t;
}
