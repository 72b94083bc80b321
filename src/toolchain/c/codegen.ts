/**
 * The whole program -> assembly text: crt0, the program's functions, the library functions it
 * reaches, one `.kapi` stub per kernel API service it calls, string literals in .rodata, and every
 * global and static in .data in declaration order (see layout.ts for why the order matters).
 */
import { appendAll } from "../../shared/append";
import { trackPointers } from "./bounds";
import type { Pos } from "./diagnostics";
import { genFunction, type ProgramContext } from "./genFunction";
import { ARGV_LABEL, crt0, LIBRARY_FILE } from "./prelude";
import type { DataInit, FuncSymbol, Program, TFunction, VarSymbol } from "./typed";
import { alignOf, declare, sizeOf } from "./types";
import { forEachChild, visitStatements } from "./walk";

export interface CodegenOptions {
  file: string;
  checked: boolean;
}

/** Library helpers that checked mode calls from generated code. */
export const BOUNDS_HELPERS = ["__rl_bounds_fail", "__rl_bounds_fail_ptr"];

/** The functions to emit: all of the program's own, and the library functions reachable from them. */
export function reachableFunctions(program: Program, checked: boolean): TFunction[] {
  const wanted = new Set<FuncSymbol>();
  const visit = (sym: FuncSymbol | undefined): void => {
    if (!sym || wanted.has(sym)) return;
    wanted.add(sym);
    for (const callee of sym.calls) visit(callee);
  };
  for (const f of program.functions) if (!f.sym.library) visit(f.sym);
  // A function whose address is taken (in a global's initializer, too) may be called through it.
  for (const sym of program.addressTaken) visit(sym);
  if (checked) for (const name of BOUNDS_HELPERS) visit(program.funcs.get(name));
  visit(program.funcs.get("exit"));
  return program.functions.filter((f) => wanted.has(f.sym));
}

export function generate(program: Program, options: CodegenOptions): string {
  const functions = reachableFunctions(program, options.checked);
  const services = new Set<string>(["exit"]);
  for (const f of functions) for (const callee of f.sym.calls) if (callee.service) services.add(callee.name);
  for (const sym of program.addressTaken) if (sym.service) services.add(sym.name);

  const locStrings = new Map<string, string>();
  const context: ProgramContext = {
    checked: options.checked,
    callTargets: program.addressTaken.filter((f) => f.defined || f.service),
    locString(pos: Pos): string {
      // The panic names the file as people call it: sensor.c, wherever it was compiled from.
      const text = `${pos.file.slice(pos.file.lastIndexOf("/") + 1)}:${pos.line}`;
      let label = locStrings.get(text);
      if (!label) {
        label = `__loc_${locStrings.size}`;
        locStrings.set(text, label);
      }
      return label;
    },
  };

  const out: string[] = [];
  out.push(
    `; ${options.file}: compiled by the Ringlab driver C compiler${options.checked ? " (checked mode)" : ""}`,
  );
  const mainTakesArguments = (program.funcs.get("main")?.type.params.length ?? 0) > 0;
  out.push("    .text", ...crt0(mainTakesArguments));
  let currentFile = "";
  // The program's own functions first, in source order, then the library's.
  const ordered = [...functions.filter((f) => !f.sym.library), ...functions.filter((f) => f.sym.library)];
  for (const f of ordered) {
    if (options.checked) trackPointers(f);
    if (f.file !== currentFile) {
      currentFile = f.file;
      out.push("", `    .file "${f.file}"`);
      if (f.file === LIBRARY_FILE) out.push("    ; the C library, compiled into the program");
    }
    appendAll(out, genFunction(context, f));
  }
  out.push("", "    ; kernel API stubs: sys N; ret (the loader makes them direct calls in kernel mode)");
  for (const name of [...services].sort()) out.push(`    .kapi ${name}`);

  const strings = usedStrings(program, ordered);
  if (mainTakesArguments) {
    // argv[0] is the program's name, as a shell would pass it: the file's, without its extension.
    const base = options.file.slice(options.file.lastIndexOf("/") + 1).replace(/\.[^.]*$/, "");
    const name = [...base].map((c) => c.charCodeAt(0) & 0xff);
    out.push("", "    .data", "    ; main's argv: { the program's name, NULL }", "    .align 4");
    out.push(
      `${ARGV_LABEL}:`,
      `    .word ${ARGV_LABEL}_0, 0`,
      `${ARGV_LABEL}_0:`,
      `    .asciz ${quote(name)}`,
    );
  }
  if (strings.size > 0 || locStrings.size > 0) {
    out.push("", "    .rodata");
    for (const s of program.strings)
      if (strings.has(s.label)) out.push(`${s.label}:`, `    .asciz ${quote(s.bytes)}`);
    for (const [text, label] of locStrings)
      out.push(`${label}:`, `    .asciz ${quote([...text].map((c) => c.charCodeAt(0) & 0xff))}`);
  }
  if (program.globals.length > 0) {
    out.push("", "    .data", "    ; globals and statics, in declaration order");
    for (const g of program.globals) appendAll(out, globalData(g));
  }
  out.push("", "    .entry _start", "");
  return out.join("\n");
}

