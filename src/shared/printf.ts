/**
 * C's printf formatting for the kernel's printf service: %d %i %u %x %X %c %s %p %% with the flags
 * '-' and '0' and a width. Arguments come from a callback so the caller decides where they live
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
    for (; j < format.length && (format[j] === "-" || format[j] === "0"); j++) {
      if (format[j] === "-") leftAlign = true;
      else zeroPad = true;
    }
    let width = 0;
    for (; j < format.length && format[j] >= "0" && format[j] <= "9"; j++)
      width = Math.min(width * 10 + Number(format[j]), 256);
    // Length modifiers change nothing on a 32-bit machine where int, long and size_t are the same size.
    while (j < format.length && (format[j] === "l" || format[j] === "h" || format[j] === "z")) j++;
    const conversion = format[j];
    if (conversion === undefined) {
      out += format.slice(i);
      break;
    }
    let field: string;
    switch (conversion) {
      case "d":
      case "i":
        field = String(args.next() | 0);
        break;
      case "u":
        field = String(args.next() >>> 0);
        break;
      case "x":
        field = (args.next() >>> 0).toString(16);
        break;
      case "X":
        field = (args.next() >>> 0).toString(16).toUpperCase();
        break;
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
        field = text;
        break;
      }
      case "%":
        field = "%";
        break;
      default:
        field = format.slice(i, j + 1);
    }
    if (field.length < width) {
      if (leftAlign) field = field.padEnd(width);
      else if (zeroPad && "diuxXp".includes(conversion)) {
        const negative = field.startsWith("-");
        field =
          (negative ? "-" : "") + field.slice(negative ? 1 : 0).padStart(width - (negative ? 1 : 0), "0");
      } else field = field.padStart(width);
    }
    out += field;
    i = j;
  }
  return { text: out };
}
