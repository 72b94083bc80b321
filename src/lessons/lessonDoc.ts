/**
 * The reference tables of docs/authoring-lessons.md, generated from the schema and the check table so
 * the docs cannot drift from the code (test/lessons/docs.test.ts compares them).
 */
import { CHECK_KINDS, type CheckScope, QUALIFIERS } from "./checkSchema";
import { FRONT_MATTER_FIELDS, STEP_KINDS } from "./schema";

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function fieldTable(): string {
  const rows = Object.entries(FRONT_MATTER_FIELDS).map(([field, doc]) => `| \`${field}\` | ${cell(doc)} |`);
  return ["| Field | What it is |", "| --- | --- |", ...rows].join("\n");
}

const SCOPES: Record<CheckScope, string> = {
  window: "the window",
  state: "the machine now",
  combinator: "other checks",
};

export function checkTable(): string {
  const rows = Object.entries(CHECK_KINDS).map(([name, kind]) => {
    const qualifiers = kind.qualifiers
      .map((q) => `\`${q.name}\`${q.required ? " (required)" : ""}`)
      .join(", ");
    const summary = kind.summary;
    return `| \`${name}\` | ${cell(kind.takes)} | ${qualifiers || "none"} | ${SCOPES[kind.scope]} | ${cell(summary)} | \`${cell(kind.example)}\` |`;
  });
  return [
    "| Check | Takes | Other keys | Looks at | Met when | Example |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

export function qualifierTable(): string {
  const rows = Object.entries(QUALIFIERS).map(([name, q]) => `| \`${name}\` | ${cell(q.doc)} |`);
  return ["| Key | Meaning |", "| --- | --- |", ...rows].join("\n");
}

export function stepTable(): string {
  const rows = Object.entries(STEP_KINDS).map(([name, doc]) => `| \`${name}\` | ${cell(doc)} |`);
  return ["| Step | What it does |", "| --- | --- |", ...rows].join("\n");
}
