/** "Did you mean ...?": the nearest known name by edit distance, and the usual names from other ISAs. */

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of neighbours (so "mvo" is one
 * edit from "mov"); gives up, returning limit + 1, once it is past `limit`.
 */
export function editDistance(a: string, b: string, limit = 8): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `name`, if it is close enough to be an obvious typo: 1 edit for names of up to 3
 * characters, else at most 2. Ties go to the earlier candidate.
 */
export function nearest(
  name: string,
  candidates: Iterable<string>,
  caseInsensitive = false,
): string | undefined {
  if (name.length === 0 || name.length > 64) return undefined;
  const wanted = caseInsensitive ? name.toLowerCase() : name;
  const limit = wanted.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const other = caseInsensitive ? candidate.toLowerCase() : candidate;
    if (other === wanted) continue;
    const distance = editDistance(wanted, other, limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Mnemonics learners bring from RISC-V, MIPS, ARM and x86, and what Ringlab calls them. */
export const FOREIGN_MNEMONICS: ReadonlyMap<string, string> = new Map([
  ["lw", "ldw"],
  ["lh", "ldh"],
  ["lhu", "ldhu"],
  ["lb", "ldb"],
  ["lbu", "ldbu"],
  ["ld", "ldw"],
  ["ldr", "ldw"],
  ["sw", "stw"],
  ["sh", "sth"],
  ["sb", "stb"],
  ["str", "stw"],
  ["st", "stw"],
  ["mv", "mov"],
  ["jmp", "j"],
  ["b", "j"],
  ["bz", "beqz"],
  ["bnz", "bnez"],
  ["ecall", "sys"],
  ["syscall", "sys"],
  ["int", "sys"],
  ["svc", "sys"],
  ["sll", "shl"],
  ["srl", "shr"],
  ["sra", "sar"],
  ["slli", "shli"],
  ["srli", "shri"],
  ["srai", "sari"],
  ["lsl", "shl"],
  ["lsr", "shr"],
  ["asr", "sar"],
  ["hlt", "halt"],
  ["eret", "iret"],
  ["mret", "iret"],
  ["sret", "iret"],
  ["csrr", "mfcr"],
  ["csrw", "mtcr"],
  ["inb", "in"],
  ["outb", "out"],
  ["ebreak", "brk"],
  ["int3", "brk"],
]);

/** The suggestion for an unknown mnemonic: a known alias from another ISA, else the nearest name. */
export function suggestMnemonic(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const alias = FOREIGN_MNEMONICS.get(lower);
  if (alias !== undefined && alias !== lower) return `did you mean '${alias}'?`;
  const near = nearest(lower, known, true);
  return near === undefined ? undefined : `did you mean '${near}'?`;
}

export function didYouMean(
  name: string,
  candidates: Iterable<string>,
  caseInsensitive = false,
): string | undefined {
  const near = nearest(name, candidates, caseInsensitive);
  return near === undefined ? undefined : `did you mean '${near}'?`;
}