/** String literals that emitted code or global data refers to. */
function usedStrings(program: Program, functions: TFunction[]): Set<string> {
  const used = new Set<string>();
  const visit = (e: Parameters<typeof forEachChild>[0]): void => {
    if (e.k === "str") used.add(e.literal.label);
    forEachChild(e, visit);
  };
  for (const f of functions) visitStatements(f.body, visit, () => {});
  for (const g of program.globals)
    for (const item of g.init?.items ?? []) if ("label" in item) used.add(item.label);
  return used;
}

/** An assembler string literal: printable ASCII as is, everything else as \xHH. */
export function quote(bytes: readonly number[]): string {
  let s = '"';
  for (const b of bytes) {
    if (b === 0x22) s += '\\"';
    else if (b === 0x5c) s += "\\\\";
    else if (b === 10) s += "\\n";
    else if (b === 9) s += "\\t";
    else if (b >= 32 && b < 127) s += String.fromCharCode(b);
    else s += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return `${s}"`;
}

function globalData(g: VarSymbol): string[] {
  const size = sizeOf(g.type);
  const align = alignOf(g.type);
  const lines = [""];
  lines.push(`    ; ${declare(g.type, g.name)}${g.storage === "static" ? " (static)" : ""}`);
  if (align > 1) lines.push(`    .align ${align}`);
  if (!g.internal) lines.push(`    .global ${g.label}`);
  lines.push(`    .type ${g.label}, object`);
  lines.push(`${g.label}:`);
  appendAll(lines, dataLines(g.init ?? { size, items: [] }, size));
  lines.push(`    .size ${g.label}, ${size}`);
  return lines;
}

const DIRECTIVE = { 1: ".byte", 2: ".half", 4: ".word" } as const;

/** The initial bytes as .byte/.half/.word lines, zero runs as .zero. */
function dataLines(init: DataInit, size: number): string[] {
  const items = [...init.items].sort((a, b) => a.offset - b.offset);
  const lines: string[] = [];
  let at = 0;
  let run: { directive: string; values: string[] } | undefined;
  const flush = () => {
    if (run) lines.push(`    ${run.directive} ${run.values.join(", ")}`);
    run = undefined;
  };
  for (const item of items) {
    if (item.offset < at) continue;
    if (item.offset > at) {
      flush();
      lines.push(`    .zero ${item.offset - at}`);
    }
    const directive = DIRECTIVE[item.size];
    const text =
      "label" in item
        ? `${item.label}${item.addend ? (item.addend > 0 ? ` + ${item.addend}` : ` - ${-item.addend}`) : ""}`
        : String(item.value);
    if (!run || run.directive !== directive || run.values.length >= 8) {
      flush();
      run = { directive, values: [] };
    }
    run.values.push(text);
    at = item.offset + item.size;
  }
  flush();
  if (size > at) lines.push(`    .zero ${size - at}`);
  return lines;
}
