/**
 * The `ringlab` command line: a table of commands over the same core the page uses. Adding a command
 * is one entry in COMMANDS. Usage mistakes print one clear line and the usage, and exit with 2.
 */

import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { analyzeCommand } from "./analyze";
import { asmCommand } from "./asm";
import { ccCommand } from "./cc";
import { execCommand } from "./exec";
import { fleetCommand } from "./fleet";
import { lessonCommand } from "./lesson";
import { runCommand } from "./run";
import { shellCommand } from "./shell";
import { verifyCommand } from "./verify";

/** Where a command writes; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** A command's answer to a misuse, printed as one line followed by the usage. */
export interface UsageError {
  usage: string;
}

export interface Command {
  name: string;
  /** Arguments after the command name, as in the usage: "FILE.s [--base ADDRESS]". */
  args: string;
  summary: string;
  /** The exit code, or a UsageError. */
  run(args: readonly string[], io: CliIo): number | UsageError | Promise<number | UsageError>;
}

export const COMMANDS: readonly Command[] = [
  asmCommand,
  ccCommand,
  runCommand,
  execCommand,
  analyzeCommand,
  verifyCommand,
  shellCommand,
  lessonCommand,
  fleetCommand,
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => `${c.name} ${c.args}`.length));
  const lines = COMMANDS.map((c) => `  ${`${c.name} ${c.args}`.padEnd(width)}  ${c.summary}`);
  return ["usage: ringlab <command> [arguments]", "", "commands:", ...lines].join("\n");
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === "help" || name === "--help" || name === "-h") {
    io.out(usage());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  const result: number | UsageError =
    name === undefined
      ? { usage: "missing command" }
      : command
        ? await command.run(args, io)
        : { usage: `unknown command '${name}'` };
  if (typeof result === "number") return result;
  io.err(`ringlab${command ? ` ${command.name}` : ""}: ${result.usage}\n${usage()}`);
  return 2;
}

const nodeIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  runCli(process.argv.slice(2), nodeIo).then((code) => {
    process.exitCode = code;
  });
}
