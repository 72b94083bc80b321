/**
 * A peephole pass over one function's assembly. Locals not kept in s0..s2 live in the frame, so
 * straight-line code often loads a word it has just stored, or loads the same local twice: within a
 * run of code with no label in it, a `ldw rX, [fp + o]` whose value a register already holds becomes
 * a `mov`, or goes away.
 *
 * What a register holds is forgotten at every label (another path may arrive there), at every call
 * and system call (the callee may change the frame through a pointer), at any store that is not a
 * word into the frame (it may alias a local whose address was taken), and when the register itself
 * is written.
 */

/** Line terminators: `.` in a regular expression does not match them, so a line with one is not an instruction. */
const TERMINATOR = /[\n\r\u2028\u2029]/;

const isLower = (code: number): boolean => code >= 97 && code <= 122;

/**
 * Splits an instruction line, `    mnemonic  operands`, into mnemonic and operands; undefined for
 * anything else. The same as matching /^ {4}([a-z]+)(?: +(.*))?$/, done by hand: this runs on every
 * line the compiler generates, and the match arrays were a good part of the pass's time.
 */
function splitInstruction(line: string): { mnemonic: string; rest: string } | undefined {
  if (!line.startsWith("    ") || !isLower(line.charCodeAt(4))) return undefined;
  let end = 5;
  while (end < line.length && isLower(line.charCodeAt(end))) end++;
  const mnemonic = line.slice(4, end);
  if (end === line.length) return { mnemonic, rest: "" };
  if (line.charCodeAt(end) !== 32) return undefined;
  while (end < line.length && line.charCodeAt(end) === 32) end++;
  const rest = line.slice(end);
  return TERMINATOR.test(rest) ? undefined : { mnemonic, rest };
}
const STORES = new Set(["stw", "sth", "stb"]);
const NO_DESTINATION = new Set([
  "beq",
  "bne",
  "blt",
  "bge",
  "bltu",
  "bgeu",
  "beqz",
  "bnez",
  "bgt",
  "ble",
  "bgtu",
  "bleu",
  "nop",
]);
const FORGET_ALL = new Set(["call", "jal", "jalr", "j", "jr", "ret", "sys", "hcall", "brk"]);

/**
 * The offset o of a frame word operand, `[fp]`, `[fp + o]` or `[fp - o]` (the text after the first
 * comma, spaces allowed before it); undefined for any other operand. By hand rather than a regular
 * expression: this runs on every load and store the compiler generates.
 */
function frameOffset(rest: string, from: number): number | undefined {
  while (rest.charCodeAt(from) === 32) from++;
  if (!rest.startsWith("[fp", from)) return undefined;
  let i = from + 3;
  if (i === rest.length - 1 && rest.charCodeAt(i) === 93) return 0; // "]"
  if (rest.charCodeAt(i) !== 32) return undefined;
  const sign = rest.charCodeAt(i + 1);
  if ((sign !== 43 && sign !== 45) || rest.charCodeAt(i + 2) !== 32) return undefined; // "+", "-"
  i += 3;
  const digits = i;
  let n = 0;
  while (i < rest.length && rest.charCodeAt(i) >= 48 && rest.charCodeAt(i) <= 57) {
    n = n * 10 + rest.charCodeAt(i) - 48;
    i++;
  }
  if (i === digits || i !== rest.length - 1 || rest.charCodeAt(i) !== 93) return undefined;
  return sign === 45 ? -n : n;
}

export function forwardFrameLoads(lines: readonly string[]): string[] {
  const out: string[] = [];
  /** Register name -> the frame offset of the word it holds. */
  const holds = new Map<string, number>();
  const holderOf = (offset: number): string | undefined => {
    for (const [reg, at] of holds) if (at === offset) return reg;
    return undefined;
  };
  const forgetSlot = (from: number, size: number) => {
    for (const [reg, at] of holds) if (at < from + size && from < at + 4) holds.delete(reg);
  };
  for (const line of lines) {
    if (line.endsWith(":")) {
      holds.clear();
      out.push(line);
      continue;
    }
    const m = splitInstruction(line);
    if (!m) {
      out.push(line); // directives (.loc), comments, blank lines
      continue;
    }
    const mnemonic = m.mnemonic;
    // The destination (or stored register) is the first operand; a memory operand, if any, the second.
    const rest = m.rest;
    const comma = rest.indexOf(",");
    const first = comma < 0 ? rest : rest.slice(0, comma);
    if (mnemonic === "ldw") {
      const offset = comma < 0 ? undefined : frameOffset(rest, comma + 1);
      const dest = first;
      if (offset !== undefined) {
        const holder = holderOf(offset);
        holds.delete(dest);
        if (holder === dest) {
          holds.set(dest, offset);
          continue;
        }
        out.push(holder ? `    ${"mov".padEnd(6)}${dest}, ${holder}` : line);
        holds.set(dest, offset);
        continue;
      }
    }
    if (STORES.has(mnemonic)) {
      const offset = comma < 0 ? undefined : frameOffset(rest, comma + 1);
      if (offset === undefined) holds.clear();
      else {
        const size = mnemonic === "stw" ? 4 : mnemonic === "sth" ? 2 : 1;
        forgetSlot(offset, size);
        if (size === 4) holds.set(first, offset);
      }
      out.push(line);
      continue;
    }
    if (FORGET_ALL.has(mnemonic)) holds.clear();
    else if (!NO_DESTINATION.has(mnemonic)) {
      if (first === "fp" || first === "sp") holds.clear();
      holds.delete(first);
    }
    out.push(line);
  }
  return out;
}
