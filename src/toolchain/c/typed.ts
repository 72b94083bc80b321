/**
 * The typed tree: what the checker hands the code generator. Names are resolved to symbols, every
 * expression has its C type, implicit conversions are explicit `cast` nodes, array-to-pointer decay is
 * an explicit `addr` node, pointer arithmetic is already scaled, and operators are the machine's
 * (signed or unsigned division, arithmetic or logical shift, signed or unsigned comparison).
 */
import type { KernelService } from "../../shared/kernelApi";
import type { Pos } from "./diagnostics";
import type { CType, FuncType } from "./types";

export interface VarSymbol {
  kind: "var";
  name: string;
  type: CType;
  storage: "global" | "static" | "local" | "param";
  pos: Pos;
  /** Globals and statics: the assembly label. */
  label: string;
  /** File-scope `static`: not exported. */
  internal: boolean;
  /** Locals and parameters: offset from fp, assigned by the code generator. */
  offset: number;
  /** Locals and parameters kept in a callee-saved register instead of the frame (see regalloc.ts). */
  register?: "s0" | "s1" | "s2";
  /** Parameters: the position of its first word among the argument words (a0..a3, then the stack). */
  paramIndex: number;
  addressTaken: boolean;
  /** Globals: a definition was seen (not just `extern`). */
  defined: boolean;
  /**
   * Made by the compiler, not written by the learner (a struct result's slot or pointer, a compound
   * literal, printf's argument array): left out of debug information and the variables view.
   */
  temporary?: true;
  /** Globals and statics: the initial bytes. */
  init?: DataInit;
  /** Checked mode: a local pointer whose every value comes from a known array (see bounds.ts). */
  tracked?: { lo: number; limit: number };
}

export interface FuncSymbol {
  kind: "func";
  name: string;
  /** The assembly label (the name, unless it reads as a register). */
  label: string;
  type: FuncType;
  pos: Pos;
  defined: boolean;
  internal: boolean;
  /** A kernel API service: calls go to its `.kapi` stub. */
  service?: KernelService;
  /** Comes from the C library compiled into every program. */
  library: boolean;
  /** Referenced by code that is emitted. */
  used: boolean;
  /** Functions it calls (for emitting only the library functions a program needs). */
  calls: Set<FuncSymbol>;
}

export interface EnumConstSymbol {
  kind: "enumconst";
  name: string;
  value: number;
  pos: Pos;
}

export interface TypedefSymbol {
  kind: "typedef";
  name: string;
  type: CType;
  pos: Pos;
}

export type OrdinarySymbol = VarSymbol | FuncSymbol | EnumConstSymbol | TypedefSymbol;

export interface StringLiteral {
  label: string;
  bytes: number[];
}

/** Initial contents of a global: scalars at offsets, and words that hold addresses. */
export interface DataInit {
  size: number;
  items: DataItem[];
}

export type DataItem =
  | { offset: number; size: 1 | 2 | 4; value: number }
  | { offset: number; size: 4; label: string; addend: number };

export type MachineOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "divu"
  | "rem"
  | "remu"
  | "and"
  | "or"
  | "xor"
  | "shl"
  | "shr"
  | "sar"
  | "eq"
  | "ne"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  | "ltu"
  | "leu"
  | "gtu"
  | "geu";

/** A run-time bounds check of checked mode. */
export type BoundsCheck =
  /** The base is an array of known length: 0 <= index < length. */
  | { kind: "array"; length: number }
  /** The base is a tracked local pointer: the accessed bytes lie inside its array. */
  | { kind: "tracked"; sym: VarSymbol };

interface Node {
  type: CType;
  pos: Pos;
}

