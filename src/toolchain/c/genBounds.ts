/**
 * Checked mode: keeping a tracked pointer's hidden bounds (bounds.ts) up to date when it is assigned.
 */
import { provenance } from "./bounds";
import { mem } from "./emit";
import type { Gen } from "./genFunction";
import { genAddr, materialize } from "./genMemory";
import type { TExpr, VarSymbol } from "./typed";

/** After `p = value`: p's array is value's array. */
export function updateBounds(g: Gen, sym: VarSymbol, value: TExpr): void {
  const slots = sym.tracked;
  const origin = provenance(value);
  if (!slots || !origin) return;
  if (origin.kind === "tracked") {
    const from = origin.sym.tracked;
    if (origin.sym === sym || !from) return;
    const t = g.regs.alloc();
    const r = g.regs.name(t);
    g.out.ins("ldw", `${r}, ${mem("fp", from.lo)}`);
    g.out.ins("stw", `${r}, ${mem("fp", slots.lo)}`);
    g.out.ins("ldw", `${r}, ${mem("fp", from.limit)}`);
    g.out.ins("stw", `${r}, ${mem("fp", slots.limit)}`);
    g.regs.release(t);
    return;
  }
  const t = materialize(g, genAddr(g, origin.array));
  const r = g.regs.name(t);
  g.out.ins("stw", `${r}, ${mem("fp", slots.lo)}`);
  g.out.ins("li", `${r}, ${origin.bytes}`);
  g.out.ins("stw", `${r}, ${mem("fp", slots.limit)}`);
  g.regs.release(t);
}
