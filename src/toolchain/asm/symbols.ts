/**
 * The symbol table: labels (an offset in a section) and constants (`.equ`, `NAME = expr`), in one
 * namespace. Local labels start with '.' and belong to the previous non-local label: `.loop` after
 * `main:` is stored as `main.loop`, and written `.loop` inside main (or `main.loop` anywhere).
 */

import { parseRegister } from "../../machine/isa";
import type { Value } from "./evaluate";
import type { Expr } from "./expression";

export type SectionName = "text" | "rodata" | "data" | "bss";
/** The sections in layout order. */
export const SECTION_NAMES: readonly SectionName[] = ["text", "rodata", "data", "bss"];
export type SectionStarts = Record<SectionName, number>;

export interface Definition {
  /** 1-based line, column and length of the name where it was defined. */
  line: number;
  col: number;
  length: number;
}

export interface LabelSymbol extends Definition {
  kind: "label";
  name: string;
  section: SectionName;
  offset: number;
  /** From .type (or .kapi). */
  type?: "function" | "object";
  /** From .size (or .kapi). */
  size?: number;
}

export interface ConstantSymbol extends Definition {
  kind: "constant";
  name: string;
  expr: Expr;
  /** The scope local names in `expr` resolve in, and where `.` was. */
  scope: string;
  section: SectionName;
  offset: number;
  state: "new" | "busy" | "done" | "failed";
  value?: Value;
}

export type AsmSymbol = LabelSymbol | ConstantSymbol;

export const isLocalName = (name: string): boolean => name.length > 1 && name.startsWith(".");

/** The full name of a symbol written as `name` inside `scope` (the last non-local label). */
export const qualify = (name: string, scope: string): string => (isLocalName(name) ? scope + name : name);

export function isRegisterName(name: string): boolean {
  return parseRegister(name) >= 0;
}

export class SymbolTable {
  readonly byName = new Map<string, AsmSymbol>();

  lookup(written: string, scope: string): AsmSymbol | undefined {
    return this.byName.get(qualify(written, scope));
  }

  /** Adds a symbol; returns the earlier definition instead if the name is taken. */
  define(symbol: AsmSymbol): AsmSymbol | undefined {
    const existing = this.byName.get(symbol.name);
    if (existing) return existing;
    this.byName.set(symbol.name, symbol);
    return undefined;
  }

  /** Names as they could be written at a place in `scope`: locals of the scope by their short name. */
  *namesVisibleFrom(scope: string): Iterable<string> {
    for (const name of this.byName.keys()) {
      if (scope !== "" && name.startsWith(`${scope}.`)) yield name.slice(scope.length);
      else yield name;
    }
  }
}
