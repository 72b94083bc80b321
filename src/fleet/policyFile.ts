/**
 * A policy file: YAML, validated with zod, with every error at its place (FILE:LINE:COL: path:
 * sentence), the way lesson files report theirs. The format is documented in docs/fleet.md.
 *
 *   name: three rings
 *   rings:
 *     - { percent: 1, soakMinutes: 120 }
 *     - { percent: 99 }
 *   healthGate: { threshold: 0.5, telemetryMinutes: 10 }
 *   rollbackMinutes: 10
 */
import { z } from "zod";
import { formatPath, type Position, YamlSource } from "../shared/yamlSource";
import type { Policy } from "./policy";

export interface PolicyError extends Position {
  path: string;
  message: string;
}

/** Run the sum check even when a field is wrong, so that every error comes at once. */
const WHEN_A_MAPPING = {
  when: (payload: { value: unknown }) =>
    typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value),
};

const minutes = () => z.number().min(0).max(14_400);

const policySchema = z
  .strictObject({
    name: z.string().min(1).max(80).optional(),
    rings: z
      .array(
        z.strictObject({
          percent: z.number().gt(0).max(100),
          soakMinutes: minutes().optional(),
        }),
      )
      .min(1)
      .max(12),
    healthGate: z
      .strictObject({
        threshold: z.number().gt(0).max(100),
        telemetryMinutes: minutes().optional(),
      })
      .optional(),
    rollbackMinutes: minutes().optional(),
    revertAfterMinutes: minutes().optional(),
    automaticRecovery: z.boolean().optional(),
  })
  .superRefine((policy, ctx) => {
    const rings = Array.isArray(policy.rings) ? policy.rings : [];
    const total = rings.reduce((sum, r) => sum + (typeof r?.percent === "number" ? r.percent : 0), 0);
    if (rings.length > 0 && Math.abs(total - 100) > 0.001)
      ctx.addIssue({
        code: "custom",
        message: `the rings' percents must add up to 100, they add up to ${Math.round(total * 1000) / 1000}`,
        path: ["rings"],
      });
  }, WHEN_A_MAPPING);

const NOUNS: Record<string, string> = {
  number: "a number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
};

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

/** A zod issue in a plain sentence. */
function sentence(issue: z.core.$ZodIssue & { input?: unknown }): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? `missing: expected ${NOUNS[issue.expected] ?? issue.expected}`
        : `expected ${NOUNS[issue.expected] ?? issue.expected}, got ${show(issue.input)}`;
    case "too_small":
      if (issue.origin === "array") return `expected at least ${issue.minimum} item`;
      if (issue.origin === "string") return "expected some text";
      return `expected a number ${issue.inclusive === false ? ">" : ">="} ${issue.minimum}, got ${show(issue.input)}`;
    case "too_big":
      if (issue.origin === "array") return `expected at most ${issue.maximum} items`;
      if (issue.origin === "string") return `expected at most ${issue.maximum} characters`;
      return `expected a number <= ${issue.maximum}, got ${show(issue.input)}`;
    default:
      return issue.message;
  }
}

const KEYS: Record<string, string[]> = {
  "": ["name", "rings", "healthGate", "rollbackMinutes", "revertAfterMinutes", "automaticRecovery"],
  ring: ["percent", "soakMinutes"],
  healthGate: ["threshold", "telemetryMinutes"],
};

/** A YAML message that quotes a whole token (a paragraph, when the file is not YAML) cut to its start. */
function shortened(message: string): string {
  return message.replace(/: "(.{40}).*"$/s, ': "$1…"');
}

/** Parses and validates a policy file; `file` is only for the errors. */
export function parsePolicy(file: string, text: string): { policy: Policy } | { errors: PolicyError[] } {
  const source = new YamlSource(text, 1);
  const problems = source.problems();
  if (problems.length > 0)
    return { errors: problems.map((p) => ({ ...p, path: "", message: shortened(p.message) })) };
  const value = source.value();
  const parsed = policySchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    const errors: PolicyError[] = [];
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        const where =
          typeof issue.path[0] === "number" || issue.path[0] === "rings"
            ? "ring"
            : String(issue.path[0] ?? "");
        for (const key of issue.keys)
          errors.push({
            ...source.locate([...issue.path, key], "key"),
            path: formatPath([...issue.path, key]),
            message: `unknown key (expected one of ${(KEYS[where] ?? KEYS[""]).join(", ")})`,
          });
        continue;
      }
      errors.push({ ...source.locate(issue.path), path: formatPath(issue.path), message: sentence(issue) });
    }
    return { errors: errors.sort((a, b) => a.line - b.line || a.col - b.col) };
  }
  const p = parsed.data;
  return {
    policy: {
      name: p.name ?? file.split(/[\\/]/).pop() ?? file,
      rings: p.rings.map((r) => ({ percent: r.percent, soakMinutes: r.soakMinutes ?? 0 })),
      healthGate: p.healthGate
        ? { thresholdPercent: p.healthGate.threshold, telemetryMinutes: p.healthGate.telemetryMinutes ?? 0 }
        : null,
      rollbackMinutes: p.rollbackMinutes ?? 0,
      revertAfterMinutes: p.revertAfterMinutes ?? null,
      automaticRecovery: p.automaticRecovery ?? false,
    },
  };
}

export function formatPolicyError(file: string, e: PolicyError): string {
  return `${file}:${e.line}:${e.col}: ${e.path ? `${e.path}: ` : ""}${e.message}`;
}

/** A policy as the YAML a learner edits (parsePolicy reads it back as the same policy). */
export function policyToYaml(policy: Policy): string {
  const lines = [`name: ${JSON.stringify(policy.name)}`, "rings:"];
  for (const ring of policy.rings)
    lines.push(
      `  - { percent: ${ring.percent}${ring.soakMinutes ? `, soakMinutes: ${ring.soakMinutes}` : ""} }`,
    );
  if (policy.healthGate)
    lines.push(
      `healthGate: { threshold: ${policy.healthGate.thresholdPercent}, telemetryMinutes: ${policy.healthGate.telemetryMinutes} }`,
    );
  if (policy.rollbackMinutes) lines.push(`rollbackMinutes: ${policy.rollbackMinutes}`);
  if (policy.revertAfterMinutes !== null) lines.push(`revertAfterMinutes: ${policy.revertAfterMinutes}`);
  if (policy.automaticRecovery) lines.push("automaticRecovery: true");
  return `${lines.join("\n")}\n`;
}
