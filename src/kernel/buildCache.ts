/**
 * Programs and drivers are built from their source on the disk when they are started. Builds are
 * pure functions of (path, source, checked), so their results are kept: a reboot or a restart does
 * not compile again.
 */
import { formatDiagnostic } from "../shared/diagnostic";
import { build } from "../toolchain/build";
import type { Image } from "../toolchain/image";
import type { Kernel } from "./kernel";

const cache = new Map<string, Image | string>();
const CACHE_LIMIT = 64;

/** The image, or the build errors as text (file:line:col: error: message, with the line and a caret). */
export function buildCached(k: Kernel, path: string, checked: boolean): Image | string {
  const source = k.machine.devices.disk.readText(path);
  if (source === undefined) return `${path}: no such file`;
  if (!/\.(c|s)$/.test(path)) return `${path}: not a program (a .c or .s file)`;
  const key = `${checked ? "checked" : "plain"}\u0000${path}\u0000${source}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const result = build(path, source, { checked });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  const value =
    result.image && errors.length === 0
      ? result.image
      : errors.map((d) => formatDiagnostic(d, source)).join("\n");
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}
