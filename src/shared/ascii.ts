/** Guest strings are bytes: these convert between them and host strings, one byte per character. */

/** `text` as at most `size - 1` bytes followed by NUL padding to `size` (or unpadded if size is omitted). */
export function encodeAscii(text: string, size?: number): Uint8Array {
  const length = size === undefined ? text.length : Math.min(text.length, Math.max(0, size - 1));
  const bytes = new Uint8Array(size ?? text.length);
  for (let i = 0; i < length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

export function decodeAscii(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}
