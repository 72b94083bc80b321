/**
 * The driver C compiler: source -> (lexer, preprocessor, parser, checker, code generator) -> assembly
 * text -> the assembler -> an image, with diagnostics, the assembly and a listing that interleaves
 * the C lines with the instructions they became. Never throws, for any input.
 */
import type { Diagnostic } from "../../shared/diagnostic";
import { assemble } from "../asm";
import type { Image } from "../image";
import { DEFAULT_IMAGE_BASE } from "../image";
import type { TranslationUnit } from "./ast";
import { Checker } from "./checker";
import { generate } from "./codegen";
import { buildDebugInfo } from "./debugInfo";
import { Diagnostics } from "./diagnostics";
import { HANDLER_RUNTIME_FILE, handlerRuntimeSource, needsHandlerRuntime } from "./handlerRuntime";
import { lex } from "./lexer";
import { checkReachedLibrary } from "./libraryReach";
import { cListing } from "./listing";
import { builtinMacros } from "./macroExpand";
import { parse } from "./parser";
import {
  LIBRARY_FILE,
  LIBRARY_SOURCE,
  PRELUDE_FILE,
  PRELUDE_SOURCE,
  PRELUDE_TYPEDEFS,
  WIDE_RUNTIME_FIRST_LINE,
} from "./prelude";
import { type MacroTable, preprocess } from "./preprocess";
import type { Program } from "./typed";
import { needsWideRuntime } from "./wideRuntime";

export interface CompileOptions {
  /** The file name for diagnostics and the source map (default "program.c"). */
  file?: string;
  /** Checked mode: run-time bounds checks on array indexing (see docs/driver-c.md). */
  checked?: boolean;
  /** The address the image is linked at (default DEFAULT_IMAGE_BASE). */
  base?: number;
}

export interface CompileResult {
  /** Undefined when there is any error. */
  image: Image | undefined;
  diagnostics: Diagnostic[];
  /** The generated assembly ("" when the program has errors). */
  assembly: string;
  /** C lines interleaved with the generated code, for `ringlab cc`. */
  listing: string;
}

export function compile(source: string, options: CompileOptions = {}): CompileResult {
  const file = options.file ?? "program.c";
  try {
    return compileUnguarded(String(source), file, options);
  } catch (e) {
    // A host exception here is a bug in Ringlab; the caller still gets a diagnostic, not a crash.
    const detail = e instanceof Error ? e.message : String(e);
    const message = `internal compiler error: ${detail}`;
    return {
      image: undefined,
      diagnostics: [{ severity: "error", file, line: 1, col: 1, length: 1, message }],
      assembly: "",
      listing: "",
    };
  }
}

/**
 * The prelude and the library as syntax trees, and the prelude's macros. They are the same for every
 * program, so they are read once: the checker only reads syntax trees, never changes them. The library
 * comes in two parts: the 64-bit runtime at its end, checked only for a program that needs it, and the
 * rest. Both keep their places in libc.c, so listings and debug info read the same.
 */
interface RinglabUnits {
  prelude: TranslationUnit;
  library: TranslationUnit;
  wideRuntime: TranslationUnit;
  macros: MacroTable;
}

let ringlab: RinglabUnits | undefined;

function ringlabUnits(): RinglabUnits {
  if (ringlab) return ringlab;
  const diags = new Diagnostics();
  const macros: MacroTable = new Map();
  const at = {
    kind: "ident" as const,
    text: "ringlab.h",
    pos: { file: PRELUDE_FILE, line: 1, col: 1, len: 1 },
    bol: true,
  };
  for (const m of builtinMacros(at)) macros.set(m.name, m);
  const prelude = parse(preprocess(lex(PRELUDE_SOURCE, PRELUDE_FILE, diags), macros, diags), diags);
  const libraryTokens = preprocess(lex(LIBRARY_SOURCE, LIBRARY_FILE, diags), new Map(macros), diags);
  const whole = parse(libraryTokens, diags, PRELUDE_TYPEDEFS);
  const library = { items: whole.items.filter((item) => item.pos.line < WIDE_RUNTIME_FIRST_LINE) };
  const wideRuntime = { items: whole.items.filter((item) => item.pos.line >= WIDE_RUNTIME_FIRST_LINE) };
  const units = { prelude, library, wideRuntime, macros };
  // Ringlab's own sources have no errors; if a change gave them one, do not cache it.
  if (!diags.hasErrors) ringlab = units;
  return units;
}

