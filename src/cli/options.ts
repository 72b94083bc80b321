/** A small option parser for the CLI: --name VALUE, --name=VALUE and --flag, with clear usage errors. */
export type OptionKind = "flag" | "string" | "number";

export interface ParsedOptions {
  positional: string[];
  values: Record<string, string | number | boolean>;
}

export function parseOptions(
  args: readonly string[],
  spec: Record<string, OptionKind>,
): ParsedOptions | { usage: string } {
  const positional: string[] = [];
  const values: Record<string, string | number | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const kind = spec[name];
    if (kind === undefined) return { usage: `unknown option --${name}` };
    if (kind === "flag") {
      if (inline !== undefined) return { usage: `--${name} takes no value` };
      values[name] = true;
      continue;
    }
    const raw = inline ?? args[++i];
    if (raw === undefined) return { usage: `--${name} needs a value` };
    if (kind === "number") {
      const n = Number(raw);
      if (!Number.isSafeInteger(n) || n < 0)
        return { usage: `--${name} needs a whole number >= 0, not '${raw}'` };
      values[name] = n;
    } else values[name] = raw;
  }
  return { positional, values };
}
