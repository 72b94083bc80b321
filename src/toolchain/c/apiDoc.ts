/**
 * The tables of docs/kernel-api.md, printed from the code (the kernel API table, the event kinds, the
 * C library), so the reference cannot drift from what driver C declares. A test checks the file
 * between its markers, and that every service has its own section.
 */
import { KERNEL_SERVICES } from "../../shared/kernelApi";
import { EVENT_KINDS, LIBRARY_FUNCTIONS } from "./prelude";

export { headerTable } from "./headers";

export const markers = (name: string): [string, string] => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];

const cell = (text: string): string => text.replace(/\|/g, "\\|");

export function serviceTable(): string {
  const rows = KERNEL_SERVICES.map((s) => `| ${s.number} | \`${cell(s.prototype)}\` | ${cell(s.summary)} |`);
  return ["| Number | Prototype | Summary |", "| --- | --- | --- |", ...rows].join("\n");
}

export function eventKindTable(): string {
  const rows = EVENT_KINDS.map((k) => `| \`${k.name}\` | ${k.value} | ${k.about} | ${k.detail} |`);
  return ["| Kind | Value | `name` | `arg` |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

export function libraryTable(): string {
  const rows = LIBRARY_FUNCTIONS.map((f) => `| \`${cell(f.prototype)}\` | ${cell(f.summary)} |`);
  return ["| Prototype | What it does |", "| --- | --- |", ...rows].join("\n");
}

/** The block for a table, markers included. */
export function block(name: string, table: string): string {
  const [start, end] = markers(name);
  return `${start}\n${table}\n${end}`;
}
