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
import { type BuildResult as BuildOutput, build } from "../toolchain/build";
import type { Image } from "../toolchain/image";
import { SYSTEM_FILES } from "./systemSources";

/** An image, or the build errors as text (file:line:col: error: message, with the line and a caret). */
export type BuildResult = Result<Image, string>;

const CACHE_LIMIT = 64;

/** A build as kept: the toolchain's output (image and every diagnostic) and the verdict loaders use. */
interface Kept {
  output: BuildOutput;
  result: BuildResult;
}

/** Builds of the unchanged system programs, shared by every kernel of this host. */
const systemBuilds = new Map<string, Kept>();

export class BuildCache {
  private readonly entries = new Map<string, Kept>();

  /** Builds `source` as `path`, or returns the kept result of the same build. */
  build(path: string, source: string, checked: boolean): BuildResult {
    if (!/\.(c|s)$/.test(path)) return err(`${path}: not a program (a .c or .s file)`);
    return this.kept(path, source, checked).result;
  }

  /**
   * The toolchain's whole output for this text (the editor shows its diagnostics): the same build a
   * later load of the same text uses, so a driver the editor built is not compiled again by insmod.
   */
  output(path: string, source: string, checked: boolean): BuildOutput {
    return this.kept(path, source, checked).output;
  }

  private kept(path: string, source: string, checked: boolean): Kept {
    const key = cacheKey(path, source, checked);
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const system = SYSTEM_FILES[path] === source;
    const shared = system ? systemBuilds.get(key) : undefined;
    if (shared !== undefined) return shared;
    const output = build(path, source, { checked });
    const errors = output.diagnostics.filter((d) => d.severity === "error");
    const result =
      output.image && errors.length === 0
        ? ok(output.image)
        : err(errors.map((d) => formatDiagnostic(d, source)).join("\n"));
    const value = { output, result };
    if (system) systemBuilds.set(key, value);
    else this.keep(key, value);
    return value;
  }

  /** How many builds this cache ran or holds (for tests of "build once"). */
  get size(): number {
    return this.entries.size;
  }

  private keep(key: string, value: Kept): void {
    if (this.entries.size >= CACHE_LIMIT) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }
}

function cacheKey(path: string, source: string, checked: boolean): string {
  return `${checked ? "checked" : "plain"}\u0000${path}\u0000${source}`;
}
