/**
 * Assembly text, one line at a time, in the assembler's syntax (docs/assembly.md). Instructions are
 * indented, labels are not, and `.loc` lines tie what follows to a line of C.
 */
import type { Pos } from "./diagnostics";

/** A memory operand: [fp - 8], [t0 + 4], [t1]. */
export function mem(base: string, offset: number): string {
  if (offset === 0) return `[${base}]`;
  return offset < 0 ? `[${base} - ${-offset}]` : `[${base} + ${offset}]`;
}

export const fitsImm16 = (v: number): boolean => v >= -0x8000 && v <= 0x7fff;
export const fitsUimm16 = (v: number): boolean => v >= 0 && v <= 0xffff;

export class Emitter {
  readonly lines: string[] = [];
  /** The place the last .loc named (NaN: none, so the next .loc is always written). */
  private lastLine = Number.NaN;
  private lastCol = Number.NaN;

  ins(mnemonic: string, operands = ""): void {
    this.lines.push(operands ? `    ${mnemonic.padEnd(6)}${operands}` : `    ${mnemonic}`);
  }

  label(name: string): void {
    this.lines.push(`${name}:`);
  }

  directive(text: string): void {
    this.lines.push(`    ${text}`);
  }

  comment(text: string): void {
    this.lines.push(`    ; ${text}`);
  }

  blank(): void {
    this.lines.push("");
  }

  /** `.loc line col`, unless the code is already attributed to that place. */
  loc(pos: Pos): void {
    if (pos.line === this.lastLine && pos.col === this.lastCol) return;
    this.lastLine = pos.line;
    this.lastCol = pos.col;
    const line = `    .loc ${pos.line} ${pos.col}`;
    // A .loc with no code after it says nothing: the new one replaces it.
    if (this.lines.at(-1)?.startsWith("    .loc ")) this.lines[this.lines.length - 1] = line;
    else this.lines.push(line);
  }

  /** After a label that can be reached from elsewhere, the next statement needs its own .loc again. */
  forgetLoc(): void {
    this.lastLine = Number.NaN;
    this.lastCol = Number.NaN;
  }
}
