/**
 * The type checker: syntax tree -> typed tree (typed.ts), with C's rules and a good compiler's
 * diagnostics. This file holds the checker's state and the declarations: globals, typedefs,
 * functions. Types as written are resolved in resolveTypes.ts, expressions are in checkExpr.ts,
 * statements and locals in checkStmt.ts, initializers in initializer.ts.
 */
import { KERNEL_SERVICE_BY_NAME } from "../../shared/kernelApi";
import type { Declaration, DeclSpec, Expr, FunctionDef, TranslationUnit } from "./ast";
import { checkExpr, constantValue } from "./checkExpr";
import { checkBlock } from "./checkStmt";
import type { Diagnostics, Pos } from "./diagnostics";
import { closestName } from "./diagnostics";
import { flowWarnings } from "./flow";
import { globalInit } from "./initializer";
import { PRELUDE_FILE } from "./prelude";
import { resolveDeclarator, resolveSpec } from "./resolveTypes";
import { Scopes } from "./scope";
import { resultPointerParam, returnsStruct } from "./structReturn";
import {
  type FuncSymbol,
  type OrdinarySymbol,
  type StringLiteral,
  type TExpr,
  type TFunction,
  type TStmt,
  temporarySymbol,
  type VarSymbol,
} from "./typed";
import {
  argumentWords,
  arrayOf,
  type CType,
  type FuncType,
  INT,
  isComplete,
  sameType,
  typeToString,
} from "./types";

/** Names that would read as registers in the assembly. */
const REGISTER_LIKE = /^(r([0-9]|1[0-5])|zero|a[0-3]|t[0-4]|s[0-2]|fp|sp|lr)$/i;

export interface FunctionContext {
  sym: FuncSymbol;
  returnType: CType;
  locals: VarSymbol[];
  params: VarSymbol[];
  loops: number;
  switches: { cases: { value: number; id: number }[]; values: Set<number>; hasDefault: boolean; pos: Pos }[];
  /** Labels by name: their id, and where defined (undefined while only gone to). */
  labels: Map<string, { id: number; definedAt?: Pos; firstGoto?: Pos }>;
}

export class Checker {
  readonly scopes = new Scopes();
  readonly globals: VarSymbol[] = [];
  readonly strings: StringLiteral[] = [];
  readonly functions: TFunction[] = [];
  readonly funcs = new Map<string, FuncSymbol>();
  /** Functions whose address is taken (a funcref anywhere): emitted, and valid targets of indirect calls. */
  readonly addressTaken = new Set<FuncSymbol>();
  /** Expressions that already produced an error: checks on them stay quiet so one mistake gives one message. */
  readonly poisoned = new WeakSet<TExpr>();
  /** Parameters written as arrays (`int a[]`), which are pointers all the same: sizeof warns on them. */
  readonly arrayParams = new WeakSet<VarSymbol>();
  fn: FunctionContext | undefined;
  /** Undeclared names already reported in the current function. */
  reportedUndeclared = new Set<string>();
  /** The file being checked: the program's, or the library's. */
  file = "";
  inLibrary = false;
  private nextId = 0;
  private nextString = 0;

  constructor(
    readonly diags: Diagnostics,
    readonly checked: boolean,
  ) {}

  uniqueId(): number {
    return this.nextId++;
  }

  /** How many string labels and unique ids checking has used so far. */
  numbering(): { strings: number; ids: number; globals: number } {
    return { strings: this.nextString, ids: this.nextId, globals: this.globals.length };
  }

  /**
   * Moves the numbering on as checking a library function the program never reaches would have, so
   * that the functions checked after it get the labels they always had (libraryReach.ts).
   */
  skipNumbering(used: { strings: number; ids: number }): void {
    this.nextString += used.strings;
    this.nextId += used.ids;
  }

  poison(pos: Pos): TExpr {
    const t: TExpr = { k: "const", value: 0, type: INT, pos };
    this.poisoned.add(t);
    return t;
  }

  isPoisoned(a: TExpr, b?: TExpr, c?: TExpr): boolean {
    // Fixed parameters rather than a rest array: this runs on every expression checked.
    const p = this.poisoned;
    return p.has(a) || (b !== undefined && p.has(b)) || (c !== undefined && p.has(c));
  }

  error(pos: Pos, message: string, suggestion?: string): void {
    this.diags.error(pos, message, suggestion);
  }

