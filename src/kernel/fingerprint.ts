/**
 * A short digest of the whole system's state (machine and kernel record), for checking cheaply that
 * two runs, or a run and its replay, ended in exactly the same state.
 */
import { snapshot } from "../machine/snapshot";
import type { Kernel } from "./kernel";

/** FNV-1a over a string's UTF-16 units, folded into a hex digest. */
function fnv(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function fnvBytes(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * JSON with Maps as entry lists, typed arrays as plain arrays and object keys in sorted order, so every
 * part of the state counts and nothing else does.
 */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v instanceof Map) return [...v.entries()];
    if (ArrayBuffer.isView(v)) return Array.from(v as Uint8Array);
    if (v !== null && typeof v === "object" && !Array.isArray(v))
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((key) => [key, (v as Record<string, unknown>)[key]]),
      );
    return v;
  });
}

export function systemFingerprint(k: Kernel): string {
  const { memory, disk, ...machine } = snapshot(k.machine);
  const parts = [
    fnvBytes(memory),
    fnv(stable(machine)),
    fnv(stable(disk.files.map(([path, bytes]) => [path, fnvBytes(bytes)]))),
    fnv(stable({ ...disk, files: undefined })),
    fnv(stable({ ...k.record, crashDump: k.record.crashDump?.record })),
  ];
  return parts.map((p) => p.toString(16).padStart(8, "0")).join("");
}
