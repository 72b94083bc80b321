/**
 * Schema errors in plain sentences, at their place in the file: zod's issues turned into
 * `goals[2].check.restarted: expected a number, got "three"` at the line and column of that value.
 * One table by issue code; an unknown key gets a "did you mean" when one is close.
 */
import type { z } from "zod";
import { nearest } from "../toolchain/asm/suggestions";
import { CHECK_KIND_NAMES, QUALIFIERS } from "./checkSchema";
import { FRONT_MATTER_FIELDS, STEP_KINDS } from "./schema";
import { formatPath, type Path, type Position, type YamlSource } from "./yamlSource";

export interface SchemaError extends Position {
  /** The field's path, as formatPath writes it. */
  path: string;
  message: string;
  suggestion?: string;
}

type Issue = z.core.$ZodIssue & { input?: unknown };

/** How a value looks in a message. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "nothing (an empty value)";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

const NOUNS: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "a mapping (key: value lines)",
  record: "a mapping (key: value lines)",
};

/** Whether a message is one of zod's own (which we phrase ourselves) or one a schema gave. */
function isZodDefault(message: string): boolean {
  return /^(Invalid|Too (small|big)|Unrecognized)/.test(message);
}

function withInput(message: string, issue: Issue): string {
  return "input" in issue && issue.input !== undefined ? `${message}, got ${show(issue.input)}` : message;
}

function sizeMessage(issue: Issue, bound: "at least" | "at most", limit: unknown, origin: string): string {
  if (origin === "array") return `expected ${bound} ${limit} item${limit === 1 ? "" : "s"}`;
  if (origin === "string")
    return bound === "at least" && limit === 1
      ? "expected some text, got an empty value"
      : `expected ${bound} ${limit} characters`;
  return withInput(`expected ${bound === "at least" ? "a number >=" : "a number <="} ${limit}`, issue);
}

const MESSAGES: Record<string, (issue: Issue) => string> = {
  invalid_type: (issue) => {
    const expected = (issue as { expected?: string }).expected ?? "";
    const wanted = isZodDefault(issue.message) ? `expected ${NOUNS[expected] ?? expected}` : issue.message;
    return issue.input === undefined ? `missing: ${wanted}` : `${wanted}, got ${show(issue.input)}`;
  },
  invalid_value: (issue) => {
    const values = (issue as { values?: unknown[] }).values ?? [];
    return `expected ${values.length === 1 ? "" : "one of "}${values.map((v) => String(v)).join(", ")}, got ${show(issue.input)}`;
  },
  too_small: (issue) => {
    const i = issue as { minimum?: unknown; origin?: string };
    return sizeMessage(issue, "at least", i.minimum, i.origin ?? "");
  },
  too_big: (issue) => {
    const i = issue as { maximum?: unknown; origin?: string };
    return sizeMessage(issue, "at most", i.maximum, i.origin ?? "");
  },
  invalid_union: (issue) =>
    withInput(isZodDefault(issue.message) ? "not a valid value" : issue.message, issue),
  invalid_format: (issue) =>
    withInput(isZodDefault(issue.message) ? "not in the expected form" : issue.message, issue),
  custom: (issue) => issue.message,
};

/** Keys a mapping at this path may have, for "did you mean". */
function knownKeys(path: Path): string[] {
  const p = path.map((s) => (typeof s === "number" ? "[]" : String(s)));
  const last = p[p.length - 1];
  // Under a goal's check, every mapping is a check (all/any/sequence/not only hold checks).
  if (p[0] === "goals" && p[2] === "check") return [...CHECK_KIND_NAMES, ...Object.keys(QUALIFIERS)];
  if (
    (p[0] === "solution" && p.length === 2) ||
    (p[1] === "setup" && p.length === 3) ||
    (p[0] === "wrongTry" && p[1] === "steps" && p.length === 3)
  )
    return Object.keys(STEP_KINDS);
  if (last === "write") return ["file", "text"];
  if (last === "edit") return ["file", "find", "replace"];
  if (p[1] === "events" && p.length === 3) return ["t", "at", "kind", "pid", "name", "arg"];
  if (p[1] === "bootDrivers" && p.length === 3) return ["path", "mode"];
  const text = p.join(".").replace(/\.\[\]/g, "[]");
  const prefix = text ? `${text}.` : "";
  return Object.keys(FRONT_MATTER_FIELDS)
    .filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes("."))
    .map((f) => f.slice(prefix.length));
}

/** Every zod issue as a located, plain error; an issue about several keys becomes one error each. */
export function schemaErrors(issues: readonly z.core.$ZodIssue[], source: YamlSource): SchemaError[] {
  const errors: SchemaError[] = [];
  for (const raw of issues) {
    const issue = raw as Issue;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const suggestion = nearest(key, knownKeys(issue.path), true);
        errors.push({
          ...source.locate(path, "key"),
          path: formatPath(path),
          message: "unknown key",
          ...(suggestion ? { suggestion: `did you mean ${suggestion}?` } : {}),
        });
      }
      continue;
    }
    const atKey = issue.code === "custom" && (issue.params as { at?: string } | undefined)?.at === "key";
    const message = (MESSAGES[issue.code] ?? ((i: Issue) => i.message))(issue);
    let suggestion: string | undefined;
    if (issue.code === "invalid_value" && typeof issue.input === "string") {
      const close = nearest(issue.input, issue.values.map(String), true);
      if (close) suggestion = `did you mean ${close}?`;
    }
    if (issue.code === "invalid_union" && typeof issue.input === "string") {
      const options = issue.message.match(/[A-Z][A-Z0-9_]{3,}/g) ?? [];
      const close = nearest(issue.input, options, true);
      if (close) suggestion = `did you mean ${close}?`;
    }
    errors.push({
      ...source.locate(issue.path, atKey ? "key" : "value"),
      path: formatPath(issue.path),
      message,
      ...(suggestion ? { suggestion } : {}),
    });
  }
  return errors.sort((a, b) => a.line - b.line || a.col - b.col);
}