  warning(pos: Pos, message: string, suggestion?: string): void {
    // The library is part of Ringlab: its warnings are not the learner's business.
    if (!this.inLibrary) this.diags.warning(pos, message, suggestion);
  }

  /** "did you mean", among the visible names of the wanted kind (functions for a call). */
  suggestName(name: string, functions = false): string | undefined {
    const names = [...this.scopes.visibleNames()].filter(
      (n) => (this.scopes.lookup(n)?.kind === "func") === functions,
    );
    const near = closestName(name, names);
    return near ? `did you mean '${near}'?` : undefined;
  }

  stringLiteral(bytes: number[]): StringLiteral {
    const literal = { label: `__str_${this.nextString++}`, bytes };
    this.strings.push(literal);
    return literal;
  }

  /** An integer constant expression (array sizes, case labels, enumerators). */
  constInt(e: Expr, what: string): number | undefined {
    const t = checkExpr(this, e);
    if (this.isPoisoned(t)) return undefined;
    const v = constantValue(t);
    if (v === undefined || t.type.kind !== "int") {
      this.error(e.pos, `${what} must be an integer constant expression`);
      return undefined;
    }
    return v;
  }

  // ---- Declarations --------------------------------------------------------------------------------

  defineOrdinary(sym: OrdinarySymbol): void {
    const previous = this.scopes.lookupLocal(sym.name);
    if (previous) {
      this.error(sym.pos, `redefinition of '${sym.name}'`);
      return;
    }
    this.scopes.define(sym);
  }

  /**
   * The assembly label of a program's global or function: its C name, unless that would read as a
   * register or could meet one of the compiler's own labels (_start, __str_0, ...), which all start
   * with '_'. Those get the prefix `_c_`, which itself starts with '_', so no two names can meet.
   */
  labelFor(name: string): string {
    if (this.inLibrary || this.file === PRELUDE_FILE) return name;
    return REGISTER_LIKE.test(name) || name.startsWith("_") ? `_c_${name}` : name;
  }

  checkUnit(unit: TranslationUnit, file: string, isLibrary: boolean): void {
    this.file = file;
    this.inLibrary = isLibrary;
    for (const item of unit.items) {
      if (item.kind === "func") {
        // A program may define its own strlen & co.: then the library's is left out.
        const name = item.declarator.name ?? "";
        if (isLibrary && this.funcs.get(name)?.defined) continue;
        this.defineFunction(item, isLibrary);
      } else {
        this.declareTopLevel(item);
      }
    }
  }

  declareTopLevel(decl: Declaration): void {
    const base = resolveSpec(this, decl.spec);
    for (const { declarator, init } of decl.declarators) {
      const type = resolveDeclarator(this, base, declarator, "global");
      const name = declarator.name;
      if (!type || !name) continue;
      if (decl.spec.storage === "typedef") {
        this.declareTypedef(name, type, declarator.pos);
        continue;
      }
      if (type.kind === "func") {
        if (init) this.error(declarator.pos, `function '${name}' cannot have an initializer`);
        this.declareFunction(name, type, declarator.pos, decl.spec.storage === "static", false);
        continue;
      }
      this.declareGlobal(name, type, decl.spec, declarator.pos, init);
    }
  }

  declareTypedef(name: string, type: CType, pos: Pos): void {
    const previous = this.scopes.lookupLocal(name);
    if (previous?.kind === "typedef" && sameType(previous.type, type)) return;
    this.defineOrdinary({ kind: "typedef", name, type, pos });
  }

  declareFunction(
    name: string,
    type: FuncType,
    pos: Pos,
    isStatic: boolean,
    library: boolean,
  ): FuncSymbol | undefined {
    const previous = this.scopes.lookup(name);
    if (previous) {
      if (previous.kind !== "func") {
        this.error(pos, `'${name}' redeclared as a different kind of symbol`);
        return undefined;
      }
      if (!sameType(previous.type, type)) {
        this.error(
          pos,
          `conflicting types for '${name}': '${typeToString(type)}' here, '${typeToString(previous.type)}' before`,
        );
        return undefined;
      }
      return previous;
    }
    if (!this.scopes.atFileScope && isStatic)
      this.error(pos, "a function declared in a block cannot be 'static'");
    const existing = this.funcs.get(name);
    if (existing) {
      // Declared at block scope before: the same function.
      this.scopes.define(existing);
      return existing;
    }
    const service = this.file === PRELUDE_FILE ? KERNEL_SERVICE_BY_NAME.get(name) : undefined;
    const sym: FuncSymbol = {
      kind: "func",
      name,
      label: service ? name : this.labelFor(name),
      type,
      pos,
      defined: false,
      internal: isStatic,
      service,
      library,
      used: false,
      calls: new Set(),
    };
    this.funcs.set(name, sym);
    this.scopes.define(sym);
    return sym;
  }