/** Lexes, preprocesses, parses and checks a program (and the library); no code yet. */
export function check(
  source: string,
  options: { file: string; checked: boolean },
): { program: Program; diagnostics: Diagnostics } {
  const diags = new Diagnostics();
  const ringlab = ringlabUnits();
  const macros: MacroTable = new Map(ringlab.macros);
  const userTokens = preprocess(lex(source, options.file, diags), macros, diags);

  const checker = new Checker(diags, options.checked);
  checker.checkUnit(ringlab.prelude, PRELUDE_FILE, false);
  checker.checkUnit(parse(userTokens, diags, PRELUDE_TYPEDEFS), options.file, false);
  if (needsHandlerRuntime(checker.funcs)) {
    // A handler driver (on_event, no main) gets the runtime that calls it from the next_event loop.
    const runtime = handlerRuntimeSource(checker.funcs.get("on_load")?.defined === true);
    const runtimeTokens = preprocess(
      lex(runtime, HANDLER_RUNTIME_FILE, diags),
      new Map(ringlab.macros),
      diags,
    );
    checker.checkUnit(parse(runtimeTokens, diags, PRELUDE_TYPEDEFS), HANDLER_RUNTIME_FILE, false);
  }
  checkReachedLibrary(checker, ringlab, { prelude: PRELUDE_FILE, library: LIBRARY_FILE });
  if (needsWideRuntime(checker.functions, checker.addressTaken))
    checker.checkUnit(ringlab.wideRuntime, LIBRARY_FILE, true);
  checker.finishProgram(options.file);
  const program: Program = {
    functions: checker.functions,
    globals: checker.globals,
    strings: checker.strings,
    funcs: checker.funcs,
    addressTaken: [...checker.addressTaken],
  };
  return { program, diagnostics: diags };
}

function compileUnguarded(source: string, file: string, options: CompileOptions): CompileResult {
  const checked = options.checked ?? false;
  const { program, diagnostics } = check(source, { file, checked });
  if (diagnostics.hasErrors)
    return { image: undefined, diagnostics: diagnostics.sorted(), assembly: "", listing: "" };

  const assembly = generate(program, { file, checked });
  const asmOptions = { file: assemblyFileName(file), base: options.base ?? DEFAULT_IMAGE_BASE };
  // No assembler listing yet: most builds never read one (see the listing getter below).
  const assembled = assemble(assembly, { ...asmOptions, listing: false });
  const problems = assembled.diagnostics.filter((d) => d.severity === "error");
  if (problems.length > 0 || !assembled.image) {
    // The compiler made assembly its assembler refuses: a bug in Ringlab, reported as one.
    const lines = assembly.split("\n");
    const detail = problems
      .slice(0, 3)
      .map((d) => `${d.message} (assembly line ${d.line}: '${(lines[d.line - 1] ?? "").trim()}')`);
    const message = `internal compiler error: ${detail.join("; ") || "the assembler produced no image"}`;
    return {
      image: undefined,
      diagnostics: [
        ...diagnostics.sorted(),
        { severity: "error", file, line: 1, col: 1, length: 1, message },
      ],
      assembly,
      listing: "",
    };
  }
  const image = assembled.image;
  image.debug = buildDebugInfo(program, image, checked);
  // The listing is made when someone reads it: the kernel builds drivers and never does. Assembling
  // again with the assembler's listing on is deterministic (same statements, same layout), and cheaper
  // overall than building a listing on every compile.
  let listing: string | undefined;
  const sources: Record<string, string> = { [file]: source, [LIBRARY_FILE]: LIBRARY_SOURCE };
  const runtime = program.functions.find((f) => f.file === HANDLER_RUNTIME_FILE);
  if (runtime)
    sources[HANDLER_RUNTIME_FILE] = handlerRuntimeSource(program.funcs.get("on_load")?.defined === true);
  return {
    image,
    diagnostics: diagnostics.sorted(),
    assembly,
    get listing() {
      listing ??= cListing(assembly, assemble(assembly, asmOptions).listing, sources);
      return listing;
    },
  };
}

function assemblyFileName(file: string): string {
  return `${file.replace(/\.c$/, "")}.s`;
}
