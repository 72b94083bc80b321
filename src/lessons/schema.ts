/**
 * The front matter of a lesson file, as a zod schema. Every object is strict: an unknown key is an
 * error (it is almost always a typo). The reference in docs/authoring-lessons.md is checked against
 * FRONT_MATTER_FIELDS by a test.
 */
import { z } from "zod";
import { EVENT_KIND_RANGE, EVENT_KINDS, EVENT_PID_RANGE } from "../kernel/eventFeed";
import { CYCLES_PER_SECOND } from "../kernel/layout";
import { type CheckSpec, checkSchema, WHEN_A_MAPPING } from "./checkSchema";

export const LEVELS = ["beginner", "intermediate", "advanced"] as const;
export const REBOOT_KINDS = ["normal", "safe"] as const;
const EVENT_KIND_NAMES = Object.keys(EVENT_KINDS) as [
  keyof typeof EVENT_KINDS,
  ...(keyof typeof EVENT_KINDS)[],
];

/** The longest wait one step may ask for: a minute of machine time. */
export const MAX_WAIT_CYCLES = 60_000_000;

const absolutePath = () =>
  z.string().regex(/^\/\S+$/, { error: "expected an absolute path such as /drivers/sensor.c" });

/** A map of disk paths to file contents; the keys are checked here so errors point at the key. */
const fileMap = () =>
  z.record(z.string(), z.string()).superRefine((files, ctx) => {
    for (const path of Object.keys(files)) {
      if (!/^\/\S+$/.test(path))
        ctx.addIssue({
          code: "custom",
          message: "a file path must be absolute, such as /drivers/sensor.c",
          path: [path],
          params: { at: "key" },
        });
    }
  }, WHEN_A_MAPPING);

/** One action: the same list of kinds serves the machine's setup and the lesson's solution. */
export interface StepSpec {
  shell?: string;
  wait?: number;
  reboot?: (typeof REBOOT_KINDS)[number];
  write?: { file: string; text: string };
  edit?: { file: string; find: string; replace: string };
  rewind?: (typeof REWIND_KINDS)[number];
}

/** Where a rewind step goes back to (src/kernel/travel.ts). */
export const REWIND_KINDS = ["before-fault", "instruction", "line", "trap"] as const;

export const STEP_KINDS = {
  shell: "types a command line into the shell (as the learner would), then the machine runs one tick",
  wait: "runs the machine for this many cycles (1,000,000 cycles = one second of machine time)",
  reboot: "power-cycles the machine: normal, or safe (safe mode: no boot-start drivers)",
  write: "replaces a file on the disk: { file, text }",
  edit: "replaces the first occurrence of find with replace in a file: { file, find, replace }",
  rewind:
    "goes back in time, as the time travel panel does: before-fault (to just before the instruction that faulted), instruction, line (one C line) or trap",
} as const;

export type StepKindName = keyof typeof STEP_KINDS;

export const stepSchema: z.ZodType<StepSpec> = z
  .strictObject(
    {
      shell: z.string().trim().min(1).optional(),
      wait: z.int().min(1).max(MAX_WAIT_CYCLES).optional(),
      reboot: z.enum(REBOOT_KINDS).optional(),
      write: z.strictObject({ file: absolutePath(), text: z.string() }).optional(),
      edit: z.strictObject({ file: absolutePath(), find: z.string().min(1), replace: z.string() }).optional(),
      rewind: z.enum(REWIND_KINDS).optional(),
    },
    {
      error: (issue) =>
        issue.code === "invalid_type" ? "expected a step, such as { shell: ls }" : undefined,
    },
  )
  .superRefine((step, ctx) => {
    const record = step as Record<string, unknown>;
    const kinds = Object.keys(record).filter((k) => k in STEP_KINDS && record[k] !== undefined);
    if (kinds.length === 0)
      ctx.addIssue({ code: "custom", message: `a step needs one of ${Object.keys(STEP_KINDS).join(", ")}` });
    else if (kinds.length > 1)
      ctx.addIssue({
        code: "custom",
        message: `a step does one thing, this one has ${kinds.join(" and ")}; make them two steps`,
        path: [kinds[1]],
        params: { at: "key" },
      });
  }, WHEN_A_MAPPING) as z.ZodType<StepSpec>;

