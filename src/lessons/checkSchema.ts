/**
 * Goal checks as data: the table of check kinds, what each one takes, and the zod schema that reads
 * them from a lesson's front matter.
 *
 * A check is a YAML mapping with exactly one *kind* key (`bugcheck`, `restarted`, `all`, ...) whose
 * value is the check's main argument, plus the *qualifier* keys that kind allows:
 *
 *   check: { restarted: 2, driver: sensor.sys }
 *   check: { bugcheck: PAGE_FAULT_IN_NONPAGED_AREA, module: sensor.sys }
 *   check: { all: [ { alive: bank }, { noBugcheck: true }, { cyclesElapsed: 2000000 } ] }
 *
 * What each kind means when evaluated is in checkEval.ts; docs/authoring-lessons.md is checked
 * against this table by a test, so the reference there cannot drift from it.
 */
import { z } from "zod";
import { STOP_CODES, type StopCodeName } from "../kernel/stopCodes";

export const STOP_CODE_NAMES = Object.keys(STOP_CODES) as [StopCodeName, ...StopCodeName[]];
export const DRIVER_MODES = ["kernel", "user", "verified"] as const;
export const DRIVER_STATES = ["running", "restarting", "failed", "exited", "unloaded"] as const;

/** Keys that refine a check; which kinds take which is in CHECK_KINDS. */
export const QUALIFIERS = {
  module: {
    schema: z.string().min(1),
    doc: "the module the bluescreen names (a driver name such as sensor.sys)",
  },
  duringBoot: { schema: z.boolean(), doc: "true: only a crash during boot counts; false: only one after it" },
  driver: { schema: z.string().min(1), doc: "the driver's name as lsmod shows it (sensor.sys)" },
  mode: { schema: z.enum(DRIVER_MODES), doc: "kernel, user or verified" },
  reason: {
    schema: z.string().min(1),
    doc: "text the kernel's message about it must contain (page fault, privileged instruction, index out of bounds, ...)",
  },
  text: { schema: z.string().min(1), doc: "text the file must contain" },
  recovery: {
    schema: z.boolean(),
    doc: "true: only safe mode chosen on the recovery screen (which the machine starts after two failed boots in a row) counts; false: only safe mode asked for directly",
  },
  sinceLoad: {
    schema: z.string().min(1),
    doc: "any check: look only from the last load of this driver in the window on (not met until it is loaded); a failed try before it no longer counts",
  },
  crashedAtMost: {
    schema: z.int().min(0),
    doc: "the most machines of the fleet that may crash (a whole number, 0 for none)",
  },
  haltedAtRing: {
    schema: z.int().min(1),
    doc: "the ring (1 for the first) at which the health gate must halt the rollout",
  },
  source: { schema: z.string().min(1), doc: "text the source line pc is on must contain (pausedAt)" },
} as const;

export type QualifierName = keyof typeof QUALIFIERS;

/** Qualifiers every kind takes, whatever its own list says. */
export const SCOPE_QUALIFIERS: readonly QualifierName[] = ["sinceLoad"];

/**
 * What a kind looks at: "window", what happened since the goal became active (events, console output,
 * machine time); "state", the machine as it is at the moment of evaluation; "combinator", other checks.
 */
export type CheckScope = "window" | "state" | "combinator";

export interface CheckKind {
  /** What the kind key takes, in words, for the reference. */
  takes: string;
  value: () => z.ZodType;
  qualifiers: readonly { name: QualifierName; required: boolean }[];
  scope: CheckScope;
  /** One sentence: when the check is met. */
  summary: string;
  /** A complete check in YAML flow style, for the reference. */
  example: string;
}

