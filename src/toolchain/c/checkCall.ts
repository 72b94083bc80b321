/**
 * Function calls: the callee is a declared function (no implicit declarations) or a pointer to one,
 * arguments convert as by assignment, extra arguments to printf get the default argument
 * promotions, and a literal printf format is checked against its arguments.
 */
import { bytesToString } from "../../shared/append";
import type { Expr } from "./ast";
import { value } from "./checkExpr";
import type { Checker } from "./checker";
import { convertAs } from "./convert";
import type { Pos } from "./diagnostics";
import { cast, constant } from "./fold";
import { FORMATTERS, isFormatter } from "./formatLibrary";
import { parseFormat } from "./printfFormat";
import { argumentsWithResultSpace } from "./structReturn";
import type { FuncSymbol, TExpr } from "./typed";
import {
  argumentWords,
  arrayOf,
  declare,
  type FuncType,
  INT,
  isWide,
  pointerTo,
  promote,
  typeToString,
  UINT,
  ULLONG,
} from "./types";

export function checkCall(c: Checker, e: Extract<Expr, { kind: "call" }>): TExpr {
  const named = e.callee.kind === "ident" ? c.scopes.lookup(e.callee.name) : undefined;
  if (e.callee.kind === "ident" && !named) {
    for (const a of e.args) value(c, a);
    c.error(
      e.callee.pos,
      `call to undeclared function '${e.callee.name}'`,
      c.suggestName(e.callee.name, true) ?? "declare it (or define it) before this call",
    );
    return c.poison(e.pos);
  }
  if (named?.kind === "func" && isFormatter(named) && c.fn) return lowerFormat(c, e, named);
  if (named?.kind === "func") {
    const sym = named;
    const args = checkArguments(c, e, sym.type, sym.name);
    if (!args) return c.poison(e.pos);
    c.fn?.sym.calls.add(sym);
    if (!c.firstCall.has(sym)) c.firstCall.set(sym, e.callee.pos);
    const withSpace = argumentsWithResultSpace(c, sym.type.ret, args, e.pos);
    if (!withSpace) return c.poison(e.pos);
    return { k: "call", func: sym, args: withSpace, type: sym.type.ret, pos: e.pos };
  }
  // Anything else is called through a pointer to a function.
  const callee = value(c, e.callee);
  const type = callee.type.kind === "ptr" && callee.type.to.kind === "func" ? callee.type.to : undefined;
  if (!type) {
    for (const a of e.args) value(c, a);
    if (!c.isPoisoned(callee))
      c.error(
        e.callee.pos,
        `called object type '${typeToString(callee.type)}' is not a function or function pointer`,
      );
    return c.poison(e.pos);
  }
  const shown = e.callee.kind === "ident" ? e.callee.name : "the function pointer";
  const args = checkArguments(c, e, type, shown);
  if (!args || c.isPoisoned(callee)) return c.poison(e.pos);
  // Checked mode checks the target first; its failure path is the library's __rl_bad_call.
  const badCall = c.checked ? c.funcs.get("__rl_bad_call") : undefined;
  if (badCall) c.fn?.sym.calls.add(badCall);
  const withSpace = argumentsWithResultSpace(c, type.ret, args, e.pos);
  if (!withSpace) return c.poison(e.pos);
  return { k: "icall", callee, args: withSpace, type: type.ret, pos: e.pos, check: c.checked };
}

/**
 * sprintf(buf, fmt, a, b) and snprintf(buf, n, fmt, a, b) without va_list: the arguments after the
 * format go into a hidden array of words in this frame, then __rl_format(buf, n, fmt, array, count).
 */
function lowerFormat(c: Checker, e: Extract<Expr, { kind: "call" }>, sym: FuncSymbol): TExpr {
  const args = checkArguments(c, e, sym.type, sym.name);
  const helper = c.funcs.get("__rl_format");
  if (!args || !helper || args.some((a) => c.isPoisoned(a))) return c.poison(e.pos);
  const pos = e.pos;
  const fixed = sym.type.params.length;
  const extra = args.slice(fixed);
  const wordCount = extra.reduce((n, a) => n + (isWide(a.type) ? 2 : 1), 0);
  const array = c.addTemporary("format_args", arrayOf(UINT, Math.max(1, wordCount)), pos);
  const words: TExpr = { k: "var", sym: array, type: array.type, pos };
  let stores: TExpr | undefined;
  // A 64-bit argument fills two words of the array (low word first), as it would two argument words.
  const at = argumentWords(extra.map((a) => a.type));
  extra.forEach((a, k) => {
    const type = isWide(a.type) ? ULLONG : UINT;
    const target: TExpr = { k: "member", object: words, offset: 4 * at[k]!, type, pos };
    const store: TExpr = { k: "assign", target, value: cast(a, type), type, pos };
    stores = stores ? { k: "comma", left: stores, right: store, type, pos } : store;
  });
  const size = FORMATTERS.get(sym.name)!.sized ? args[1]! : constant(0x7fffffff, UINT, pos);
  const call: TExpr = {
    k: "call",
    func: helper,
    args: [
      args[0]!,
      size,
      args[fixed - 1]!,
      { k: "addr", lvalue: words, type: pointerTo(UINT), pos },
      constant(wordCount, INT, pos),
    ],
    type: INT,
    pos,
  };
  c.fn?.sym.calls.add(helper);
  return stores ? { k: "comma", left: stores, right: call, type: INT, pos } : call;
}