export interface EventSpec {
  t?: number;
  at?: number;
  kind: keyof typeof EVENT_KINDS | number;
  pid?: number;
  name?: string;
  arg?: string;
}

const eventSchema: z.ZodType<EventSpec> = z
  .strictObject({
    t: z
      .number()
      .min(0)
      .max(Math.floor(Number.MAX_SAFE_INTEGER / CYCLES_PER_SECOND))
      .optional(),
    at: z.int().min(0).optional(),
    // The ranges parseEvent accepts: kind and pid are ints in the guest's struct event.
    kind: z.union([z.enum(EVENT_KIND_NAMES), z.int().min(EVENT_KIND_RANGE.min).max(EVENT_KIND_RANGE.max)], {
      error: `expected an event kind (${EVENT_KIND_NAMES.join(", ")}) or a number`,
    }),
    pid: z.int().min(EVENT_PID_RANGE.min).max(EVENT_PID_RANGE.max).optional(),
    name: z.string().max(31).optional(),
    arg: z.string().max(63).optional(),
  })
  .superRefine((event, ctx) => {
    if ((event.t === undefined) === (event.at === undefined))
      ctx.addIssue({
        code: "custom",
        message: "an event needs a time: t (seconds) or at (cycles), not both",
      });
  }, WHEN_A_MAPPING) as z.ZodType<EventSpec>;

export interface BootDriverSpec {
  path: string;
  mode: "kernel" | "user";
}

export interface MachineSpec {
  seed?: number;
  memory?: number;
  services?: string[];
  files?: Record<string, string>;
  content?: Record<string, string>;
  bootDrivers?: BootDriverSpec[];
  events?: EventSpec[];
  repeatEvents?: number;
  watchdogTicks?: number;
  setup?: StepSpec[];
}

const machineSchema: z.ZodType<MachineSpec> = z
  .strictObject({
    seed: z.int().min(0).max(0xffff_ffff).optional(),
    memory: z
      .int()
      .min(256)
      .max(16384)
      .refine((kib) => kib % 4 === 0, { error: "expected a multiple of 4 KiB (one page)" })
      .optional(),
    services: z
      .array(
        z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: "expected a program name in /bin, such as bank" }),
      )
      .optional(),
    files: fileMap().optional(),
    content: fileMap().optional(),
    bootDrivers: z
      .array(z.strictObject({ path: absolutePath(), mode: z.enum(["kernel", "user"]) }))
      .optional(),
    events: z.array(eventSchema).optional(),
    repeatEvents: z.number().min(0.1).max(600).optional(),
    watchdogTicks: z.int().min(1).max(100_000).optional(),
    setup: z.array(stepSchema).optional(),
  })
  .superRefine((machine, ctx) => {
    // Runs even when fields inside are wrong (WHEN_A_MAPPING), so it trusts no type.
    const period = machine.repeatEvents;
    if (typeof period !== "number") return;
    const events: unknown[] = Array.isArray(machine.events) ? machine.events : [];
    if (events.length === 0)
      ctx.addIssue({
        code: "custom",
        message: "repeatEvents needs a list of events to repeat",
        path: ["repeatEvents"],
      });
    events.forEach((raw, i) => {
      const event = (typeof raw === "object" && raw !== null ? raw : {}) as { t?: unknown; at?: unknown };
      const seconds =
        typeof event.t === "number"
          ? event.t
          : typeof event.at === "number"
            ? event.at / CYCLES_PER_SECOND
            : 0;
      if (seconds >= period)
        ctx.addIssue({
          code: "custom",
          message: `with repeatEvents: ${period}, every event must come before ${period} s (this one is at ${seconds} s)`,
          path: ["events", i],
        });
    });
  }, WHEN_A_MAPPING) as z.ZodType<MachineSpec>;

export interface GoalSpec {
  text: string;
  check: CheckSpec;
}

/**
 * What a learner is likely to try first at a goal that asks for a fix (load the unfixed driver, or in
 * the wrong mode), as steps run before solution step `before`. lesson check runs the solution a second
 * time with these steps in place, and every goal must still be met: a failed try must not make a goal
 * unreachable.
 */
