/**
 * The conversions of the kernel API's printf (src/shared/printf.ts formats them): %d %i %u %x %X %c
 * %s %p %%, each with flags ('-' left-justify, '0' zero-pad, '+', ' ', '#'), a width and a precision,
 * and the length modifiers h, hh, l and z (which change nothing here) and ll (64 bits). The compiler
 * reads literal formats with this to warn about arguments that do not match, as good compilers do.
 */

export interface Conversion {
  /** Offset of the '%' in the format. */
  at: number;
  /** The whole specification, e.g. "%08x". */
  text: string;
  conv: string;
  /** The length modifier: "", "h", "hh", "l", "z" or "ll" (the one that makes the argument 64 bits). */
  length: string;
  leftJustify: boolean;
  zeroPad: boolean;
  width: number;
  /** Why the specification cannot be used, if it cannot. */
  problem?: string;
}

export const PRINTF_CONVERSIONS = "diuxXcsp%";

export type FormatPiece = string | Conversion;

export function parseFormat(format: string): FormatPiece[] {
  const pieces: FormatPiece[] = [];
  let literal = "";
  let i = 0;
  while (i < format.length) {
    const ch = format[i]!;
    if (ch !== "%") {
      literal += ch;
      i++;
      continue;
    }
    if (literal) pieces.push(literal);
    literal = "";
    const at = i;
    i++;
    let leftJustify = false;
    let zeroPad = false;
    while (format[i] !== undefined && "-0+ #".includes(format[i]!)) {
      if (format[i] === "-") leftJustify = true;
      else if (format[i] === "0") zeroPad = true;
      i++;
    }
    let width = 0;
    while (i < format.length && format[i]! >= "0" && format[i]! <= "9") {
      width = Math.min(width * 10 + Number(format[i]), 1000);
      i++;
    }
    let problem: string | undefined;
    if (format[i] === ".") {
      i++;
      while (i < format.length && format[i]! >= "0" && format[i]! <= "9") i++;
    }
    // h, l and z name types of at most 32 bits here (short, long, size_t): they change nothing.
    // ll is long long, 64 bits, for the integer conversions only.
    const modifierStart = i;
    while (format[i] === "l" || format[i] === "h" || format[i] === "z") i++;
    const modifier = format.slice(modifierStart, i);
    if (modifier.length > 2 || (modifier.length === 2 && modifier !== "hh" && modifier !== "ll"))
      problem ??= `the '${modifier}' length modifier is not supported in driver C`;
    const conv = format[i] ?? "";
    if (modifier === "ll" && conv !== "" && !"diuxX".includes(conv))
      problem ??= `the 'll' length modifier goes with %d, %i, %u, %x and %X, not '%${conv}'`;
    if (conv === "") problem ??= "incomplete format specifier at the end of the format";
    else if (!PRINTF_CONVERSIONS.includes(conv))
      problem ??= `'%${conv}' is not supported by printf in Ringlab (it has %d %i %u %x %X %c %s %p %%)`;
    if (conv !== "") i++;
    pieces.push({
      at,
      text: format.slice(at, i),
      conv,
      length: modifier,
      leftJustify,
      zeroPad,
      width,
      problem,
    });
  }
  if (literal) pieces.push(literal);
  return pieces;
}
