/**
 * Debug information for views that show C variables: every global and static with its address, and
 * every emitted function with its parameters and locals at their fp offsets, or in the registers the
 * compiler keeps them in.
 */
import type { DebugFunction, DebugInfo, DebugVariable, Image } from "../image";
import { reachableFunctions } from "./codegen";
import { FIRST_SAVED_REGISTER, SAVED_REGISTERS } from "./regalloc";
import type { Program, VarSymbol } from "./typed";
import { sizeOf, typeToString } from "./types";

export function buildDebugInfo(program: Program, image: Image, checked: boolean): DebugInfo {
  const address = new Map(image.symbols.map((s) => [s.name, s]));
  const variable = (v: VarSymbol, location: DebugVariable["location"]): DebugVariable => ({
    name: v.name,
    type: typeToString(v.type),
    size: sizeOf(v.type),
    location,
  });
  const globals: DebugVariable[] = [];
  for (const g of program.globals) {
    const symbol = address.get(g.label);
    if (symbol) globals.push(variable(g, { kind: "global", address: symbol.address }));
  }
  const functions: DebugFunction[] = [];
  for (const f of reachableFunctions(program, checked)) {
    const symbol = address.get(f.sym.label);
    if (!symbol) continue;
    functions.push({
      name: f.sym.name,
      start: symbol.address,
      end: symbol.address + (symbol.size ?? 0),
      file: f.file,
      line: f.pos.line,
      // The compiler's own temporaries (a struct result, a compound literal, printf's argument array):
      // a learner never wrote them, so the variables view does not show them.
      locals: [...f.params, ...f.locals]
        .filter((v) => !v.temporary)
        .map((v) =>
          variable(
            v,
            v.register
              ? { kind: "register", register: FIRST_SAVED_REGISTER + SAVED_REGISTERS.indexOf(v.register) }
              : { kind: "frame", offset: v.offset },
          ),
        ),
    });
  }
  return { globals, functions };
}
