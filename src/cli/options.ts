/**
 * A small option parser for the CLI: --name VALUE, --name=VALUE and --flag, with clear usage errors.
 *
 * Numbers are written in digits (decimal, or hexadecimal after 0x; an exponent such as 3e8 is allowed
 * for cycle counts) and must be whole and in range: `--cycles ""` is not 0 cycles and
 * `--seed 4294967296` is not seed 0, both are usage errors. A "number" is from 0 to 2^53 - 1; a "u32"
 * (a seed, an address) from 0 to 4294967295.
 */
export type OptionKind = "flag" | "string" | "number" | "u32";

export interface ParsedOptions {
  positional: string[];
  values: Record<string, string | number | boolean>;
}

const NUMBER_SYNTAX = /^(0[xX][0-9a-fA-F]+|[0-9]+(\.[0-9]+)?([eE]\+?[0-9]+)?)$/;
const U32_MAX = 0xffff_ffff;

/** The value of a numeric option's text, or why it is not one. */
export function parseWholeNumber(raw: string, max = Number.MAX_SAFE_INTEGER): number | { error: string } {
  const range = max === U32_MAX ? "from 0 to 4294967295" : ">= 0";
  const n = NUMBER_SYNTAX.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0 || n > max)
    return {
      error: `needs a whole number ${range}, not '${raw.length > 40 ? `${raw.slice(0, 37)}...` : raw}'`,
    };
  return n;
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
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (kind === undefined) return { usage: `unknown option --${name}` };
    if (kind === "flag") {
      if (inline !== undefined) return { usage: `--${name} takes no value` };
      values[name] = true;
      continue;
    }
    const raw = inline ?? args[++i];
    if (raw === undefined) return { usage: `--${name} needs a value` };
    if (kind === "number" || kind === "u32") {
      const n = parseWholeNumber(raw, kind === "u32" ? U32_MAX : Number.MAX_SAFE_INTEGER);
      if (typeof n !== "number") return { usage: `--${name} ${n.error}` };
      values[name] = n;
    } else values[name] = raw;
  }
  return { positional, values };
}