export type TExpr = Node &
  /** A 64-bit constant has its exact value in `wide`; `value` is then the nearest JS number. */
  (
    | { k: "const"; value: number; wide?: bigint }
    /** A string literal: an lvalue of type char[N], like an array. */
    | { k: "str"; literal: StringLiteral }
    | { k: "var"; sym: VarSymbol }
    /** *ptr: an lvalue. */
    | { k: "deref"; ptr: TExpr; check?: BoundsCheck }
    /** base[index]: an lvalue; base is a pointer, the index is not yet scaled. */
    | { k: "index"; base: TExpr; index: TExpr; check?: BoundsCheck }
    /** A member of a struct lvalue, at a byte offset. */
    | { k: "member"; object: TExpr; offset: number }
    /** The address of an lvalue: `&x`, and arrays decaying to pointers. */
    | { k: "addr"; lvalue: TExpr }
    | { k: "binary"; op: MachineOp; left: TExpr; right: TExpr }
    | { k: "logic"; op: "&&" | "||"; left: TExpr; right: TExpr }
    | { k: "not"; operand: TExpr }
    /** Converts the operand's value to this node's type. */
    | { k: "cast"; operand: TExpr }
    /** target = value; for structs, a copy of sizeof bytes. */
    | { k: "assign"; target: TExpr; value: TExpr }
    /** target = (target's type)(target op value), computed in opType. */
    | { k: "compound"; target: TExpr; op: MachineOp; value: TExpr }
    /** ++/--: target += delta (already scaled for pointers); `post` gives the old value. */
    | { k: "incdec"; target: TExpr; delta: number; post: boolean }
    | { k: "cond"; cond: TExpr; then: TExpr; else: TExpr }
    | { k: "comma"; left: TExpr; right: TExpr }
    | { k: "call"; func: FuncSymbol; args: TExpr[] }
    /** A function's address: the value of a function's name anywhere but in a call (C's decay). */
    | { k: "funcref"; func: FuncSymbol }
    /**
     * A compound literal in a function: its unnamed local, initialized each time the expression is
     * evaluated (C's automatic storage), then the object itself, an lvalue.
     */
    | { k: "literal"; sym: VarSymbol; init: Extract<TStmt, { k: "init" }> }
    /** A call through a pointer to a function; checked mode may check the target first. */
    | { k: "icall"; callee: TExpr; args: TExpr[]; check?: boolean }
  );

export type TStmt = { pos: Pos } & (
  | { k: "expr"; expr: TExpr }
  | { k: "block"; items: TStmt[] }
  | { k: "if"; cond: TExpr; then: TStmt; else?: TStmt }
  | { k: "while"; cond: TExpr; body: TStmt }
  | { k: "do"; body: TStmt; cond: TExpr }
  | { k: "for"; init?: TStmt; cond?: TExpr; step?: TExpr; body: TStmt }
  | { k: "break" }
  | { k: "continue" }
  | { k: "return"; value?: TExpr }
  | { k: "switch"; cond: TExpr; body: TStmt; cases: { value: number; id: number }[]; hasDefault: boolean }
  | { k: "case"; id: number; body: TStmt }
  | { k: "default"; body: TStmt }
  /** `name:` before a statement; ids are unique in the program. */
  | { k: "label"; id: number; name: string; body: TStmt }
  | { k: "goto"; id: number }
  /** A local's initializer: optional zero fill of the whole object, then stores at offsets. */
  | { k: "init"; sym: VarSymbol; zeroFill: boolean; items: { offset: number; type: CType; value: TExpr }[] }
  | { k: "empty" }
);

export interface TFunction {
  sym: FuncSymbol;
  params: VarSymbol[];
  /** Every local, in declaration order (including those of inner blocks), for the frame and debug info. */
  locals: VarSymbol[];
  body: TStmt;
  pos: Pos;
  endPos: Pos;
  file: string;
}

export interface Program {
  functions: TFunction[];
  /** Globals and static locals, in declaration order: the order of .data. */
  globals: VarSymbol[];
  strings: StringLiteral[];
  funcs: Map<string, FuncSymbol>;
  /** Functions whose address the program takes, in first-use order. */
  addressTaken: FuncSymbol[];
}

/** An object the compiler makes for itself: in memory (its address is the usual use), never shown. */
export function temporarySymbol(name: string, type: CType, pos: Pos, storage: "local" | "static"): VarSymbol {
  return {
    kind: "var",
    name,
    type,
    storage,
    pos,
    label: storage === "static" ? name : "",
    internal: true,
    offset: 0,
    paramIndex: -1,
    addressTaken: true,
    defined: true,
    temporary: true,
  };
}
