/**
 * The syntax tree the parser builds: C as written, before names and types are resolved. The checker
 * turns it into the typed tree (typed.ts) that the code generator reads.
 */
import type { Pos } from "./diagnostics";

// ---- Types as written --------------------------------------------------------------------------------

export type BuiltinName =
  | "void"
  | "char"
  | "signed char"
  | "unsigned char"
  | "short"
  | "unsigned short"
  | "int"
  | "unsigned int"
  | "long long"
  | "unsigned long long"
  | "_Bool";

export type BaseSpec =
  | { kind: "builtin"; name: BuiltinName; pos: Pos }
  | {
      kind: "struct";
      tag?: string;
      members?: MemberDecl[];
      union?: boolean;
      /** A member could not be read (reported): uses of unknown members stay quiet. */
      broken?: boolean;
      pos: Pos;
    }
  | { kind: "enum"; tag?: string; enumerators?: Enumerator[]; pos: Pos }
  | { kind: "typedef"; name: string; pos: Pos };

export interface DeclSpec {
  base: BaseSpec;
  isConst: boolean;
  storage?: "static" | "extern" | "typedef";
  pos: Pos;
}

export interface Enumerator {
  name: string;
  value?: Expr;
  pos: Pos;
}

export interface MemberDecl {
  spec: DeclSpec;
  declarators: Declarator[];
}

/** One step of a declarator, applied outward from the base type: `int *a[3]` is [ptr, array 3]. */
export type Derived =
  | { kind: "ptr"; isConst: boolean }
  | { kind: "array"; size?: Expr; pos: Pos; qualified?: boolean }
  | { kind: "func"; params: ParamDecl[]; variadic: boolean; voidList: boolean; pos: Pos };

export interface Declarator {
  name?: string;
  pos: Pos;
  derived: Derived[];
}

export interface ParamDecl {
  spec: DeclSpec;
  declarator: Declarator;
  pos: Pos;
}

export interface TypeName {
  spec: DeclSpec;
  declarator: Declarator;
  pos: Pos;
}

// ---- Expressions --------------------------------------------------------------------------------------

export type BinaryOp =
  | "+"
  | "-"
  | "*"
  | "/"
  | "%"
  | "<<"
  | ">>"
  | "&"
  | "|"
  | "^"
  | "<"
  | ">"
  | "<="
  | ">="
  | "=="
  | "!="
  | "&&"
  | "||";

export type AssignOp = "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "<<=" | ">>=" | "&=" | "|=" | "^=";

export type Expr =
  /** `wide` is set for a 64-bit constant (long long or unsigned long long): its exact value. */
  | { kind: "num"; value: number; unsigned: boolean; wide?: bigint; pos: Pos }
  | { kind: "char"; value: number; pos: Pos }
  | { kind: "str"; bytes: number[]; pos: Pos }
  | { kind: "ident"; name: string; pos: Pos }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr; pos: Pos }
  | { kind: "assign"; op: AssignOp; left: Expr; right: Expr; pos: Pos; parenthesized?: boolean }
  | { kind: "unary"; op: "-" | "+" | "!" | "~" | "&" | "*"; operand: Expr; pos: Pos }
  | { kind: "incdec"; op: "++" | "--"; prefix: boolean; operand: Expr; pos: Pos }
  | { kind: "cond"; cond: Expr; then: Expr; else: Expr; pos: Pos }
  | { kind: "comma"; left: Expr; right: Expr; pos: Pos }
  | { kind: "call"; callee: Expr; args: Expr[]; pos: Pos }
  | { kind: "index"; base: Expr; index: Expr; pos: Pos }
  | { kind: "member"; object: Expr; name: string; arrow: boolean; pos: Pos; namePos: Pos }
  | { kind: "cast"; typeName: TypeName; operand: Expr; pos: Pos }
  | { kind: "sizeofType"; typeName: TypeName; pos: Pos }
  | { kind: "sizeofExpr"; operand: Expr; pos: Pos }
  /** `(type){ initializers }`: an unnamed object, initialized where the expression is evaluated. */
  | { kind: "compoundLiteral"; typeName: TypeName; init: Initializer; pos: Pos }
  /** Stands in for an expression the parser could not read; the checker stays quiet about it. */
  | { kind: "error"; pos: Pos };

// ---- Initializers, statements, declarations -------------------------------------------------------

/** `[3]` or `.name` before an initializer in a braced list. */
export type Designator =
  | { kind: "index"; index: Expr; pos: Pos }
  | { kind: "member"; name: string; pos: Pos };

/** An initializer; in a braced list, an item may be designated (`[2] = x`, `.len = 4`, `.a.b[1] = y`). */
export type Initializer = (
  | { kind: "expr"; expr: Expr; pos: Pos }
  | { kind: "list"; items: Initializer[]; pos: Pos }
) & { designators?: Designator[] };

export interface InitDeclarator {
  declarator: Declarator;
  init?: Initializer;
}

export interface Declaration {
  kind: "decl";
  spec: DeclSpec;
  declarators: InitDeclarator[];
  pos: Pos;
}

export interface FunctionDef {
  kind: "func";
  spec: DeclSpec;
  declarator: Declarator;
  body: Block;
  pos: Pos;
  /** Where the closing brace is: "control reaches end" points here. */
  endPos: Pos;
}

export interface Block {
  kind: "block";
  items: Stmt[];
  pos: Pos;
}

export type Stmt =
  | Block
  | Declaration
  | { kind: "expr"; expr: Expr; pos: Pos }
  | { kind: "empty"; pos: Pos }
  | { kind: "if"; cond: Expr; then: Stmt; else?: Stmt; pos: Pos }
  | { kind: "while"; cond: Expr; body: Stmt; pos: Pos }
  | { kind: "do"; body: Stmt; cond: Expr; pos: Pos }
  | { kind: "for"; init?: Declaration | Expr; cond?: Expr; step?: Expr; body: Stmt; pos: Pos }
  | { kind: "break"; pos: Pos }
  | { kind: "continue"; pos: Pos }
  | { kind: "return"; value?: Expr; pos: Pos }
  | { kind: "switch"; cond: Expr; body: Stmt; pos: Pos }
  | { kind: "case"; value: Expr; body: Stmt; pos: Pos }
  | { kind: "default"; body: Stmt; pos: Pos }
  | { kind: "label"; name: string; body: Stmt; pos: Pos }
  | { kind: "goto"; label: string; pos: Pos };

export type TopLevel = Declaration | FunctionDef;

export interface TranslationUnit {
  items: TopLevel[];
}
