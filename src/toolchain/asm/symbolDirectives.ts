/**
 * Directives about symbols and source mapping: .equ, .global, .type, .size, .entry, .kapi (kernel API
 * stubs), and .file, .loc, .func, .endfunc, which the C compiler emits so that every instruction maps
 * back to its line of C.
 */

import { BY_MNEMONIC } from "../../machine/isa";
import { KERNEL_SERVICE_BY_NAME, KERNEL_SERVICES } from "../../shared/kernelApi";
import { countIs, type Directive, dataValue, exprOf } from "./directiveSupport";
import { encodeInstruction, type Resolved } from "./encoder";
import type { Span } from "./expression";
import { MESSAGES } from "./messages";
import type { Operand } from "./operands";
import type { Statement } from "./parser";
import { PSEUDO_BY_NAME } from "./pseudo";
import { didYouMean } from "./suggestions";
import { qualify } from "./symbols";
import type { Walker } from "./walker";

/** The name an operand spells (a lone symbol), or undefined (reporting it in pass 2). */
function nameOf(w: Walker, op: Operand): string | undefined {
  if (op.kind === "expr" && op.expr.kind === "symbol") return op.expr.name;
  if (w.pass === 2) {
    if (op.kind === "register") w.error(op, MESSAGES.registerAsSymbol(op.text));
    else w.error(op, MESSAGES.expectedName(op.text));
  }
  return undefined;
}

/** Pass 2: the label a directive names, reporting undefined names and constants. */
function labelNamed(w: Walker, stmt: Statement, op: Operand) {
  const name = nameOf(w, op);
  if (name === undefined) return undefined;
  const symbol = w.table.lookup(name, w.scope);
  if (!symbol) {
    return w.error(op, MESSAGES.undefinedSymbol(name), () =>
      didYouMean(name, w.table.namesVisibleFrom(w.scope)),
    );
  }
  if (symbol.kind !== "label") return w.error(op, MESSAGES.notALabel(name, stmt.name));
  return symbol;
}

const simple = (d: Omit<Directive, "operands" | "emits">): Directive => ({
  operands: "list",
  emits: "none",
  ...d,
});

const equ = simple({
  name: ".equ",
  syntax: ".equ NAME, value",
  summary: "define a constant (the same as NAME = value); constants do not take space",
  run: (w, stmt) => {
    if (!countIs(w, stmt, 2)) return;
    const [nameOp, valueOp] = stmt.operands as [Operand, Operand];
    const name = nameOf(w, nameOp);
    const expr = exprOf(w, valueOp, w.pass === 2);
    if (name !== undefined && expr) w.defineConstant({ name, col: nameOp.col, length: nameOp.length }, expr);
  },
});

const global = simple({
  name: ".global",
  syntax: ".global name, ...",
  summary: "export names (every label is in the symbol table either way); each must be defined",
  run: (w, stmt) => {
    if (w.pass === 1 || !countIs(w, stmt, 1, Number.POSITIVE_INFINITY)) return;
    for (const op of stmt.operands) {
      const name = nameOf(w, op);
      if (name !== undefined) w.globals.push({ name, scope: w.scope, line: stmt.line, span: op });
    }
  },
});

const type = simple({
  name: ".type",
  syntax: ".type name, function|object",
  summary: "say what a label is, for the symbol table and the debugger",
  run: (w, stmt) => {
    if (w.pass === 1 || !countIs(w, stmt, 2)) return;
    const symbol = labelNamed(w, stmt, stmt.operands[0]!);
    const kindOp = stmt.operands[1]!;
    const kind = kindOp.text.toLowerCase().replace(/^@/, "");
    if (kind !== "function" && kind !== "object") return w.error(kindOp, MESSAGES.badSymbolType(kindOp.text));
    if (symbol) symbol.type = kind;
  },
});

const size = simple({
  name: ".size",
  syntax: ".size name, bytes",
  summary: "the size of a function or object, usually `. - name` written after its end",
  run: (w, stmt) => {
    if (w.pass === 1 || !countIs(w, stmt, 2)) return;
    const symbol = labelNamed(w, stmt, stmt.operands[0]!);
    const v = dataValue(w, stmt.operands[1]!);
    if (v && v.value < 0) return w.error(stmt.operands[1]!, MESSAGES.negativeSize(v.value));
    if (symbol && v) symbol.size = v.value;
  },
});

