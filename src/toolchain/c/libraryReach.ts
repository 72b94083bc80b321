/**
 * Which of the C library's functions a program reaches, so that only those are checked. The library
 * is ~500 lines that every compile used to check in full, while code generation emits only what the
 * program reaches (codegen.ts, reachableFunctions); a cold compile paid for the rest (issue 12).
 *
 * What a library function calls and how many string labels and unique ids checking it uses never
 * change, so they are learnt once per process and mode, by checking the whole library in a scratch
 * checker. A function left out still moves the numbering on by what it would have used: the functions
 * checked after it keep their labels, and listings read exactly as when everything was checked.
 */
import type { TranslationUnit } from "./ast";
import { Checker } from "./checker";
import { BOUNDS_HELPERS } from "./codegen";
import { Diagnostics } from "./diagnostics";
import type { FuncSymbol, TFunction } from "./typed";

/** What checking one library function does that matters to the others. */
interface LibraryFunctionProfile {
  /** The functions its body calls, by name (the program may define its own strlen & co.). */
  callees: readonly string[];
  /** String labels and unique ids that checking it uses. */
  numbering: { strings: number; ids: number };
  /** Whether it declares statics, which go into .data whether it is reached or not: always checked. */
  hasStatics: boolean;
}

const profiles = new Map<boolean, Map<string, LibraryFunctionProfile>>();

/** The profiles of the library's functions, for checked or unchecked mode, learnt on first use. */
function libraryProfiles(
  prelude: TranslationUnit,
  library: TranslationUnit,
  preludeFile: string,
  libraryFile: string,
  checked: boolean,
): Map<string, LibraryFunctionProfile> | undefined {
  const known = profiles.get(checked);
  if (known) return known;
  const diags = new Diagnostics();
  const scratch = new Checker(diags, checked);
  scratch.checkUnit(prelude, preludeFile, false);
  const learnt = new Map<string, LibraryFunctionProfile>();
  for (const item of library.items) {
    const before = scratch.numbering();
    scratch.checkUnit({ items: [item] }, libraryFile, true);
    if (item.kind !== "func") continue;
    const name = item.declarator.name ?? "";
    const after = scratch.numbering();
    const sym = scratch.funcs.get(name);
    learnt.set(name, {
      callees: sym ? [...sym.calls].map((callee) => callee.name) : [],
      numbering: { strings: after.strings - before.strings, ids: after.ids - before.ids },
      hasStatics: after.globals > before.globals,
    });
  }
  // The library has no errors; if a change gave it one, check everything as before.
  if (diags.hasErrors) return undefined;
  profiles.set(checked, learnt);
  return learnt;
}

/** The names a program's own functions reach: the same roots as codegen's reachableFunctions. */
function reachedNames(
  functions: readonly TFunction[],
  addressTaken: ReadonlySet<FuncSymbol>,
  checked: boolean,
  profile: ReadonlyMap<string, LibraryFunctionProfile>,
): Set<string> {
  const reached = new Set<string>();
  const visit = (name: string): void => {
    if (reached.has(name)) return;
    reached.add(name);
    for (const callee of profile.get(name)?.callees ?? []) visit(callee);
  };
  for (const f of functions) for (const callee of f.sym.calls) visit(callee.name);
  for (const sym of addressTaken) visit(sym.name);
  if (checked) for (const name of BOUNDS_HELPERS) visit(name);
  return reached;
}

/**
 * Checks the library functions the program reaches (and every declaration), in the library's order,
 * after the program's own functions have been checked.
 */
export function checkReachedLibrary(
  checker: Checker,
  units: { prelude: TranslationUnit; library: TranslationUnit },
  files: { prelude: string; library: string },
): void {
  const profile = libraryProfiles(
    units.prelude,
    units.library,
    files.prelude,
    files.library,
    checker.checked,
  );
  if (!profile) {
    checker.checkUnit(units.library, files.library, true);
    return;
  }
  const reached = reachedNames(checker.functions, checker.addressTaken, checker.checked, profile);
  for (const item of units.library.items) {
    const name = item.kind === "func" ? (item.declarator.name ?? "") : "";
    const left = item.kind === "func" && !reached.has(name) && profile.get(name)?.hasStatics === false;
    if (!left) {
      checker.checkUnit({ items: [item] }, files.library, true);
      continue;
    }
    // A function the program defines itself is skipped by checkUnit too, numbering and all.
    if (checker.funcs.get(name)?.defined) continue;
    const used = profile.get(name)?.numbering;
    if (used) checker.skipNumbering(used);
  }
}
