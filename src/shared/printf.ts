/**
 * C's printf formatting for the kernel's printf service: %d %i %u %x %X %c %s %p %% with the flags
 * '-', '0', '+', ' ' and '#', a width, and a precision (`%.3s`, `%.5d`); `ll` before d, i, u, x or X
 * takes a 64-bit argument, which is two words (the low one first). Arguments come from a callback so the caller decides where they live
 * (registers, then the stack) and what a bad %s pointer means.
 */
export interface PrintfArguments {
  /** The next argument word. */
  next(): number;
  /** The string at a guest address, or undefined if it cannot be read. */
  string(address: number): string | undefined;
}

/** The formatted text, or the first bad string pointer met. */
export function formatPrintf(format: string, args: PrintfArguments): { text: string; badPointer?: number } {
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== "%") {
      out += c;
      continue;
    }
    let j = i + 1;
    let leftAlign = false;
    let zeroPad = false;
    let plus = false;
    let space = false;
    let alternate = false;
    for (; j < format.length && "-0+ #".includes(format[j]); j++) {
      if (format[j] === "-") leftAlign = true;
      else if (format[j] === "0") zeroPad = true;
      else if (format[j] === "+") plus = true;
      else if (format[j] === " ") space = true;
      else alternate = true;
    }
    let width = 0;
    for (; j < format.length && format[j] >= "0" && format[j] <= "9"; j++)
      width = Math.min(width * 10 + Number(format[j]), 256);
    // Precision: at most that many characters of a string, at least that many digits of a number.
    let precision: number | undefined;
    if (format[j] === ".") {
      precision = 0;
      for (j++; j < format.length && format[j] >= "0" && format[j] <= "9"; j++)
        precision = Math.min(precision * 10 + Number(format[j]), 256);
    }
    // h, l and z change nothing on a 32-bit machine where int, long and size_t are the same size; ll
    // is long long, 64 bits: two argument words.
    const modifierStart = j;
    while (j < format.length && (format[j] === "l" || format[j] === "h" || format[j] === "z")) j++;
    const wide = format.slice(modifierStart, j) === "ll";
    const nextWide = (): bigint => {
      const lo = BigInt(args.next() >>> 0);
      const hi = BigInt(args.next() >>> 0);
      return (hi << 32n) | lo;
    };
    const conversion = format[j];
    if (conversion === undefined) {
      out += format.slice(i);
      break;
    }
    let field: string;
    let sign = "";
    let prefix = "";
    const digits = (text: string): string =>
      precision === undefined ? text : precision === 0 && text === "0" ? "" : text.padStart(precision, "0");
    switch (conversion) {
      case "d":
      case "i": {
        const v = wide ? BigInt.asIntN(64, nextWide()) : BigInt(args.next() | 0);
        sign = v < 0n ? "-" : plus ? "+" : space ? " " : "";
        field = digits(String(v < 0n ? -v : v));
        break;
      }
      case "u":
        field = digits(String(wide ? nextWide() : args.next() >>> 0));
        break;
      case "x":
      case "X": {
        const v = wide ? nextWide() : BigInt(args.next() >>> 0);
        field = digits(v.toString(16));
        if (alternate && v !== 0n) prefix = "0x";
        if (conversion === "X") {
          field = field.toUpperCase();
          prefix = prefix.toUpperCase();
        }
        break;
      }
      case "p":
        field = `0x${(args.next() >>> 0).toString(16).padStart(8, "0")}`;
        break;
      case "c":
        field = String.fromCharCode(args.next() & 0xff);
        break;
      case "s": {
        const address = args.next() >>> 0;
        const text = args.string(address);
        if (text === undefined) return { text: out, badPointer: address };
        field = precision === undefined ? text : text.slice(0, precision);
        break;
      }
      case "%":
        field = "%";
        break;
      default:
        field = format.slice(i, j + 1);
    }
    const head = sign + prefix;
    const length = head.length + field.length;
    if (length < width) {
      // '0' pads between the sign and the digits, and only numbers without a precision.
      const numeric = "diuxX".includes(conversion);
      if (leftAlign) field = head + field.padEnd(width - head.length);
      else if (zeroPad && numeric && precision === undefined)
        field = head + field.padStart(width - head.length, "0");
      else field = (head + field).padStart(width);
    } else field = head + field;
    out += field;
    i = j;
  }
  return { text: out };
}
