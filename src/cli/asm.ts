/** `ringlab asm FILE.s [--base ADDRESS]`: assemble a file and print its listing and image summary. */

import { readFileSync } from "node:fs";
import { formatDiagnostic } from "../shared/diagnostic";
import { assemble } from "../toolchain/asm";
import { formatImageSummary, formatListing } from "../toolchain/listing";
import type { Command, UsageError } from "./main";

const misuse = (usage: string): UsageError => ({ usage });

function parseArgs(args: readonly string[]): { file: string; base?: number } | UsageError {
  let file: string | undefined;
  let base: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--base") {
      const text = args[++i];
      const value = text === undefined ? Number.NaN : Number(text);
      if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
        return misuse(`--base needs an address such as 0x400000, not '${text ?? ""}'`);
      }
      base = value;
    } else if (arg.startsWith("-")) return misuse(`unknown option '${arg}'`);
    else if (file !== undefined) return misuse(`one file at a time ('${file}' and '${arg}' were given)`);
    else file = arg;
  }
  if (file === undefined) return misuse("missing the assembly file to assemble");
  return { file, base };
}

export const asmCommand: Command = {
  name: "asm",
  args: "FILE.s [--base ADDRESS]",
  summary: "assemble a file; print its listing, or its errors (exit 2)",
  run(args, io) {
    const parsed = parseArgs(args);
    if ("usage" in parsed) return parsed;
    let source: string;
    try {
      source = readFileSync(parsed.file, "utf8");
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code ?? String(e);
      io.err(`ringlab asm: cannot read ${parsed.file} (${reason})`);
      return 2;
    }
    const result = assemble(source, { file: parsed.file, base: parsed.base });
    for (const d of result.diagnostics) io.err(formatDiagnostic(d, source));
    if (!result.image) return 2;
    io.out(formatListing(result));
    io.out("");
    io.out(formatImageSummary(result.image));
    return 0;
  },
};
