/**
 * What symbols mean while evaluating, in each of the three situations the assembler evaluates in:
 * - "constant" (pass 1, sizing `li`): only numbers and constants already defined from numbers;
 * - "layout" (pass 1, .space/.org sizes): also labels and `.` defined so far, at provisional addresses;
 * - "final" (pass 2): everything, and anything missing is an error.
 * Constants are evaluated lazily; an error inside a constant is reported once, at its definition.
 */

import { type EvalEnv, type Evaluation, evaluate, type Failure, isFailure } from "./evaluate";
import type { Expr, Span } from "./expression";
import { MESSAGES } from "./messages";
import { didYouMean } from "./suggestions";
import type { ConstantSymbol, SectionStarts, SymbolTable } from "./symbols";

export type EvalMode = "constant" | "layout" | "final";

/** How long a chain of constants may be (A = B + 1, B = C + 1, ...) before it is refused. */
export const MAX_CONSTANT_DEPTH = 200;

export interface Scope {
  table: SymbolTable;
  starts: SectionStarts;
  mode: EvalMode;
  /** Reports an error found inside a constant's definition, at that definition (final mode only). */
  reportInConstant(constant: ConstantSymbol, failure: Extract<Failure, { kind: "error" }>): void;
}

const SILENT: Failure = { kind: "silent" };

export class Environment implements EvalEnv {
  private depth = 0;
  /** Where the expression being evaluated is written: its scope and its address (absolute). */
  private atScope = "";
  private atDot = 0;

  constructor(private readonly scope: Scope) {}

  /** Evaluates `expr` as written at a place in `scope` whose address is `dot` (absolute). */
  evaluate(expr: Expr, scope: string, dot: number): Evaluation {
    // The environment itself is the EvalEnv (no closures per evaluation); a constant evaluated
    // inside this evaluation saves and restores where it is.
    const savedScope = this.atScope;
    const savedDot = this.atDot;
    this.atScope = scope;
    this.atDot = dot;
    try {
      return evaluate(expr, this);
    } finally {
      this.atScope = savedScope;
      this.atDot = savedDot;
    }
  }

  dot(node: Extract<Expr, { kind: "dot" }>): Evaluation {
    return this.scope.mode === "constant"
      ? { kind: "unknown", name: ".", col: node.col, length: node.length }
      : { value: this.atDot | 0, weight: 1, pure: false, label: "." };
  }

  symbol(node: Extract<Expr, { kind: "symbol" }>): Evaluation {
    const { table, starts, mode } = this.scope;
    const scope = this.atScope;
    const symbol = table.lookup(node.name, scope);
    if (!symbol) {
      if (mode !== "final") return { kind: "unknown", name: node.name, col: node.col, length: node.length };
      const suggestion = didYouMean(node.name, table.namesVisibleFrom(scope));
      return { kind: "error", message: MESSAGES.undefinedSymbol(node.name), suggestion, ...span(node) };
    }
    if (symbol.kind === "label") {
      if (mode === "constant")
        return { kind: "unknown", name: node.name, col: node.col, length: node.length };
      return {
        value: (starts[symbol.section] + symbol.offset) | 0,
        weight: 1,
        pure: false,
        label: symbol.name,
      };
    }
    return this.constant(symbol, node);
  }

  private constant(c: ConstantSymbol, use: Span): Evaluation {
    const { mode, starts } = this.scope;
    if (c.state === "done") return c.value!;
    if (c.state === "failed") return SILENT;
    if (c.state === "busy") {
      if (mode !== "final") return { kind: "unknown", name: c.name, ...span(use) };
      return { kind: "error", message: MESSAGES.constantCycle(c.name), ...span(use) };
    }
    if (this.depth >= MAX_CONSTANT_DEPTH) {
      if (mode !== "final") return { kind: "unknown", name: c.name, ...span(use) };
      return { kind: "error", message: MESSAGES.constantTooDeep(c.name), ...span(use) };
    }
    c.state = "busy";
    this.depth++;
    const result = this.evaluate(c.expr, c.scope, starts[c.section] + c.offset);
    this.depth--;
    c.state = "new";
    if (!isFailure(result)) {
      if (mode === "final" || result.pure) {
        c.state = "done";
        c.value = result;
      }
      return result;
    }
    if (mode !== "final") return result.kind === "unknown" ? { ...result, ...span(use) } : SILENT;
    c.state = "failed";
    if (result.kind === "error") this.scope.reportInConstant(c, result);
    return SILENT;
  }
}

function span(s: Span): Span {
  return { col: s.col, length: s.length };
}