const count = () => z.int().min(1);
const name = () => z.string().min(1);
const path = () => z.string().regex(/^\//, { error: "expected an absolute path starting with /" });
const yes = () => z.literal(true, { error: "expected true" });
const checks = () => z.array(checkSchema).min(1);

/** The check kinds: one table drives the schema, the evaluator and the reference in the docs. */
export const CHECK_KINDS = {
  bugcheck: {
    takes: "true, or a stop code name",
    value: () =>
      z.union([z.literal(true), z.enum(STOP_CODE_NAMES)], {
        error: `expected true or a stop code (${STOP_CODE_NAMES.join(", ")})`,
      }),
    qualifiers: [
      { name: "module", required: false },
      { name: "duringBoot", required: false },
      { name: "reason", required: false },
    ],
    scope: "window",
    summary:
      "the machine bugchecked (with this stop code, naming this module, during or after boot, with this text in its message: each if given).",
    example: "{ bugcheck: PAGE_FAULT_IN_NONPAGED_AREA, module: sensor.sys }",
  },
  noBugcheck: {
    takes: "true",
    value: yes,
    qualifiers: [],
    scope: "window",
    summary:
      "no bugcheck happened in the window. True at once when the goal becomes active, so combine it with something that takes time, such as cyclesElapsed.",
    example: "{ all: [ { noBugcheck: true }, { cyclesElapsed: 2000000 } ] }",
  },
  alive: {
    takes: "a process or driver name",
    value: name,
    qualifiers: [],
    scope: "state",
    summary:
      "the machine is running and a driver of that name is running (not crashed, restarting or given up), or a process of that name is alive.",
    example: "{ alive: bank }",
  },
  loaded: {
    takes: "a driver name",
    value: name,
    qualifiers: [{ name: "mode", required: false }],
    scope: "window",
    summary: "the driver was loaded (in this mode, if given).",
    example: "{ loaded: sensor.sys, mode: kernel }",
  },
  crashed: {
    takes: "a count N",
    value: count,
    qualifiers: [{ name: "driver", required: true }],
    scope: "window",
    summary:
      "the driver crashed at least N times: a user-mode driver's process died, or the machine bugchecked naming the driver.",
    example: "{ crashed: 1, driver: pipes.sys }",
  },
  restarted: {
    takes: "a count N",
    value: count,
    qualifiers: [{ name: "driver", required: true }],
    scope: "window",
    summary: "the kernel restarted the driver at least N times.",
    example: "{ restarted: 2, driver: pipes.sys }",
  },
  gaveUp: {
    takes: "a driver name",
    value: name,
    qualifiers: [],
    scope: "window",
    summary: "the restart policy gave up on the driver after repeated failures.",
    example: "{ gaveUp: watcher.sys }",
  },
  faulted: {
    takes: "a process name",
    value: name,
    qualifiers: [{ name: "reason", required: false }],
    scope: "window",
    summary: "the kernel stopped the process for a fault (whose message contains reason, if given).",
    example: "{ faulted: poke, reason: page fault }",
  },
  requestTerminated: {
    takes: "a driver name",
    value: name,
    qualifiers: [],
    scope: "window",
    summary: "a request the driver was working on completed with DRIVER_PROCESS_TERMINATED.",
    example: "{ requestTerminated: pipes.sys }",
  },
  handled: {
    takes: "a count N",
    value: count,
    qualifiers: [
      { name: "driver", required: true },
      { name: "mode", required: false },
    ],
    scope: "state",
    summary:
      "the driver has been handed at least N events since it was last loaded (by insmod, or at boot), counting across the restarts of that load; a reboot or a new insmod starts again from 0.",
    example: "{ handled: 40, driver: sensor.sys, mode: user }",
  },
  restarts: {
    takes: "a count N",
    value: count,
    qualifiers: [{ name: "driver", required: true }],
    scope: "state",
    summary:
      "the kernel has restarted the driver at least N times since it was last loaded (its RESTARTS in lsmod); a reboot or a new insmod starts again from 0.",
    example: "{ restarts: 2, driver: pipes.sys }",
  },
  driverState: {
    takes: "a driver state: running, restarting, failed, exited or unloaded",
    value: () => z.enum(DRIVER_STATES),
    qualifiers: [{ name: "driver", required: true }],
    scope: "state",
    summary:
      "the driver, as last loaded, is in this state now (its STATE in lsmod): restarting while a restart is due, failed once the restart policy gave up.",
    example: "{ driverState: failed, driver: watcher.sys }",
  },
  verifierAccepted: {
    takes: "a driver name",
    value: name,
    qualifiers: [],
    scope: "window",
    summary: "the verifier accepted the driver (insmod --mode verified; docs/verifier.md).",
    example: "{ verifierAccepted: sensor.sys }",
  },
  verifierRejected: {
    takes: "a driver name",
    value: name,
    qualifiers: [],
    scope: "window",
    summary: "the verifier refused the driver: it was not loaded (insmod --mode verified; docs/verifier.md).",
    example: "{ verifierRejected: sensor.sys }",
  },
  pausedAt: {
    takes: "a C function name",
    value: name,
    qualifiers: [{ name: "source", required: false }],
    scope: "state",
    summary:
      "the learner went back in time (the machine stands in the past) and pc is in that function, on a line containing the source text.",
    example: '{ pausedAt: matches, source: "inputs->value[field]" }',
  },
  fileExists: {
    takes: "a path",
    value: path,
    qualifiers: [],
    scope: "state",
    summary: "the file is on the disk.",
    example: "{ fileExists: /drivers/sensor.c }",
  },
  fileContains: {
    takes: "a path",
    value: path,
    qualifiers: [{ name: "text", required: true }],
    scope: "state",
    summary: "the file is on the disk and contains the text.",
    example: '{ fileContains: /drivers/sensor.c, text: "field < IPC_VALUES" }',
  },
  fileAbsent: {
    takes: "a path",
    value: path,
    qualifiers: [],
    scope: "state",
    summary: "the file is not on the disk.",
    example: "{ fileAbsent: /sensor/C-00000291.dat }",
  },
  console: {
    takes: "text",
    value: name,
    qualifiers: [],
    scope: "window",
    summary: "the console printed the text since the goal became active.",
    example: '{ console: "feed ended" }',
  },
  safeMode: {
    takes: "true",
    value: yes,
    qualifiers: [{ name: "recovery", required: false }],
    scope: "window",
    summary:
      "the machine booted in safe mode (chosen on the recovery screen after repeated failed boots, if recovery is true).",
    example: "{ safeMode: true }",
  },
  cleanBoots: {
    takes: "a count N",
    value: count,
    qualifiers: [],
    scope: "window",
    summary:
      "N normal (not safe-mode) boots in a row got through the boot phase (the first second) without a bugcheck.",
    example: "{ cleanBoots: 2 }",
  },
  cyclesElapsed: {
    takes: "a number of cycles",
    value: count,
    qualifiers: [],
    scope: "window",
    summary: "the machine has run this many cycles (1,000,000 = one second) in the window, across reboots.",
    example: "{ cyclesElapsed: 2000000 }",
  },
  fleet: {
    takes: "a policy file's path",
    value: path,
    qualifiers: [
      { name: "crashedAtMost", required: true },
      { name: "haltedAtRing", required: false },
      { name: "mode", required: false },
    ],
    scope: "state",
    summary:
      "the fleet (docs/fleet.md: the default population, seed 1), running /drivers/sensor.c in this mode (kernel if not given) with /updates/C-00000291-0409.dat pushed under the policy in this file and /updates/C-00000291-0527.dat as the fix, crashes at most crashedAtMost machines (and the health gate halts it at this ring, if given).",
    example: "{ fleet: /fleet/policy.yaml, crashedAtMost: 50000, haltedAtRing: 1 }",
  },
  all: {
    takes: "a list of checks",
    value: checks,
    qualifiers: [],
    scope: "combinator",
    summary: "every check in the list is met.",
    example: "{ all: [ { alive: bank }, { cyclesElapsed: 1000000 } ] }",
  },
  any: {
    takes: "a list of checks",
    value: checks,
    qualifiers: [],
    scope: "combinator",
    summary: "at least one check in the list is met.",
    example: "{ any: [ { safeMode: true }, { cleanBoots: 1 } ] }",
  },
  not: {
    takes: "a check",
    value: () => checkSchema,
    qualifiers: [],
    scope: "combinator",
    summary: "the check is not met.",
    example: "{ not: { alive: sensor.sys } }",
  },
  sequence: {
    takes: "a list of checks",
    value: checks,
    qualifiers: [],
    scope: "combinator",
    summary:
      "the checks are met in this order: each one is evaluated over the events after the one before it was met.",
    example: "{ sequence: [ { crashed: 1, driver: pipes.sys }, { restarted: 1, driver: pipes.sys } ] }",
  },
} satisfies Record<string, CheckKind>;

export type CheckKindName = keyof typeof CHECK_KINDS;
export const CHECK_KIND_NAMES = Object.keys(CHECK_KINDS) as CheckKindName[];

/** A check as written in a lesson (the validated YAML mapping). */
export interface CheckSpec {
  bugcheck?: true | StopCodeName;
  noBugcheck?: true;
  alive?: string;
  loaded?: string;
  crashed?: number;
  restarted?: number;
  gaveUp?: string;
  faulted?: string;
  requestTerminated?: string;
  handled?: number;
  restarts?: number;
  driverState?: (typeof DRIVER_STATES)[number];
  verifierAccepted?: string;
  verifierRejected?: string;
  pausedAt?: string;
  fileExists?: string;
  fileContains?: string;
  fileAbsent?: string;
  console?: string;
  safeMode?: true;
  cleanBoots?: number;
  cyclesElapsed?: number;
  fleet?: string;
  all?: CheckSpec[];
  any?: CheckSpec[];
  not?: CheckSpec;
  sequence?: CheckSpec[];
  module?: string;
  duringBoot?: boolean;
  driver?: string;
  mode?: (typeof DRIVER_MODES)[number];
  reason?: string;
  text?: string;
  recovery?: boolean;
  sinceLoad?: string;
  crashedAtMost?: number;
  haltedAtRing?: number;
  source?: string;
}

/** The kind key of a validated check. */
export function kindOf(check: CheckSpec): CheckKindName {
  return CHECK_KIND_NAMES.find((k) => check[k] !== undefined) as CheckKindName;
}

function checkShape(): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const kind of CHECK_KIND_NAMES) {
    const value: () => z.ZodType = CHECK_KINDS[kind].value;
    shape[kind] = z.lazy(value).optional();
  }
  for (const [qualifier, { schema }] of Object.entries(QUALIFIERS)) shape[qualifier] = schema.optional();
  return shape;
}

