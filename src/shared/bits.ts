/** Bit helpers for 32-bit two's-complement arithmetic as the guest sees it. */

/** Sign-extends the low `bits` bits of `value`. */
export function signExtend(value: number, bits: number): number {
  const shift = 32 - bits;
  return (value << shift) >> shift;
}

/** Formats a 32-bit value as 0x-prefixed, zero-padded hex (8 digits unless `digits` says otherwise). */
export function hex(value: number, digits = 8): string {
  return `0x${(value >>> 0).toString(16).padStart(digits, "0")}`;
}

/** The same with upper-case digits after the 0x, as stop codes are written ("0x0000007E"). */
export function hexUpper(value: number, digits = 8): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(digits, "0")}`;
}

export const toU32 = (value: number): number => value >>> 0;
export const toI32 = (value: number): number => value | 0;
