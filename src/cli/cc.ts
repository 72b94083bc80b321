/** `ringlab cc FILE.c [--checked]`: compile driver C and print the listing (C lines over their code). */
import { readFileSync } from "node:fs";
import { formatDiagnostic } from "../shared/diagnostic";
import { compile } from "../toolchain/c/index";
import type { Command } from "./main";
import { parseOptions } from "./options";

export const ccCommand: Command = {
  name: "cc",
  args: "FILE.c [--checked] [--base ADDRESS]",
  summary: "compile driver C; print the C lines interleaved with the code, or the errors (exit 2)",
  run(args, io) {
    const options = parseOptions(args, { checked: "flag", base: "u32" });
    if ("usage" in options) return options;
    const [file, ...rest] = options.positional;
    if (!file) return { usage: "missing the driver C file to compile" };
    if (rest.length > 0) return { usage: `one file at a time ('${file}' and '${rest[0]}' were given)` };
    if (!file.endsWith(".c")) return { usage: `${file}: expected a .c file (use 'asm' for assembly)` };
    const base = options.values.base as number | undefined;
    if (base !== undefined && base % 4096 !== 0)
      return { usage: `--base must be a multiple of 4096, not ${base}` };
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code ?? String(e);
      io.err(`ringlab cc: cannot read ${file} (${reason})`);
      return 2;
    }
    const result = compile(source, { file, checked: options.values.checked === true, base });
    for (const d of result.diagnostics) io.err(formatDiagnostic(d, source));
    if (!result.image) return 2;
    io.out(result.listing.trimEnd());
    return 0;
  },
};