const entry = simple({
  name: ".entry",
  syntax: ".entry label",
  summary: "where execution starts (default: _start if defined, else main, else the start of .text)",
  run: (w, stmt) => {
    if (w.pass === 1 || !countIs(w, stmt, 1)) return;
    const op = stmt.operands[0]!;
    const expr = exprOf(w, op, true);
    if (!expr) return;
    if (w.entry) return w.error(op, MESSAGES.duplicateEntry(w.entry.line));
    w.entry = { expr, scope: w.scope, dot: w.address, line: stmt.line, span: op };
  },
});

/** `.kapi NAME`: the label NAME, then `sys N` and `ret`; the sys word is recorded as a kernel call site. */
const kapi = simple({
  name: ".kapi",
  syntax: ".kapi service",
  summary: "a kernel API stub: the label service, then sys N and ret (N from the kernel API table)",
  run: (w, stmt) => {
    const ok = countIs(w, stmt, 1);
    const op = stmt.operands[0];
    const name = ok && op ? nameOf(w, op) : undefined;
    if (name !== undefined)
      w.defineLabel({ name, col: op!.col, length: op!.length }, { type: "function", size: 8 });
    if (w.pass === 1) return w.advance(8);
    const service = name === undefined ? undefined : KERNEL_SERVICE_BY_NAME.get(name);
    if (name !== undefined && w.section !== "text") w.error(stmt.at, MESSAGES.kapiOutsideText());
    else if (name !== undefined && !service) {
      w.error(op!, MESSAGES.unknownKernelService(name), () =>
        didYouMean(
          name,
          KERNEL_SERVICES.map((s) => s.name),
        ),
      );
    }
    if (!service || w.section !== "text") return w.skip(8);
    w.kernelCalls.push({ address: w.address, service: service.number, name: service.name });
    const at: Span = stmt.at;
    const number: Resolved = { value: service.number, weight: 0, ...at };
    // A stub is the assembler's own code, not the C source's: it maps to this line whatever .loc says.
    const own = { ownLine: true };
    w.emitInstruction(encodeInstruction(BY_MNEMONIC.get("sys")!, [number], w.address, w), own);
    for (const emit of PSEUDO_BY_NAME.get("ret")!.expand([], 1, at)) {
      w.emitInstruction(encodeInstruction(BY_MNEMONIC.get(emit.mnemonic)!, emit.operands, w.address, w), own);
    }
  },
});

const file = simple({
  name: ".file",
  syntax: '.file "name.c"',
  summary: "the source file that the following .loc lines refer to",
  run: (w, stmt) => {
    if (!countIs(w, stmt, 1)) return;
    const op = stmt.operands[0]!;
    if (op.kind === "string") w.locFile = new TextDecoder().decode(op.bytes);
    else if (w.pass === 2) w.error(op, MESSAGES.expectedString());
  },
});

const loc: Directive = {
  name: ".loc",
  syntax: ".loc line col",
  summary: "the following instructions come from this line and column of the .file source",
  operands: "raw",
  emits: "none",
  run: (w, stmt) => {
    const t = stmt.tokens.slice(stmt.operandStart).filter((token) => token.text !== ",");
    const good =
      t.length >= 1 && t.length <= 2 && t.every((token) => token.kind === "number" && token.value > 0);
    if (!good) {
      if (w.pass === 2) w.error(t[0] ?? stmt.at, MESSAGES.badLoc());
      return;
    }
    w.loc = { file: w.locFile ?? w.input.file, line: t[0]!.value, col: t[1]?.value ?? 1 };
  },
};

const func = simple({
  name: ".func",
  syntax: ".func name",
  summary: "name the function the following instructions belong to, in the source map",
  run: (w, stmt) => {
    if (!countIs(w, stmt, 1)) return;
    const name = nameOf(w, stmt.operands[0]!);
    if (name !== undefined) w.func = qualify(name, w.scope);
  },
});

const endfunc = simple({
  name: ".endfunc",
  syntax: ".endfunc",
  summary: "end of the function named by .func",
  run: (w, stmt) => {
    if (!countIs(w, stmt, 0)) return;
    if (w.func === undefined && w.pass === 2) w.error(stmt.at, MESSAGES.endfuncWithoutFunc());
    w.func = undefined;
  },
});

export const SYMBOL_DIRECTIVES: readonly Directive[] = [
  equ,
  global,
  type,
  size,
  entry,
  kapi,
  file,
  loc,
  func,
  endfunc,
];