  private declareGlobal(
    name: string,
    type: CType,
    spec: DeclSpec,
    pos: Pos,
    init: Declaration["declarators"][number]["init"],
  ) {
    const isExtern = spec.storage === "extern";
    const previous = this.scopes.lookupLocal(name);
    let sym: VarSymbol;
    if (previous) {
      if (previous.kind !== "var") {
        this.error(pos, `'${name}' redeclared as a different kind of symbol`);
        return;
      }
      if (!sameType(previous.type, type)) {
        this.error(
          pos,
          `conflicting types for '${name}': '${typeToString(type)}' here, '${typeToString(previous.type)}' before`,
        );
        return;
      }
      if (init && previous.init) {
        this.error(pos, `redefinition of '${name}'`);
        return;
      }
      sym = previous;
      if (previous.type.kind === "array" && previous.type.length === undefined) sym.type = type;
    } else {
      sym = {
        kind: "var",
        name,
        type,
        storage: "global",
        pos,
        label: this.labelFor(name),
        internal: spec.storage === "static",
        offset: 0,
        paramIndex: -1,
        addressTaken: false,
        defined: false,
      };
      this.scopes.define(sym);
    }
    if (isExtern && init) this.error(pos, `'extern' variable '${name}' cannot have an initializer`);
    if (isExtern) return;
    if (init) {
      const result = globalInit(this, sym.type, init);
      sym.type = result.type;
      sym.init = result.init;
    }
    if (!sym.defined) {
      sym.defined = true;
      this.globals.push(sym);
    }
  }

  /** After the whole program (and the library): what can only be judged at the end. */
  finishProgram(file: string): void {
    this.finishGlobals();
    for (const [tag, pos] of this.forwardEnums) {
      if (this.definedEnums.has(tag)) continue;
      // A pointer to an enum that is never listed is fine (GCC and Clang agree); a misspelt tag is
      // the likelier story, so it is said, as a warning.
      const near = closestName(tag, this.definedEnums);
      this.warning(
        pos,
        `'enum ${tag}' is never defined in this file: driver C treats it as 'int'`,
        near ? `did you mean 'enum ${near}'?` : undefined,
      );
    }
    const main = this.funcs.get("main");
    // After other errors, main may just have failed to parse: the echo would only confuse.
    if (!main?.defined && !this.diags.hasErrors) {
      this.error(
        { file, line: 1, col: 1, len: 1 },
        "no 'main' function: every program and driver starts at 'int main(void)'",
      );
    }
    for (const [v, pos] of this.firstUse) {
      if (!v.defined)
        this.error(
          pos,
          `variable '${v.name}' is declared 'extern' but never defined`,
          "define it in this file",
        );
    }
    for (const [callee, pos] of this.firstCall) {
      if (!callee.defined && !callee.service) {
        this.error(
          pos,
          `function '${callee.name}' is declared but never defined`,
          "define it, or remove the call",
        );
      }
    }
  }

  /** Where each function is first called, for "declared but never defined". */
  readonly firstCall = new Map<FuncSymbol, Pos>();
  /** Enum tags named before any list (forward references), where first named; and every tag with a list. */
  readonly forwardEnums = new Map<string, Pos>();
  readonly definedEnums = new Set<string>();
  /** Where each global is first used, for "declared 'extern' but never defined". */
  readonly firstUse = new Map<VarSymbol, Pos>();

  /** Tentative definitions get zero contents; incomplete ones are errors. */
  private finishGlobals(): void {
    for (const g of this.globals) {
      if (g.type.kind === "array" && g.type.length === undefined) {
        this.error(g.pos, `array '${g.name}' has no size`, "give a length or an initializer");
        g.type = arrayOf(g.type.of, 1);
      }
      if (!isComplete(g.type))
        this.error(g.pos, `variable '${g.name}' has incomplete type '${typeToString(g.type)}'`);
    }
  }

  // ---- Functions -----------------------------------------------------------------------------------

