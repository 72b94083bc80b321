/**
 * The arguments `run` and `analyze` share: one driver FILE, the mode it loads in, checked mode, an
 * event file, the cycles, the seed and --json. Read and built once here, so that a usage error or a
 * source that cannot be built is said before any machine boots.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseEventFeed } from "../kernel/eventFeed";
import { Disk } from "../machine/devices/disk";
import type { SensorEvent } from "../machine/devices/eventSource";
import { formatDiagnostic } from "../shared/diagnostic";
import { build } from "../toolchain/build";
import type { CliIo, UsageError } from "./main";
import { parseOptions } from "./options";

/** Enough for the default event feed to end (about 4 s) and a crashing user-mode driver to restart. */
export const DEFAULT_RUN_CYCLES = 6_000_000;

export interface DriverRunArgs<Mode extends string> {
  /** The file's name without its folder, as the driver is known on the machine's disk. */
  file: string;
  source: string;
  mode: Mode;
  checked: boolean;
  events: SensorEvent[] | undefined;
  cycles: number;
  seed: number;
  json: boolean;
}

/** The arguments, or what to return: a usage error, or 2 after printing why the file cannot run. */
export function parseDriverRunArgs<Mode extends string>(
  command: string,
  args: readonly string[],
  io: CliIo,
  modes: readonly Mode[],
  defaultMode: Mode,
): DriverRunArgs<Mode> | UsageError | number {
  const options = parseOptions(args, {
    mode: "string",
    checked: "flag",
    events: "string",
    cycles: "number",
    seed: "u32",
    json: "flag",
  });
  if ("usage" in options) return options;
  const [file, ...rest] = options.positional;
  if (!file || rest.length > 0) return { usage: `${command} needs exactly one FILE` };
  const mode = (options.values.mode as string | undefined) ?? defaultMode;
  if (!(modes as readonly string[]).includes(mode))
    return { usage: `--mode must be ${modeList(modes)}, not '${mode}'` };
  if (!/\.(c|s)$/.test(file)) return { usage: `${file}: expected a .c or .s file` };
  const checked = options.values.checked === true;
  const source = readDriverSource(file, checked, io);
  if (source === undefined) return 2;
  let events: SensorEvent[] | undefined;
  if (typeof options.values.events === "string") {
    events = loadEvents(options.values.events, io);
    if (events === undefined) return 2;
  }
  return {
    file: basename(file),
    source,
    mode: mode as Mode,
    checked,
    events,
    cycles: (options.values.cycles as number | undefined) ?? DEFAULT_RUN_CYCLES,
    seed: (options.values.seed as number | undefined) ?? 1,
    json: options.values.json === true,
  };
}

/** "kernel or user", "kernel, user or verified". */
function modeList(modes: readonly string[]): string {
  return modes.length === 1 ? modes[0] : `${modes.slice(0, -1).join(", ")} or ${modes[modes.length - 1]}`;
}

/**
 * Reads a driver's source for run and analyze and builds it once, so that what cannot be loaded is
 * said before any machine boots: the source, or undefined after printing why (exit status 2).
 */
export function readDriverSource(file: string, checked: boolean, io: CliIo): string | undefined {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    io.err(`${file}:1:1: error: cannot read the file`);
    return undefined;
  }
  // The driver goes onto the machine's disk: one that cannot hold it would only say "no such file".
  const size = new TextEncoder().encode(source).length;
  if (size > Disk.MAX_FILE_BYTES) {
    io.err(
      `${file}:1:1: error: the file is ${size} bytes; the machine's disk holds files of at most ${Disk.MAX_FILE_BYTES} bytes (1 MiB)`,
    );
    return undefined;
  }
  const built = build(file, source, { checked });
  if (built.diagnostics.some((d) => d.severity === "error") || !built.image) {
    for (const d of built.diagnostics) io.err(formatDiagnostic(d, source));
    return undefined;
  }
  return source;
}

export function loadEvents(path: string, io: CliIo): SensorEvent[] | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    io.err(`${path}:1:1: error: cannot read the event file`);
    return undefined;
  }
  const { events, errors, moreErrors } = parseEventFeed(text);
  for (const e of errors) io.err(`${path}:${e.line}:1: error: ${e.message}`);
  if (moreErrors > 0) io.err(`${path}: ... and ${moreErrors} more errors`);
  return errors.length > 0 ? undefined : events;
}
