/**
 * One pass over the statements. The same code runs both passes, so sizes cannot disagree:
 * - pass 1 defines labels and constants, decides every statement's size (and remembers decisions such
 *   as the size of `li` in `plan`), and reports only what layout depends on (duplicate labels, .space
 *   sizes, .org targets);
 * - pass 2 evaluates, encodes and writes the bytes, and reports everything else.
 * Pass 2 also builds the source map, the listing, relocations and kernel call sites.
 */

import { BY_MNEMONIC } from "../../machine/isa";
import { hex } from "../../shared/bits";
import { disassemble, type SymbolLookup } from "../disassemble";
import type { KernelCallSite, RelocationKind, SourceLocation } from "../image";
import { expandTabs, type ListingLine } from "../listing";
import { encodeInstruction, type OperandContext, type Resolved, resolveOperands } from "./encoder";
import { Environment, type EvalMode } from "./environment";
import { type Evaluation, isFailure } from "./evaluate";
import type { Expr, Span } from "./expression";
import { FORMAT_SLOTS, formatSyntax } from "./formats";
import { MESSAGES } from "./messages";
import type { LabelDef, Statement } from "./parser";
import type { DiagnosticSink } from "./sink";
import {
  type ConstantSymbol,
  isLocalName,
  isRegisterName,
  qualify,
  type SectionName,
  type SectionStarts,
  type SymbolTable,
} from "./symbols";

export interface PassInput {
  statements: readonly Statement[];
  file: string;
  starts: SectionStarts;
  table: SymbolTable;
  sink: DiagnosticSink;
  /** Pass 2: where each section's bytes go (none for .bss, or when the image is too large). */
  buffers?: Partial<Record<SectionName, Uint8Array>>;
  /** Pass 2: names addresses in the listing's disassembly. */
  symbols?: SymbolLookup;
  /** Pass 2: build the listing (formatting and disassembling every line is costly; off when unread). */
  listing?: boolean;
}

/** Listing lines shown at most per statement (a `.space 4096` is one line, a long string a few). */
const MAX_LISTING_LINES = 16;

export class Walker implements OperandContext {
  section: SectionName = "text";
  readonly lc: Record<SectionName, number> = { text: 0, rodata: 0, data: 0, bss: 0 };
  /** The last non-local label: the scope of local labels. */
  scope = "";
  stmt!: Statement;
  // Source mapping state (.file, .loc, .func).
  locFile: string | undefined;
  loc: { file: string; line: number; col: number } | undefined;
  func: string | undefined;
  /** The most recent non-local label in .text: the function, when no .func says otherwise. */
  textLabel: string | undefined;
  // Pass 2 results.
  readonly relocations: { address: number; kind: RelocationKind }[] = [];
  readonly sourceMap: SourceLocation[] = [];
  readonly kernelCalls: KernelCallSite[] = [];
  readonly listing: ListingLine[] = [];
  entry: { expr: Expr; scope: string; dot: number; line: number; span: Span } | undefined;
  readonly globals: { name: string; scope: string; line: number; span: Span }[] = [];
  /**
   * Pass 1: some size was computed from an address (a label or `.` in a .space size, an .org), so
   * the sizes may change once the sections move to their real starts. Without one, they cannot.
   */
  layoutDependent = false;
  private listed = 0;
  private internalReported = false;
  private readonly envs = new Map<EvalMode, Environment>();

  constructor(
    readonly pass: 1 | 2,
    readonly input: PassInput,
  ) {}

  get offset(): number {
    return this.lc[this.section];
  }

  /** The absolute address of the location counter (provisional in pass 1). */
  get address(): number {
    return (this.input.starts[this.section] + this.offset) >>> 0;
  }

  get table(): SymbolTable {
    return this.input.table;
  }

  run(): void {
    for (const stmt of this.input.statements) this.statement(stmt);
  }

  // ---- Reporting (always in the current pass; handlers choose the pass) ----------------------------

  error(span: Span, message: string, suggestion?: string | (() => string | undefined)): undefined {
    this.input.sink.error({ line: this.stmt.line, ...span }, message, suggestion);
    return undefined;
  }

  warning(span: Span, message: string): void {
    this.input.sink.add("warning", { line: this.stmt.line, ...span }, message);
  }

  private internal(detail: string): void {
    if (this.internalReported) return;
    this.internalReported = true;
    this.error(this.stmt.at, MESSAGES.internalError(detail));
  }

  // ---- Evaluation ----------------------------------------------------------------------------------

  private env(mode: EvalMode): Environment {
    let env = this.envs.get(mode);
    if (!env) {
      env = new Environment({
        table: this.table,
        starts: this.input.starts,
        mode,
        reportInConstant: (c, failure) =>
          this.input.sink.error(
            { line: c.line, col: failure.col, length: failure.length },
            failure.message,
            failure.suggestion,
          ),
      });
      this.envs.set(mode, env);
    }
    return env;
  }

