/**
 * `ringlab verify FILE [--json] [--log]`: build a handler driver and ask the verifier whether it may
 * run in ring 0. Exit 0 accepted, 1 rejected, 2 usage or build error. The time in milliseconds is
 * measured and printed here only: the verifier itself never reads a clock.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { formatDiagnostic } from "../shared/diagnostic";
import { build } from "../toolchain/build";
import { formatReport, verify } from "../verifier/verify";
import type { Command } from "./main";
import { parseOptions } from "./options";

export const verifyCommand: Command = {
  name: "verify",
  args: "FILE [--json] [--log]",
  summary:
    "verify a handler driver for verified mode: exit 0 accepted, 1 rejected (with the reason), 2 errors",
  run(args, io) {
    const options = parseOptions(args, { json: "flag", log: "flag" });
    if ("usage" in options) return options;
    const [file, ...rest] = options.positional;
    if (!file) return { usage: "missing the driver to verify" };
    if (rest.length > 0) return { usage: `one file at a time ('${file}' and '${rest[0]}' were given)` };
    if (!file.endsWith(".c") && !file.endsWith(".s"))
      return { usage: `${file}: expected a .c (driver C) or .s (assembly) file` };
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code ?? String(e);
      io.err(`ringlab verify: cannot read ${file} (${reason})`);
      return 2;
    }
    // The driver is built as the kernel builds it: under its own name, at the default base.
    const { image, diagnostics } = build(basename(file), source);
    for (const d of diagnostics) if (d.severity === "error" || !image) io.err(formatDiagnostic(d, source));
    if (!image) return 2;
    const log = options.values.log === true;
    const start = performance.now();
    const report = verify(image, { log });
    const ms = Math.round((performance.now() - start) * 100) / 100;
    if (options.values.json === true) {
      const { accepted, instructions, states, messages } = report;
      const json: Record<string, unknown> = {
        accepted,
        instructions,
        states,
        ms,
        messages: messages.map((m) => ({
          file: m.file,
          line: m.line,
          col: m.col,
          message: m.message,
          suggestion: m.suggestion ?? null,
        })),
      };
      if (log) json.log = report.log ?? [];
      io.out(JSON.stringify(json));
    } else {
      if (log) io.out((report.log ?? []).join("\n"));
      io.out(formatReport(report, ms));
    }
    return report.accepted ? 0 : 1;
  },
};
