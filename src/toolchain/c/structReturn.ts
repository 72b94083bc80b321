/**
 * Structs returned by value, through a hidden result pointer (the ABI note is in docs/driver-c.md):
 * the caller sets aside room for the result in its own frame and passes its address as a hidden
 * first argument, so the declared arguments move one place along (a1, a2, ...); the callee copies
 * the value of its `return` there and hands the same address back in a0. A struct-valued call is then
 * the address of the caller's copy, as every other struct value in the code generator is.
 *
 * It is all done here, in the typed tree: the code generator sees one more pointer argument and one
 * more pointer parameter, and a `return` that is a struct assignment through that pointer.
 */
import type { Checker } from "./checker";
import type { Pos } from "./diagnostics";
import type { TExpr, VarSymbol } from "./typed";
import { type CType, isComplete, pointerTo, typeToString } from "./types";

/** The name the hidden parameter has in debug information and the variables view. */
export const RESULT_POINTER_NAME = "__result";

export function returnsStruct(ret: CType): boolean {
  return ret.kind === "struct";
}

/** The hidden first parameter of a function that returns a struct: where its caller wants the result. */
export function resultPointerParam(ret: CType, pos: Pos): VarSymbol {
  return {
    kind: "var",
    name: RESULT_POINTER_NAME,
    type: pointerTo(ret),
    storage: "param",
    pos,
    label: "",
    internal: true,
    offset: 0,
    paramIndex: 0,
    addressTaken: false,
    defined: true,
    temporary: true,
  };
}

/** `return value;` in a function returning a struct: `*__result = value`, whose value is the address. */
export function returnThroughResult(c: Checker, value: TExpr, pos: Pos): TExpr {
  const param = c.fn?.params.find((p) => p.name === RESULT_POINTER_NAME && p.paramIndex === 0);
  if (param?.type.kind !== "ptr") return c.poison(pos);
  const pointer: TExpr = { k: "var", sym: param, type: param.type, pos };
  const target: TExpr = { k: "deref", ptr: pointer, type: param.type.to, pos };
  return { k: "assign", target, value, type: param.type.to, pos };
}

/**
 * The arguments of a call to a function returning `ret`: for a struct, the address of a fresh slot in
 * the caller's frame goes first (undefined, reported, when the struct is incomplete). Outside a function (a global's initializer, reported elsewhere) there
 * is no frame, and the arguments stay as they are.
 */
export function argumentsWithResultSpace(
  c: Checker,
  ret: CType,
  args: TExpr[],
  pos: Pos,
): TExpr[] | undefined {
  if (!returnsStruct(ret)) return args;
  if (!isComplete(ret)) {
    c.error(pos, `calling a function with incomplete result type '${typeToString(ret)}'`);
    return undefined;
  }
  if (!c.fn) return args;
  const space = c.addTemporary("call_result", ret, pos);
  const object: TExpr = { k: "var", sym: space, type: ret, pos };
  return [{ k: "addr", lvalue: object, type: pointerTo(ret), pos }, ...args];
}