  isDefined(name: string): boolean {
    return this.table.lookup(name, this.scope) !== undefined;
  }

  /** Pass 2: evaluates with every symbol known. */
  evaluate(expr: Expr): Evaluation {
    return this.env("final").evaluate(expr, this.scope, this.address);
  }

  /** Pass 1: a value layout depends on (.space, .org); reports it if it is not known yet. */
  layoutValue(expr: Expr, what: string): number | undefined {
    const result = this.env("layout").evaluate(expr, this.scope, this.address);
    if (!isFailure(result)) {
      if (!result.pure) this.layoutDependent = true;
      return result.value;
    }
    if (result.kind === "unknown") this.error(result, MESSAGES.notKnownYet(result.name, what));
    else if (result.kind === "error") this.error(result, result.message, result.suggestion);
    return undefined;
  }

  /** Pass 1: the value if it is a plain number already (for sizing `li`); never reports. */
  knownValue(expr: Expr): number | undefined {
    const result = this.env("constant").evaluate(expr, this.scope, this.address);
    return isFailure(result) ? undefined : result.value;
  }

  // ---- Definitions ---------------------------------------------------------------------------------

  defineLabel(def: LabelDef, extra: { type?: "function" | "object"; size?: number } = {}): void {
    const name = qualify(def.name, this.scope);
    if (this.pass === 1) {
      if (isRegisterName(def.name)) this.error(def, MESSAGES.registerAsSymbol(def.name));
      else {
        const symbol = {
          kind: "label" as const,
          name,
          section: this.section,
          offset: this.offset,
          line: this.stmt.line,
          col: def.col,
          length: def.length,
          ...extra,
        };
        const existing = this.table.define(symbol);
        if (existing) this.error(def, MESSAGES.duplicateSymbol(name, existing.line));
      }
    }
    if (!isLocalName(def.name)) {
      this.scope = name;
      if (this.section === "text") this.textLabel = name;
    }
  }

  defineConstant(def: LabelDef, expr: Expr): void {
    const name = qualify(def.name, this.scope);
    if (this.pass === 1) {
      if (isRegisterName(def.name)) {
        this.error(def, MESSAGES.registerAsSymbol(def.name));
        return;
      }
      const constant: ConstantSymbol = {
        kind: "constant",
        name,
        expr,
        scope: this.scope,
        section: this.section,
        offset: this.offset,
        state: "new",
        line: this.stmt.line,
        col: def.col,
        length: def.length,
      };
      const existing = this.table.define(constant);
      if (existing) this.error(def, MESSAGES.duplicateSymbol(name, existing.line));
      return;
    }
    // Pass 2: evaluate every constant once, so errors in unused ones are reported too.
    const symbol = this.table.byName.get(name);
    if (symbol?.kind === "constant" && symbol.line === this.stmt.line) {
      this.env("final").evaluate(
        { kind: "symbol", name, col: def.col, length: def.length },
        "",
        this.address,
      );
    }
  }

  // ---- Emission ------------------------------------------------------------------------------------

  /** Pass 1: reserves bytes. Pass 2 handlers use the emit functions, which advance the same amount. */
  advance(bytes: number): void {
    this.lc[this.section] += bytes;
  }

  private write(bytes: ArrayLike<number>): void {
    const buffer = this.input.buffers?.[this.section];
    if (buffer && this.offset + bytes.length <= buffer.length) buffer.set(bytes, this.offset);
  }

  /** write() of one little-endian word, without an array per instruction. */
  private writeWord(word: number): void {
    const buffer = this.input.buffers?.[this.section];
    const at = this.offset;
    if (!buffer || at + 4 > buffer.length) return;
    buffer[at] = word & 0xff;
    buffer[at + 1] = (word >>> 8) & 0xff;
    buffer[at + 2] = (word >>> 16) & 0xff;
    buffer[at + 3] = word >>> 24;
  }

  /**
   * Counts one listing line of this statement (the count matters with or without a listing) and says
   * whether the caller should build it: only when a listing is wanted and the statement is under the
   * limit. Callers build the hex and disassembly only then, since that is most of pass 2's cost.
   */
  private nextListingLine(): boolean {
    if (this.input.listing === false) {
      this.listed++;
      return false;
    }
    if (this.listed === MAX_LISTING_LINES) {
      this.listing.push({ line: this.stmt.line, hex: "", text: "...", source: "" });
    }
    return this.listed++ < MAX_LISTING_LINES;
  }

