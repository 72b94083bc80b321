/** Tables for docs/kernel.md, generated from the code so the docs cannot drift (a test compares them). */
import { COMMANDS } from "./shell/commands";
import { STOP_CODES } from "./stopCodes";

export function stopCodeTable(): string {
  const rows = Object.values(STOP_CODES).map(
    (s) =>
      `| ${s.name} | 0x${s.code.toString(16).toUpperCase()} | ${s.explanation} | ${s.parameters.join("; ")} |`,
  );
  return ["| Stop code | Number | When | Parameters 1-4 |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

export function shellCommandTable(): string {
  const rows = COMMANDS.map((c) => `| \`${c.usage.replace(/\|/g, "\\|")}\` | ${c.help} |`);
  return ["| Command | What it does |", "| --- | --- |", ...rows].join("\n");
}
