/**
 * The sensor event feed: what a security sensor's kernel hooks would report (process starts, named
 * pipes opened, files written, network connections). The default feed gives a few dozen varied events
 * over the first seconds after the first driver loads, then ends; lessons and `--events FILE` supply their own as
 * JSON lines.
 */
import type { SensorEvent } from "../machine/devices/eventSource";
import { SeededRandom } from "../machine/random";
import { CYCLES_PER_SECOND } from "./layout";

export const EVENT_KINDS = {
  process_start: 1,
  pipe_open: 2,
  file_write: 3,
  net_connect: 4,
  module_load: 5,
  registry_set: 6,
} as const;

export type EventKindName = keyof typeof EVENT_KINDS;

export const EVENT_KIND_NAMES: Record<number, EventKindName> = Object.fromEntries(
  Object.entries(EVENT_KINDS).map(([name, kind]) => [kind, name as EventKindName]),
);

/**
 * What the two strings hold, by kind: `name` is what the event is about, `arg` a detail of it.
 *   process_start  name: the program          arg: its path and command line
 *   pipe_open      name: the pipe              arg: the program that opened it
 *   file_write     name: the file              arg: how much was written
 *   net_connect    name: the remote host       arg: the port
 *   module_load    name: the module            arg: the program that loaded it
 *   registry_set   name: the registry value    arg: the program that set it
 */
const SAMPLES: { kind: EventKindName; name: string; arg: string }[] = [
  { kind: "process_start", name: "explorer.exe", arg: "C:\\Windows\\explorer.exe" },
  { kind: "process_start", name: "update.exe", arg: "C:\\Program Files\\Updater\\update.exe --quiet" },
  { kind: "process_start", name: "powershell.exe", arg: "-NoProfile -EncodedCommand SQBFAFgA" },
  { kind: "pipe_open", name: "\\\\.\\pipe\\spoolss", arg: "spoolsv.exe" },
  { kind: "pipe_open", name: "\\\\.\\pipe\\lsarpc", arg: "lsass.exe" },
  { kind: "pipe_open", name: "\\\\.\\pipe\\update-channel", arg: "update.exe" },
  { kind: "file_write", name: "C:\\Users\\ana\\report.docx", arg: "4096 bytes" },
  { kind: "file_write", name: "C:\\Windows\\Temp\\patch.tmp", arg: "65536 bytes" },
  { kind: "net_connect", name: "203.0.113.7", arg: "443" },
  { kind: "net_connect", name: "198.51.100.23", arg: "8443" },
  { kind: "module_load", name: "C:\\Windows\\System32\\shell32.dll", arg: "explorer.exe" },
  {
    kind: "registry_set",
    name: "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater",
    arg: "update.exe",
  },
];

/** 40 events between 0.2 s and 4 s after the feed starts, chosen and spaced by the seed. */
export function defaultEventFeed(seed: number): SensorEvent[] {
  const random = new SeededRandom(seed ^ 0x5eed_f00d);
  const events: SensorEvent[] = [];
  let at = 0.2 * CYCLES_PER_SECOND;
  for (let i = 0; i < 40; i++) {
    const sample = SAMPLES[random.next() % SAMPLES.length];
    events.push({
      at: Math.round(at),
      kind: EVENT_KINDS[sample.kind],
      pid: 100 + (random.next() % 900),
      name: sample.name,
      arg: sample.arg,
    });
    at += 0.04 * CYCLES_PER_SECOND + (random.next() % (0.1 * CYCLES_PER_SECOND));
  }
  return events;
}

export interface FeedError {
  line: number;
  message: string;
}

/** How many errors parseEventFeed keeps; the rest are only counted (a garbage file once gave 406,365). */
export const MAX_FEED_ERRORS = 20;

/** `kind` and `pid` are ints in the guest's struct event: values outside an int are refused, not wrapped. */
export const EVENT_KIND_RANGE = { min: -0x8000_0000, max: 0x7fff_ffff } as const;
export const EVENT_PID_RANGE = { min: 0, max: 0x7fff_ffff } as const;

/**
 * Parses a feed in JSON lines: {"t": seconds | "at": cycles, "kind": "pipe_open" | number, "pid": n,
 * "name": "...", "arg": "..."}. Blank lines and lines starting with # are skipped. The first
 * MAX_FEED_ERRORS errors are kept, in line order; `moreErrors` counts the others.
 */
export function parseEventFeed(text: string): {
  events: SensorEvent[];
  errors: FeedError[];
  moreErrors: number;
} {
  const events: SensorEvent[] = [];
  const errors: FeedError[] = [];
  let moreErrors = 0;
  const fail = (line: number, message: string) => {
    if (errors.length < MAX_FEED_ERRORS) errors.push({ line, message });
    else moreErrors++;
  };
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      fail(index + 1, "not valid JSON");
      return;
    }
    const parsed = parseEvent(value);
    if (typeof parsed === "string") fail(index + 1, parsed);
    else events.push(parsed);
  });
  return { events, errors, moreErrors };
}

/** A value as the error shows it: JSON, cut short. */
function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? "nothing";
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const inRange = (n: number, range: { min: number; max: number }): boolean =>
  Number.isInteger(n) && n >= range.min && n <= range.max;

export function parseEvent(value: unknown): SensorEvent | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "expected an object";
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) {
    if (!["t", "at", "kind", "pid", "name", "arg"].includes(key)) return `unknown field "${key}"`;
  }
  let at: number;
  if (typeof v.at === "number" && Number.isFinite(v.at) && v.at >= 0) at = Math.round(v.at);
  else if (typeof v.t === "number" && Number.isFinite(v.t) && v.t >= 0)
    at = Math.round(v.t * CYCLES_PER_SECOND);
  else return 'needs "t" (seconds) or "at" (cycles), a number >= 0';
  if (!Number.isSafeInteger(at)) return `the time is too far off: at most ${Number.MAX_SAFE_INTEGER} cycles`;
  let kind: number;
  const { min, max } = EVENT_KIND_RANGE;
  // Object.hasOwn, not `in`: "__proto__", "constructor" and "toString" are in every object.
  if (typeof v.kind === "string" && Object.hasOwn(EVENT_KINDS, v.kind))
    kind = EVENT_KINDS[v.kind as EventKindName];
  else if (typeof v.kind === "number" && inRange(v.kind, EVENT_KIND_RANGE)) kind = v.kind;
  else if (typeof v.kind === "number" && Number.isInteger(v.kind))
    return `"kind" ${v.kind} does not fit the event's int: it must be from ${min} to ${max}`;
  else
    return `"kind" must be one of ${Object.keys(EVENT_KINDS).join(", ")} or a whole number, not ${brief(v.kind)}`;
  const pid = v.pid === undefined ? 0 : v.pid;
  if (typeof pid !== "number" || !inRange(pid, EVENT_PID_RANGE))
    return `"pid" must be a whole number from ${EVENT_PID_RANGE.min} to ${EVENT_PID_RANGE.max}`;
  if (v.name !== undefined && typeof v.name !== "string") return '"name" must be a string';
  if (v.arg !== undefined && typeof v.arg !== "string") return '"arg" must be a string';
  return {
    at,
    kind,
    pid,
    name: (v.name as string | undefined) ?? "",
    arg: (v.arg as string | undefined) ?? "",
  };
}
