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

/**
 * Parses a feed in JSON lines: {"t": seconds | "at": cycles, "kind": "pipe_open" | number, "pid": n,
 * "name": "...", "arg": "..."}. Blank lines and lines starting with # are skipped.
 */
export function parseEventFeed(text: string): { events: SensorEvent[]; errors: FeedError[] } {
  const events: SensorEvent[] = [];
  const errors: FeedError[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push({ line: index + 1, message: "not valid JSON" });
      return;
    }
    const parsed = parseEvent(value);
    if (typeof parsed === "string") errors.push({ line: index + 1, message: parsed });
    else events.push(parsed);
  });
  return { events, errors };
}

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
  let kind: number;
  if (typeof v.kind === "number" && Number.isInteger(v.kind)) kind = v.kind;
  else if (typeof v.kind === "string" && v.kind in EVENT_KINDS) kind = EVENT_KINDS[v.kind as EventKindName];
  else return `"kind" must be one of ${Object.keys(EVENT_KINDS).join(", ")} or a number`;
  const pid = v.pid === undefined ? 0 : v.pid;
  if (typeof pid !== "number" || !Number.isInteger(pid)) return '"pid" must be a whole number';
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
