/**
 * Block scopes: ordinary identifiers (variables, functions, enum constants, typedef names) and struct
 * and enum tags live in separate name spaces, as in C.
 */
import type { OrdinarySymbol } from "./typed";
import type { StructInfo } from "./types";

/** `forward`: an enum named before its list (see resolveEnum). */
export type TagEntry = { kind: "struct"; info: StructInfo } | { kind: "enum"; forward?: boolean };

interface Scope {
  names: Map<string, OrdinarySymbol>;
  tags: Map<string, TagEntry>;
}

export class Scopes {
  private stack: Scope[] = [{ names: new Map(), tags: new Map() }];

  push(): void {
    this.stack.push({ names: new Map(), tags: new Map() });
  }

  pop(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  get atFileScope(): boolean {
    return this.stack.length === 1;
  }

  lookup(name: string): OrdinarySymbol | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const found = this.stack[i]!.names.get(name);
      if (found) return found;
    }
    return undefined;
  }

  /** Only the innermost scope: a redeclaration there is an error, an outer one is shadowed. */
  lookupLocal(name: string): OrdinarySymbol | undefined {
    return this.stack.at(-1)!.names.get(name);
  }

  define(symbol: OrdinarySymbol): void {
    this.stack.at(-1)!.names.set(symbol.name, symbol);
  }

  lookupTag(tag: string): TagEntry | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const found = this.stack[i]!.tags.get(tag);
      if (found) return found;
    }
    return undefined;
  }

  lookupTagLocal(tag: string): TagEntry | undefined {
    return this.stack.at(-1)!.tags.get(tag);
  }

  defineTag(tag: string, entry: TagEntry): void {
    this.stack.at(-1)!.tags.set(tag, entry);
  }

  /** Every visible name, for "did you mean" suggestions. */
  *visibleNames(): Iterable<string> {
    for (const scope of this.stack) yield* scope.names.keys();
  }
}