/** The arguments converted to the parameters' types (printf's extras promoted); undefined after an error. */
function checkArguments(
  c: Checker,
  e: Extract<Expr, { kind: "call" }>,
  type: FuncType,
  name: string,
): TExpr[] | undefined {
  const fixed = type.params.length;
  const args: TExpr[] = [];
  e.args.forEach((argExpr, i) => {
    const arg = value(c, argExpr);
    if (c.isPoisoned(arg)) {
      args.push(arg);
      return;
    }
    if (i < fixed) {
      args.push(convertAs(c, arg, type.params[i]!, { kind: "arg", index: i, func: name }, argExpr.pos));
    } else if (arg.type.kind === "int") {
      args.push(cast(arg, promote(arg.type)));
    } else if (arg.type.kind === "ptr") {
      args.push(arg);
    } else {
      c.error(
        argExpr.pos,
        `cannot pass ${arg.type.kind === "void" ? "a void value" : `'${typeToString(arg.type)}'`} to the '...' of '${name}'`,
      );
      args.push(c.poison(argExpr.pos));
    }
  });
  const count = e.args.length;
  if (count < fixed || (count > fixed && !type.variadic)) {
    const which = count < fixed ? "few" : "many";
    c.error(
      count > fixed ? e.args[fixed]!.pos : endOfCall(e),
      `too ${which} arguments to function call: '${name}' expects ${fixed}${type.variadic ? " or more" : ""}, given ${count}`,
      `declared as '${declare(type, name)}'`,
    );
    return undefined;
  }
  if (type.variadic && e.args[fixed - 1]?.kind === "str")
    checkFormat(c, e.args[fixed - 1] as Extract<Expr, { kind: "str" }>, args.slice(fixed), e);
  return args;
}

function endOfCall(e: Extract<Expr, { kind: "call" }>): Pos {
  const last = e.args.at(-1);
  return last ? last.pos : e.callee.pos;
}

function checkFormat(
  c: Checker,
  format: Extract<Expr, { kind: "str" }>,
  args: TExpr[],
  call: Extract<Expr, { kind: "call" }>,
): void {
  const text = bytesToString(format.bytes);
  const pieces = parseFormat(text);
  let argIndex = 0;
  for (const piece of pieces) {
    if (typeof piece === "string" || piece.conv === "%") continue;
    if (piece.problem) {
      c.warning(format.pos, piece.problem);
      // The conversion still takes its argument: the rest must not fall one behind.
      if (piece.conv !== "") argIndex++;
      continue;
    }
    const arg = args[argIndex];
    const position = call.args.length - args.length + argIndex + 1;
    argIndex++;
    if (!arg) {
      c.warning(format.pos, `more '%' conversions than data arguments: '${piece.text}' has no argument`);
      return;
    }
    if (c.isPoisoned(arg)) continue;
    const isCharPointer = arg.type.kind === "ptr" && arg.type.to.kind === "int" && arg.type.to.size === 1;
    // %lld and friends take a 64-bit argument (two words); every other integer conversion one word.
    const wide = piece.length === "ll";
    const ok =
      piece.conv === "s"
        ? isCharPointer
        : piece.conv === "p"
          ? arg.type.kind === "ptr"
          : arg.type.kind === "int" && isWide(arg.type) === wide;
    if (!ok) {
      const unsigned = wide ? "unsigned long long" : "unsigned int";
      const expected =
        { s: "char *", p: "void *", u: unsigned, x: unsigned, X: unsigned }[piece.conv] ??
        (wide ? "long long" : "int");
      c.warning(
        arg.pos,
        `format '${piece.text}' expects an argument of type '${expected}', but argument ${position} has type '${typeToString(arg.type)}'`,
      );
    }
  }
  if (argIndex < args.length) c.warning(args[argIndex]!.pos, "data argument not used by the format string");
}
