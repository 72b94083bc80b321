/**
 * Implicit conversions "as if by assignment" (C 6.5.16.1): assignment, initialization, arguments and
 * return values all go through here, so each gets the same rules and the same wording.
 */
import type { Checker } from "./checker";
import type { Pos } from "./diagnostics";
import { cast, isNullConstant } from "./fold";
import type { TExpr } from "./typed";
import { type CType, type PointerType, sameType, typeToString, unqualified } from "./types";

export type ConversionContext =
  | { kind: "assign" }
  | { kind: "init" }
  | { kind: "return" }
  | { kind: "arg"; index: number; func: string };

function phrase(ctx: ConversionContext, to: CType, from: CType): string {
  const t = typeToString(to);
  const f = typeToString(from);
  switch (ctx.kind) {
    case "assign":
      return `assigning to '${t}' from '${f}'`;
    case "init":
      return `initializing '${t}' with an expression of type '${f}'`;
    case "return":
      return `returning '${f}' from a function with result type '${t}'`;
    case "arg":
      return `passing '${f}' to parameter ${ctx.index + 1} of '${ctx.func}' of type '${t}'`;
  }
}

export function convertAs(c: Checker, value: TExpr, to: CType, ctx: ConversionContext, pos: Pos): TExpr {
  if (c.isPoisoned(value)) return value;
  const from = value.type;
  const target = unqualified(to);
  if (target.kind === "int") {
    if (from.kind === "int" || (from.kind === "ptr" && target.bool)) return cast(value, target, value.pos);
    if (from.kind === "ptr") {
      c.error(
        pos,
        `incompatible pointer to integer conversion ${phrase(ctx, to, from)}`,
        "add a cast if this is meant",
      );
      return c.poison(pos);
    }
  } else if (target.kind === "ptr") {
    if (isNullConstant(value)) return cast(value, target, value.pos);
    if (from.kind === "int") {
      c.error(
        pos,
        `incompatible integer to pointer conversion ${phrase(ctx, to, from)}`,
        "add a cast if this is meant",
      );
      return c.poison(pos);
    }
    if (from.kind === "ptr") {
      checkPointerAssignment(c, target, from, ctx, to, pos);
      return sameType(from, target) ? value : cast(value, target, value.pos);
    }
  } else if (target.kind === "struct" && from.kind === "struct" && target.info === from.info) {
    return value;
  }
  c.error(pos, `incompatible types ${phrase(ctx, to, from)}`);
  return c.poison(pos);
}

function checkPointerAssignment(
  c: Checker,
  to: PointerType,
  from: PointerType,
  ctx: ConversionContext,
  shown: CType,
  pos: Pos,
) {
  const a = to.to;
  const b = from.to;
  if (b.isConst && !a.isConst) {
    c.warning(pos, `${phrase(ctx, shown, from)} discards the 'const' qualifier`);
  }
  if (a.kind === "void" || b.kind === "void") return;
  if (sameType(unqualified(a), unqualified(b))) return;
  if (a.kind === "int" && b.kind === "int" && a.size === b.size) {
    c.warning(
      pos,
      `${phrase(ctx, shown, from)} converts between pointers to integer types with different sign`,
    );
    return;
  }
  c.error(pos, `incompatible pointer types ${phrase(ctx, shown, from)}`, "add a cast if this is meant");
}