  /** Adds the listing line nextListingLine just counted (the first one of a statement shows its source). */
  private listLine(address: number | undefined, hexText: string, text: string): void {
    const source = this.listed === 1 ? expandTabs(this.stmt.text).trimEnd() : "";
    this.listing.push({ line: this.stmt.line, address, hex: hexText, text, source });
  }

  /** Maps the current address to the source: the .loc in force, else this line. */
  mapSource(options?: { ownLine?: boolean }): void {
    const loc = options?.ownLine ? undefined : this.loc;
    const location: SourceLocation = loc
      ? { address: this.address, file: loc.file, line: loc.line, col: loc.col }
      : { address: this.address, file: this.input.file, line: this.stmt.line, col: this.stmt.at.col };
    // Only code belongs to a function; data in other sections is mapped to its line alone.
    const func = this.section === "text" ? (this.func ?? this.textLabel) : undefined;
    if (func !== undefined) location.func = func;
    this.sourceMap.push(location);
  }

  /** Records that the word (or lui+ori pair) at `address` (default: here) holds an address. */
  relocation(kind: RelocationKind, address = this.address): void {
    this.relocations.push({ address, kind });
  }

  /** Pass 2: one instruction word (undefined after an error: the space is kept, nothing is written). */
  emitInstruction(word: number | undefined, options?: { ownLine?: boolean }): void {
    if (this.offset % 4 !== 0 && this.listed === 0)
      this.error(this.stmt.at, MESSAGES.unalignedInstruction(this.address));
    if (word === undefined) {
      if (this.nextListingLine()) this.listLine(this.address, "", "");
    } else {
      this.writeWord(word);
      this.mapSource(options);
      if (this.nextListingLine())
        this.listLine(this.address, hex(word).slice(2), disassemble(word, this.address, this.input.symbols));
    }
    this.advance(4);
  }