export interface WrongTrySpec {
  before: number;
  steps: StepSpec[];
}

export interface FrontMatter {
  id: string;
  order?: number;
  title: string;
  summary: string;
  level: (typeof LEVELS)[number];
  minutes: number;
  machine?: MachineSpec;
  goals: GoalSpec[];
  hints?: string[];
  solution: StepSpec[];
  wrongTry?: WrongTrySpec;
}

export const frontMatterSchema: z.ZodType<FrontMatter> = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
      error: "expected an id of lower-case letters, digits and dashes, such as channel-file-291",
    }),
    order: z.number().min(0).optional(),
    title: z.string().trim().min(1).max(80),
    summary: z.string().trim().min(1).max(300),
    level: z.enum(LEVELS),
    minutes: z.int().min(1).max(120),
    machine: machineSchema.optional(),
    goals: z.array(z.strictObject({ text: z.string().trim().min(1), check: checkSchema })).min(1),
    hints: z.array(z.string().trim().min(1)).optional(),
    solution: z.array(stepSchema).min(1),
    wrongTry: z.strictObject({ before: z.int().min(0), steps: z.array(stepSchema).min(1) }).optional(),
  })
  .superRefine((front, ctx) => {
    // Runs even when fields inside are wrong (WHEN_A_MAPPING), so it trusts no type.
    const before = (front.wrongTry as { before?: unknown } | undefined)?.before;
    const steps = Array.isArray(front.solution) ? front.solution.length : undefined;
    if (typeof before === "number" && steps !== undefined && before >= steps)
      ctx.addIssue({
        code: "custom",
        message: `expected the index of a solution step (0 to ${steps - 1}), got ${before}`,
        path: ["wrongTry", "before"],
      });
  }, WHEN_A_MAPPING) as z.ZodType<FrontMatter>;

/**
 * Every key of the front matter with one line about it, by path. docs/authoring-lessons.md's field
 * reference must list exactly these (a test compares them).
 */
export const FRONT_MATTER_FIELDS: Record<string, string> = {
  id: "required; lower-case letters, digits and dashes; unique in the course",
  order: "optional number; lessons sort by order, then by file name",
  title: "required; up to 80 characters",
  summary: "required; one sentence for the lesson list",
  level: `required; one of ${LEVELS.join(", ")}`,
  minutes: "required; how long the lesson takes, in minutes",
  machine: "optional; how the machine is set up before the lesson starts",
  "machine.seed": "optional; the machine's seed (default 1): same seed, same run",
  "machine.memory": "optional; memory in KiB, a multiple of 4 from 256 to 16384 (default 1024)",
  "machine.services": "optional; programs in /bin started at every boot (default clock and bank)",
  "machine.files": "optional; files put on the disk: path: text",
  "machine.content": "optional; data files put on the disk (content a driver reads, such as a channel file)",
  "machine.bootDrivers": "optional; drivers loaded at every boot: a list of { path, mode }",
  "machine.events":
    "optional; the sensor event feed: a list of { t or at, kind, pid, name, arg } (default: 40 events in the first 4 s)",
  "machine.repeatEvents":
    "optional; seconds: the event list plays again every N seconds, for 30 minutes of machine time (at most 50,000 events)",
  "machine.watchdogTicks": "optional; ticks a kernel-mode thread may run without yielding (default 200)",
  "machine.setup": "optional; steps run after the first boot, before the lesson starts",
  goals: "required; a list of { text, check }, met in order",
  "goals[].text": "required; what the learner must do, as the panel shows it",
  "goals[].check": "required; when the goal is met (see the checks)",
  hints: "optional; a list of hints, shown one at a time on request",
  solution: "required; the steps that meet every goal, run by lesson check",
  wrongTry:
    "optional, but every lesson whose goals ask for a fix has one: what a learner is likely to try first; lesson check runs it inside the solution and every goal must still be met",
  "wrongTry.before": "the solution step (counting from 0) before which the wrong try happens",
  "wrongTry.steps":
    "the wrong try's steps (the same kinds as the solution's); they may crash the machine, and should end where the solution can go on",
};
