/**
 * Warnings that need a look at a whole function: a non-void function that can run off its end, and the
 * obvious use of an uninitialized local. Both stay on the safe side: they warn only where no path
 * (including another trip round a loop) could have done what was missing.
 */
import type { Checker } from "./checker";
import type { TExpr, TFunction, TStmt, VarSymbol } from "./typed";
import { forEachChild, visitStatements } from "./walk";

export function flowWarnings(c: Checker, f: TFunction): void {
  if (f.sym.type.ret.kind !== "void" && f.sym.name !== "main" && fallsThrough(f.body)) {
    c.warning(
      f.endPos,
      `control reaches the end of non-void function '${f.sym.name}'`,
      "add a return statement",
    );
  }
  new UninitializedUse(c, f).run();
}

/** Calls that never come back, so a function may end with them. */
const NO_RETURN = new Set(["exit", "panic"]);

/** Whether control can run past the end of s. */
export function fallsThrough(s: TStmt): boolean {
  switch (s.k) {
    case "return":
    case "break":
    case "continue":
    case "goto":
      return false;
    case "expr":
      return !(s.expr.k === "call" && NO_RETURN.has(s.expr.func.name) && s.expr.func.service !== undefined);
    case "block": {
      let live = true;
      for (const item of s.items) {
        // A case label or a goto's label makes the code after it reachable again.
        if (item.k === "case" || item.k === "default" || item.k === "label") live = true;
        if (live) live = fallsThrough(item);
      }
      return live;
    }
    case "if":
      return !s.else || fallsThrough(s.then) || fallsThrough(s.else);
    case "while":
    case "for": {
      const forever = s.k === "while" ? isTrue(s.cond) : !s.cond || isTrue(s.cond);
      return !forever || breaksOut(s.body);
    }
    case "do":
      return !isTrue(s.cond) || breaksOut(s.body);
    case "switch":
      return !s.hasDefault || fallsThrough(s.body) || breaksOut(s.body);
    case "case":
    case "default":
    case "label":
      return fallsThrough(s.body);
    default:
      return true;
  }
}

const isTrue = (e: TExpr): boolean => e.k === "const" && e.value !== 0;

/** Whether a `break` inside s leaves s itself (not an inner loop or switch). */
function breaksOut(s: TStmt): boolean {
  switch (s.k) {
    case "break":
      return true;
    case "block":
      return s.items.some(breaksOut);
    case "if":
      return breaksOut(s.then) || (s.else !== undefined && breaksOut(s.else));
    case "case":
    case "default":
    case "label":
      return breaksOut(s.body);
    default:
      return false;
  }
}

class UninitializedUse {
  private readonly assigned = new Set<VarSymbol>();
  private readonly warned = new Set<VarSymbol>();
  /** Scalar locals whose every access the analysis can see (no address taken). */
  private readonly candidates: Set<VarSymbol>;

  constructor(
    private readonly c: Checker,
    private readonly f: TFunction,
  ) {
    const scalar = (v: VarSymbol) => v.type.kind === "int" || v.type.kind === "ptr";
    this.candidates = new Set(f.locals.filter((v) => v.storage === "local" && scalar(v) && !v.addressTaken));
  }

  run(): void {
    // A goto can jump back to code before an assignment: with labels, the whole body is one loop.
    if (hasLabel(this.f.body)) for (const v of assignedIn(this.f.body)) this.assigned.add(v);
    this.stmt(this.f.body);
  }

  private stmt(s: TStmt): void {
    switch (s.k) {
      case "expr":
        this.expr(s.expr);
        return;
      case "block":
        s.items.forEach((x) => {
          this.stmt(x);
        });
        return;
      case "if":
        this.expr(s.cond);
        this.stmt(s.then);
        if (s.else) this.stmt(s.else);
        return;
      case "while":
      case "do":
      case "for":
      case "switch":
        // Another trip round (or another case) may have assigned anything the body assigns.
        for (const v of assignedIn(s)) this.assigned.add(v);
        if (s.k === "for" && s.init) this.stmt(s.init);
        if (s.k === "while" || s.k === "for" || s.k === "switch") if (s.cond) this.expr(s.cond);
        this.stmt(s.body);
        if (s.k === "do") this.expr(s.cond);
        if (s.k === "for" && s.step) this.expr(s.step);
        return;
      case "return":
        if (s.value) this.expr(s.value);
        return;
      case "case":
      case "default":
      case "label":
        this.stmt(s.body);
        return;
      case "init":
        s.items.forEach((i) => {
          this.expr(i.value);
        });
        this.assigned.add(s.sym);
        return;
      default:
        return;
    }
  }

  private expr(e: TExpr): void {
    switch (e.k) {
      case "var":
        if (this.candidates.has(e.sym) && !this.assigned.has(e.sym) && !this.warned.has(e.sym)) {
          this.warned.add(e.sym);
          this.c.warning(
            e.pos,
            `variable '${e.sym.name}' is uninitialized when used here`,
            `initialize '${e.sym.name}' where it is declared`,
          );
        }
        return;
      case "assign":
        this.expr(e.value);
        this.lvalue(e.target);
        if (e.target.k === "var") this.assigned.add(e.target.sym);
        return;
      case "compound":
        this.expr(e.target);
        this.expr(e.value);
        return;
      case "incdec":
        this.expr(e.target);
        return;
      case "addr":
        this.lvalue(e.lvalue);
        return;
      case "deref":
        this.expr(e.ptr);
        return;
      case "index":
        this.expr(e.base);
        this.expr(e.index);
        return;
      case "member":
        this.lvalue(e.object);
        return;
      case "binary":
      case "logic":
      case "comma":
        this.expr(e.left);
        this.expr(e.right);
        return;
      case "not":
      case "cast":
        this.expr(e.operand);
        return;
      case "cond":
        this.expr(e.cond);
        this.expr(e.then);
        this.expr(e.else);
        return;
      case "call":
        e.args.forEach((a) => {
          this.expr(a);
        });
        return;
      case "icall":
        this.expr(e.callee);
        e.args.forEach((a) => {
          this.expr(a);
        });
        return;
      case "literal":
        for (const item of e.init.items) this.expr(item.value);
        return;
      default:
        return;
    }
  }

  /** The parts of an lvalue that are read to find it (not the variable itself). */
  private lvalue(e: TExpr): void {
    if (e.k === "member") this.lvalue(e.object);
    else if (e.k !== "var" && e.k !== "str" && e.k !== "const") this.expr(e);
  }
}

function hasLabel(s: TStmt): boolean {
  switch (s.k) {
    case "label":
      return true;
    case "block":
      return s.items.some(hasLabel);
    case "if":
      return hasLabel(s.then) || (s.else !== undefined && hasLabel(s.else));
    case "while":
    case "do":
    case "for":
    case "switch":
    case "case":
    case "default":
      return hasLabel(s.body);
    default:
      return false;
  }
}

/** Every local a statement assigns, anywhere inside it. */
function assignedIn(s: TStmt): Set<VarSymbol> {
  const out = new Set<VarSymbol>();
  const visitExpr = (e: TExpr): void => {
    if ((e.k === "assign" || e.k === "compound" || e.k === "incdec") && e.target.k === "var")
      out.add(e.target.sym);
    forEachChild(e, visitExpr);
  };
  visitStatements(s, visitExpr, (init) => out.add(init.sym));
  return out;
}