  /** Pass 2: data in units of 1, 2 or 4 bytes (little-endian). */
  emitData(values: readonly number[], unit: 1 | 2 | 4): void {
    if (unit === 1) {
      this.mapSource();
      const bytes = values.map((v) => v & 0xff);
      this.write(bytes);
      for (let i = 0; i < bytes.length; i += 4) {
        if (!this.nextListingLine()) continue;
        const chunk = bytes.slice(i, i + 4);
        this.listLine(this.address + i, chunk.map((b) => b.toString(16).padStart(2, "0")).join(""), "");
      }
      this.advance(bytes.length);
      return;
    }
    values.forEach((v, i) => {
      const bytes =
        unit === 2 ? [v & 0xff, (v >>> 8) & 0xff] : [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
      if (unit === 4 || i === 0) this.mapSource();
      this.write(bytes);
      if (this.nextListingLine()) this.listLine(this.address, hex(v, unit * 2).slice(-unit * 2), "");
      this.advance(unit);
    });
  }

  /** Pass 2: `count` bytes of `fill`; in .text, whole aligned words are filled with `pad` (a nop). */
  emitFill(count: number, fill: number, pad?: number): void {
    if (count === 0) return;
    const buffer = this.input.buffers?.[this.section];
    const start = this.offset;
    if (buffer && start + count <= buffer.length) {
      buffer.fill(fill & 0xff, start, start + count);
      if (pad !== undefined) {
        const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
        for (let at = (start + 3) & ~3; at + 4 <= start + count; at += 4) view.setUint32(at, pad, true);
      }
    }
    if (this.nextListingLine()) {
      // .bss stores nothing, so it shows no bytes.
      const first =
        this.section === "bss" ? [] : buffer ? [...buffer.subarray(start, start + Math.min(count, 4))] : [];
      const shown = first.map((b) => b.toString(16).padStart(2, "0")).join("");
      this.listLine(this.address, shown, count > 4 || this.section === "bss" ? `(${count} bytes)` : "");
    }
    this.advance(count);
  }

  /** Pass 2: keeps the space of a statement that had an error. */
  skip(bytes: number): void {
    if (bytes > 0 && this.nextListingLine()) this.listLine(this.address, "", "");
    this.advance(bytes);
  }

  // ---- Statements ----------------------------------------------------------------------------------

  private statement(stmt: Statement): void {
    this.stmt = stmt;
    this.listed = 0;
    if (this.pass === 1) {
      stmt.section = this.section;
      stmt.offset = this.offset;
    } else if (stmt.section !== this.section || stmt.offset !== this.offset) {
      this.internal(`pass 2 reached line ${stmt.line} at a different place than pass 1`);
    }
    const startSection = this.section;
    const start = this.offset;
    const labelAddress = this.address;
    for (const label of stmt.labels) this.defineLabel(label);
    this.dispatch(stmt);
    const size = this.section === startSection ? this.lc[startSection] - start : 0;
    if (this.pass === 1) stmt.size = size;
    else if (size !== stmt.size)
      this.internal(`line ${stmt.line} was ${stmt.size} bytes in pass 1 but ${size} in pass 2`);
    if (this.pass === 2 && this.listed === 0 && this.input.listing !== false) {
      const address = stmt.labels.length > 0 ? labelAddress : undefined;
      this.listing.push({
        line: stmt.line,
        address,
        hex: "",
        text: "",
        source: expandTabs(stmt.text).trimEnd(),
      });
    }
  }

  private dispatch(stmt: Statement): void {
    const inBss = this.section === "bss";
    switch (stmt.kind) {
      case "empty":
        return;
      case "assign":
        if (stmt.value) this.defineConstant({ name: stmt.name, ...stmt.at }, stmt.value);
        return;
      case "directive":
        if (this.pass === 2 && inBss && stmt.directive!.emits === "data") {
          this.error(stmt.at, MESSAGES.bssOnlySpace(stmt.name));
          this.skip(stmt.size);
          return;
        }
        // A directive with a syntax error takes no space.
        if (!stmt.broken) stmt.directive!.run(this, stmt);
        return;
      default:
        this.instruction(stmt, inBss);
    }
  }

  private instruction(stmt: Statement, inBss: boolean): void {
    const pseudo = stmt.pseudo;
    if (this.pass === 1) {
      stmt.plan = pseudo ? pseudo.words(stmt.operands, (e) => this.knownValue(e)) : 1;
      this.advance(4 * stmt.plan);
      return;
    }
    if (stmt.broken || inBss) {
      if (inBss && !stmt.broken) this.error(stmt.at, MESSAGES.bssOnlySpace(stmt.name));
      this.skip(stmt.size);
      return;
    }
    const memo = stmt.memo;
    if (memo.words) {
      for (const word of memo.words) this.emitInstruction(word);
      return;
    }
    // Words made here are kept when they cannot depend on anything but the text (and they were all
    // made without a problem, so every copy of a line with an error still reports it).
    const keep = memo.words === undefined && textAlone(stmt);
    if (!keep) memo.words = null;
    const info = stmt.info;
    if (info) {
      const ops = resolveOperands(
        info.mnemonic,
        FORMAT_SLOTS[info.format],
        formatSyntax(info.format),
        stmt.operands,
        stmt.at,
        this,
      );
      const word = ops && encodeInstruction(info, ops, this.address, this);
      if (keep && word !== undefined) memo.words = hasTarget(info.format) ? null : [word];
      this.emitInstruction(word);
      return;
    }
    const ops = resolveOperands(pseudo!.name, pseudo!.slots, pseudo!.syntax, stmt.operands, stmt.at, this);
    if (!ops) {
      this.skip(stmt.size);
      return;
    }
    const words: number[] = [];
    let reported = false;
    let placed = false;
    for (const emit of pseudo!.expand(ops, stmt.plan, stmt.at)) {
      if (emit.loads) this.relocateLoad(emit.loads);
      const info = BY_MNEMONIC.get(emit.mnemonic)!;
      const word = encodeInstruction(info, emit.operands, this.address, this);
      if (word === undefined) reported = true;
      else words.push(word);
      // An address loaded (weight not 0) is relocated; a branch target depends on where it is.
      if ((emit.loads && emit.loads.weight !== 0) || hasTarget(info.format)) placed = true;
      this.emitInstruction(word);
    }
    if (keep && !reported) memo.words = placed ? null : words;
  }

  /** A lui+ori pair loading `value`: relocated if it is an address. */
  private relocateLoad(value: Resolved): void {
    if (value.weight === 1) this.relocation("hilo");
    else if (value.weight !== 0) this.error(value, MESSAGES.notRelocatable());
  }
}

/** Whether the format has a branch target, which is encoded relative to the instruction's address. */
function hasTarget(format: keyof typeof FORMAT_SLOTS): boolean {
  return FORMAT_SLOTS[format].some((slot) => slot.kind === "target");
}

/** Every operand is a register, a number, or a memory operand with a number for its offset. */
function textAlone(stmt: Statement): boolean {
  for (const op of stmt.operands) {
    if (op.kind === "string") return false;
    if (op.kind === "memory" && op.offset && !numeric(op.offset)) return false;
    if (op.kind === "expr" && !numeric(op.expr)) return false;
  }
  return true;
}

/** An expression of numbers only: no symbol, no `.`. */
function numeric(e: Expr): boolean {
  switch (e.kind) {
    case "number":
      return true;
    case "unary":
    case "call":
      return numeric(e.arg);
    case "binary":
      return numeric(e.left) && numeric(e.right);
    default:
      return false;
  }
}
