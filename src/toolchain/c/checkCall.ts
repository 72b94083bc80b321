/**
 * Function calls: the callee must be a declared function (no implicit declarations, no function
 * pointers), arguments convert as by assignment, extra arguments to printf get the default argument
 * promotions, and a literal printf format is checked against its arguments.
 */
import { bytesToString } from "../../shared/append";
import type { Expr } from "./ast";
import { checkExpr, value } from "./checkExpr";
import type { Checker } from "./checker";
import { convertAs } from "./convert";
import type { Pos } from "./diagnostics";
import { cast } from "./fold";
import { parseFormat } from "./printfFormat";
import type { TExpr } from "./typed";
import { declare, promote, typeToString } from "./types";

export function checkCall(c: Checker, e: Extract<Expr, { kind: "call" }>): TExpr {
  if (e.callee.kind !== "ident") {
    const callee = checkExpr(c, e.callee);
    for (const a of e.args) value(c, a);
    if (!c.isPoisoned(callee))
      c.error(
        e.callee.pos,
        "only named functions can be called: function pointers are not supported in driver C",
      );
    return c.poison(e.pos);
  }
  const name = e.callee.name;
  const sym = c.scopes.lookup(name);
  if (sym?.kind !== "func") {
    for (const a of e.args) value(c, a);
    if (!sym)
      c.error(
        e.callee.pos,
        `call to undeclared function '${name}'`,
        c.suggestName(name, true) ?? "declare it (or define it) before this call",
      );
    else c.error(e.callee.pos, `called object '${name}' is not a function`);
    return c.poison(e.pos);
  }
  const type = sym.type;
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
    return c.poison(e.pos);
  }
  if (type.variadic && e.args[fixed - 1]?.kind === "str")
    checkFormat(c, e.args[fixed - 1] as Extract<Expr, { kind: "str" }>, args.slice(fixed), e);
  c.fn?.sym.calls.add(sym);
  if (!c.firstCall.has(sym)) c.firstCall.set(sym, e.callee.pos);
  return { k: "call", func: sym, args, type: type.ret, pos: e.pos };
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
    const ok =
      piece.conv === "s"
        ? isCharPointer
        : piece.conv === "p"
          ? arg.type.kind === "ptr"
          : arg.type.kind === "int";
    if (!ok) {
      const expected =
        { s: "char *", p: "void *", u: "unsigned int", x: "unsigned int", X: "unsigned int" }[piece.conv] ??
        "int";
      c.warning(
        arg.pos,
        `format '${piece.text}' expects an argument of type '${expected}', but argument ${position} has type '${typeToString(arg.type)}'`,
      );
    }
  }
  if (argIndex < args.length) c.warning(args[argIndex]!.pos, "data argument not used by the format string");
}
