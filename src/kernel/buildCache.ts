/**
 * Programs and drivers are built from their source on the disk when they are started. Builds are
 * pure functions of (path, source, checked), so their results are kept: a reboot or a restart does
 * not compile again, and an image the editor already built for the same text is the one insmod loads.
 * Each kernel has its own cache (kernels never see each other's), and it is not part of the kernel's
 * state: dropping it changes nothing but the time a build takes. The system's own programs (the
 * files every new disk starts with, unchanged) are built once per host, like a ROM every machine has.
 */
import { formatDiagnostic } from "../shared/diagnostic";
import { err, ok, type Result } from "../shared/result";
import { build } from "../toolchain/build";
import type { Image } from "../toolchain/image";
import { SYSTEM_FILES } from "./systemSources";

/** An image, or the build errors as text (file:line:col: error: message, with the line and a caret). */
export type BuildResult = Result<Image, string>;

const CACHE_LIMIT = 64;

/** Builds of the unchanged system programs, shared by every kernel of this host. */
const systemBuilds = new Map<string, BuildResult>();

export class BuildCache {
  private readonly entries = new Map<string, BuildResult>();

  /** Builds `source` as `path`, or returns the kept result of the same build. */
  build(path: string, source: string, checked: boolean): BuildResult {
    if (!/\.(c|s)$/.test(path)) return err(`${path}: not a program (a .c or .s file)`);
    const key = cacheKey(path, source, checked);
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const system = SYSTEM_FILES[path] === source;
    const shared = system ? systemBuilds.get(key) : undefined;
    if (shared !== undefined) return shared;
    const result = build(path, source, { checked });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    const value =
      result.image && errors.length === 0
        ? ok(result.image)
        : err(errors.map((d) => formatDiagnostic(d, source)).join("\n"));
    if (system) systemBuilds.set(key, value);
    else this.keep(key, value);
    return value;
  }

  /** Keeps an image built elsewhere (the editor's) for exactly this path, text and mode. */
  put(path: string, source: string, checked: boolean, image: Image): void {
    this.keep(cacheKey(path, source, checked), ok(image));
  }

  private keep(key: string, value: BuildResult): void {
    if (this.entries.size >= CACHE_LIMIT) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }
}

function cacheKey(path: string, source: string, checked: boolean): string {
  return `${checked ? "checked" : "plain"}\u0000${path}\u0000${source}`;
}