  defineFunction(f: FunctionDef, library: boolean): void {
    const name = f.declarator.name ?? "";
    const type = resolveDeclarator(this, resolveSpec(this, f.spec), f.declarator, "global");
    if (type?.kind !== "func") return;
    const funcStep = f.declarator.derived.at(-1);
    if (funcStep?.kind !== "func") return;
    const sym = this.declareFunction(name, type, f.declarator.pos, f.spec.storage === "static", library);
    if (!sym) return;
    if (type.variadic) {
      // Declaring one is fine (printf's prototype, repeated); defining one needs va_list, left out.
      this.error(funcStep.pos, "defining variadic functions ('...') is not supported in driver C");
      sym.defined = true; // no "never defined" echo at its calls
      return;
    }
    if (sym.defined) {
      this.error(f.declarator.pos, `redefinition of function '${name}'`);
      return;
    }
    if (sym.service) {
      this.error(
        f.declarator.pos,
        `'${name}' is a kernel API service: a program cannot define it`,
        "give your function another name",
      );
      return;
    }
    sym.defined = true;
    sym.library = library;
    if (name === "main") this.checkMain(type, f.declarator.pos);
    if (!isComplete(type.ret) && type.ret.kind !== "void") {
      this.error(f.declarator.pos, `return type '${typeToString(type.ret)}' is incomplete`);
    }
    this.fn = {
      sym,
      returnType: type.ret,
      locals: [],
      params: [],
      loops: 0,
      switches: [],
      labels: new Map(),
    };
    this.reportedUndeclared = new Set();
    this.scopes.push();
    // A struct result comes back through a hidden first parameter: the others move one place along.
    const hidden = returnsStruct(type.ret) ? 1 : 0;
    if (hidden) this.fn.params.push(resultPointerParam(type.ret, f.declarator.pos));
    // A parameter's place among the argument words: a 64-bit one before it takes two.
    const words = argumentWords(type.params);
    funcStep.params.forEach((p, index) => {
      const pname = p.declarator.name;
      if (!pname) {
        this.error(p.pos, `parameter ${index + 1} of '${name}' has no name`);
        return;
      }
      const param: VarSymbol = {
        kind: "var",
        name: pname,
        type: type.params[index]!,
        storage: "param",
        pos: p.declarator.pos,
        label: "",
        internal: true,
        offset: 0,
        paramIndex: (words[index] ?? index) + hidden,
        addressTaken: false,
        defined: true,
      };
      if (p.declarator.derived.at(-1)?.kind === "array") this.arrayParams.add(param);
      if (this.scopes.lookupLocal(pname))
        this.error(p.declarator.pos, `redefinition of parameter '${pname}'`);
      this.scopes.define(param);
      this.fn!.params.push(param);
    });
    const body: TStmt = checkBlock(this, f.body, false);
    this.scopes.pop();
    for (const [label, info] of this.fn.labels)
      if (!info.definedAt && info.firstGoto) this.error(info.firstGoto, `use of undeclared label '${label}'`);
    const tf: TFunction = {
      sym,
      params: this.fn.params,
      locals: this.fn.locals,
      body,
      pos: f.pos,
      endPos: f.endPos,
      file: this.file,
    };
    flowWarnings(this, tf);
    this.functions.push(tf);
    this.fn = undefined;
  }

  /** `int main(void)`, or `int main(int argc, char **argv)` (crt0 passes 1 and the program's name). */
  private checkMain(type: FuncType, pos: Pos): void {
    const isInt = (t: CType | undefined): boolean => t?.kind === "int" && t.size === 4 && t.signed;
    const [argc, argv] = type.params;
    const isArgv =
      argv?.kind === "ptr" && argv.to.kind === "ptr" && argv.to.to.kind === "int" && argv.to.to.size === 1;
    const ok =
      isInt(type.ret) && (type.params.length === 0 || (type.params.length === 2 && isInt(argc) && isArgv));
    if (!ok) this.error(pos, "'main' must be declared 'int main(void)' or 'int main(int argc, char **argv)'");
  }

  /** A frame slot the compiler makes for itself (VarSymbol.temporary), added to the current function. */
  addTemporary(prefix: string, type: CType, pos: Pos): VarSymbol {
    const sym = temporarySymbol(`__${prefix}_${this.uniqueId()}`, type, pos, "local");
    this.addLocal(sym);
    return sym;
  }

  /** A new local (or static local) in the current function. */
  addLocal(sym: VarSymbol): void {
    if (sym.storage === "static") {
      sym.label = `__static_${this.fn?.sym.name ?? "file"}_${sym.name}_${this.uniqueId()}`;
      this.globals.push(sym);
    } else {
      this.fn?.locals.push(sym);
    }
  }
}
