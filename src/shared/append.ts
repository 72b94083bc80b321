/**
 * Array helpers that never spread an array into a call: `out.push(...items)` and
 * `String.fromCharCode(...bytes)` put every element on the host's stack, so an input of a few
 * hundred thousand elements (a long function, a long string) would overflow it.
 */

/** Appends every item of each list to `out`, in order. */
export function appendAll<T>(out: T[], ...lists: readonly (readonly T[])[]): T[] {
  for (const list of lists) for (let i = 0; i < list.length; i++) out.push(list[i]!);
  return out;
}

/** Bytes as a host string, one character per byte. */
export function bytesToString(bytes: ArrayLike<number>): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 4096) {
    const end = Math.min(bytes.length, i + 4096);
    const chunk: number[] = [];
    for (let k = i; k < end; k++) chunk.push(bytes[k]! & 0xff);
    text += String.fromCharCode.apply(null, chunk);
  }
  return text;
}