/**
 * Refinements run whenever the value is a mapping, even when a field inside it was wrong, so that a
 * lesson's errors all come at once rather than one layer at a time. They must trust no type.
 */
export const WHEN_A_MAPPING = {
  when: (payload: { value: unknown }) =>
    typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value),
};

/** A check: one kind key, the qualifiers that kind allows, nothing else. */
export const checkSchema: z.ZodType<CheckSpec> = z.lazy(() =>
  z.strictObject(checkShape(), { error: checkTypeError }).superRefine((value, ctx) => {
    const record = value as Record<string, unknown>;
    const kinds = CHECK_KIND_NAMES.filter((k) => record[k] !== undefined);
    if (kinds.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: `a check needs one kind: ${CHECK_KIND_NAMES.join(", ")}`,
        path: [],
      });
      return;
    }
    if (kinds.length > 1) {
      ctx.addIssue({
        code: "custom",
        message: `a check has one kind, this one has ${kinds.length} (${kinds.join(", ")}); combine checks with all: [...]`,
        path: [kinds[1]],
        params: { at: "key" },
      });
      return;
    }
    const kind = CHECK_KINDS[kinds[0]];
    const allowed = new Set<string>([...kind.qualifiers.map((q) => q.name), ...SCOPE_QUALIFIERS]);
    for (const qualifier of Object.keys(QUALIFIERS)) {
      if (record[qualifier] !== undefined && !allowed.has(qualifier)) {
        const takes = kind.qualifiers.length
          ? `it takes ${kind.qualifiers.map((q) => q.name).join(", ")}`
          : "it takes no other keys";
        ctx.addIssue({
          code: "custom",
          message: `${kinds[0]} does not take ${qualifier}; ${takes}`,
          path: [qualifier],
          params: { at: "key" },
        });
      }
    }
    for (const q of kind.qualifiers) {
      if (q.required && record[q.name] === undefined)
        ctx.addIssue({
          code: "custom",
          message: `${kinds[0]} needs ${q.name}: ${QUALIFIERS[q.name].doc}`,
          path: [],
        });
    }
  }, WHEN_A_MAPPING),
) as z.ZodType<CheckSpec>;

function checkTypeError(issue: { input?: unknown; code?: string }): string | undefined {
  if (issue.code === "invalid_type") return "expected a check, a mapping such as { alive: bank }";
  return undefined;
}
