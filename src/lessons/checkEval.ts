/**
 * Evaluating a check over a window of the timeline.
 *
 * A goal's window runs from the mark at which the goal became active to now. Window checks look
 * only at what happened inside it (events, console output, machine time); state checks look at the
 * machine as it is now. A met check also says *when* it was met: the mark just after the event that
 * completed it, or now for state and time checks. That is what makes `sequence` and goal order
 * exact: the next check's window starts at that mark, whatever slices the machine ran in.
 */
import type { Kernel } from "../kernel/kernel";
import type { KernelEvent } from "../kernel/kernelLog";
import { sourceLocation } from "../kernel/modules";
import { type CheckKindName, type CheckSpec, kindOf } from "./checkSchema";
import { fleetCheckHolds } from "./fleetCheck";
import { compareMarks, type Mark, type Timeline } from "./timeline";

export type Outcome = { met: false } | { met: true; at: Mark };

export interface Scope {
  timeline: Timeline;
  kernel: Kernel;
  from: Mark;
  now: Mark;
  /** Since when each state check has been true without a break, by check and window start. */
  streaks: Streaks;
  /** How far each window check has read its window, and what it counted: kept between evaluations. */
  scans?: Scans;
  /** Whether the machine stands in the past (the learner went back in time); false without history. */
  inPast?: () => boolean;
}

/** The memory of state checks between evaluations; one per goal tracker. */
export type Streaks = WeakMap<CheckSpec, Map<string, Mark>>;

/**
 * The memory of window checks between evaluations, by check and window: each evaluation reads only the
 * events that arrived since the last, so the count carries on however long the window grows, and
 * however much of it the kernel's bounded log has let go of.
 */
export type Scans = WeakMap<CheckSpec, Map<string, Scan>>;

interface Scan {
  /** The seq of the next event to read. */
  next: number;
  /** Matching events seen (for cleanBoots: clean boots in a row). */
  seen: number;
  /** Where the check was met, once it was. */
  at?: Mark;
  /** For sinceLoad: the mark before the last load read so far. */
  last?: Mark;
}

/** Windows remembered per check: a sequence's later parts move their window as earlier parts are met. */
const SCANS_PER_CHECK = 8;

/** This check's scan of this window (a fresh one without a memory, or after the timeline rewound). */
function scanOf(check: CheckSpec, scope: Scope, part = ""): Scan {
  const fresh = { next: scope.from.seq, seen: 0 };
  if (!scope.scans) return fresh;
  let byWindow = scope.scans.get(check);
  if (!byWindow) {
    byWindow = new Map();
    scope.scans.set(check, byWindow);
  }
  const key = `${part}${scope.timeline.generation}:${scope.from.seq}`;
  let scan = byWindow.get(key);
  if (!scan) {
    if (byWindow.size >= SCANS_PER_CHECK) byWindow.delete(byWindow.keys().next().value as string);
    scan = fresh;
    byWindow.set(key, scan);
  }
  return scan;
}

/** The events of the window this scan has not read yet; marks them read. */
function unread(scan: Scan, scope: Scope): KernelEvent[] {
  const events = scope.timeline.eventsIn(Math.max(scan.next, scope.from.seq), scope.now.seq);
  scan.next = Math.max(scan.next, scope.now.seq);
  return events;
}

const NOT_MET: Outcome = { met: false };

/**
 * A check about the present (a state, the time): met when the condition holds now, and met *since*
 * the first evaluation from which it has held without a break. That "since" is what a sequence or
 * the next goal starts from, so "handled 300 events, then typed ps" means a ps after the 300th event.
 */
function metNow(condition: boolean, scope: Scope, check: CheckSpec): Outcome {
  let byWindow = scope.streaks.get(check);
  if (!byWindow) {
    byWindow = new Map();
    scope.streaks.set(check, byWindow);
  }
  const key = `${scope.from.seq}:${scope.from.time}`;
  if (!condition) {
    byWindow.delete(key);
    return NOT_MET;
  }
  const since = byWindow.get(key) ?? scope.now;
  byWindow.set(key, since);
  return { met: true, at: since };
}

/** Met at the `count`-th event in the window that matches, counted as events arrive. */
function nthEvent(
  check: CheckSpec,
  scope: Scope,
  count: number,
  matches: (e: KernelEvent) => boolean,
): Outcome {
  const scan = scanOf(check, scope);
  if (scan.at) return { met: true, at: scan.at };
  for (const event of unread(scan, scope)) {
    if (matches(event) && ++scan.seen >= count) {
      scan.at = scope.timeline.after(event);
      scan.next = event.seq + 1;
      return { met: true, at: scan.at };
    }
  }
  return NOT_MET;
}

/** A driver's name as the kernel keeps it: "sensor" and "sensor.sys" both mean sensor.sys. */
function driverRecord(kernel: Kernel, name: string) {
  return kernel.drivers.get(name) ?? kernel.drivers.get(`${name}.sys`);
}

function isAlive(kernel: Kernel, name: string): boolean {
  if (kernel.state !== "running") return false;
  const record = driverRecord(kernel, name);
  if (record) {
    if (record.state !== "running" || record.pid === undefined) return false;
    const process = kernel.processes.get(record.pid);
    return process !== undefined && process.thread.state !== "dead";
  }
  for (const process of kernel.processes.values())
    if (process.name === name && process.thread.state !== "dead") return true;
  return false;
}

/** Boots that reached boot-complete, not in safe mode nor the recovery screen, with no bugcheck in between. */
function cleanBoots(check: CheckSpec, scope: Scope): Outcome {
  const wanted = check.cleanBoots as number;
  const scan = scanOf(check, scope);
  if (scan.at) return { met: true, at: scan.at };
  for (const event of unread(scan, scope)) {
    if (event.kind === "bugcheck") scan.seen = 0;
    else if (
      event.kind === "boot-complete" &&
      !scope.timeline.specialBoot(event.bootNumber) &&
      ++scan.seen >= wanted
    ) {
      scan.at = scope.timeline.after(event);
      scan.next = event.seq + 1;
      return { met: true, at: scan.at };
    }
  }
  return NOT_MET;
}

const sameDriver = (a: string, b: string | null | undefined) => b === a || b === `${a}.sys`;

/** One evaluator per check kind: the table the reference in the docs describes. */
const EVALUATORS: Record<CheckKindName, (check: CheckSpec, scope: Scope) => Outcome> = {
  bugcheck: (c, s) =>
    nthEvent(
      c,
      s,
      1,
      (e) =>
        e.kind === "bugcheck" &&
        (c.bugcheck === true || e.stopCode === c.bugcheck) &&
        (c.module === undefined || sameDriver(c.module, e.module)) &&
        (c.duringBoot === undefined || e.duringBoot === c.duringBoot) &&
        (c.reason === undefined || e.message.includes(c.reason)),
    ),
  noBugcheck: (c, s) => metNow(!nthEvent(c, s, 1, (e) => e.kind === "bugcheck").met, s, c),
  alive: (c, s) => metNow(isAlive(s.kernel, c.alive as string), s, c),
  loaded: (c, s) =>
    nthEvent(
      c,
      s,
      1,
      (e) =>
        e.kind === "driver-load" &&
        sameDriver(c.loaded as string, e.driver) &&
        (c.mode === undefined || e.mode === c.mode),
    ),
  crashed: (c, s) =>
    nthEvent(
      c,
      s,
      c.crashed as number,
      (e) =>
        (e.kind === "driver-crash" && sameDriver(c.driver as string, e.driver)) ||
        (e.kind === "bugcheck" && sameDriver(c.driver as string, e.module)),
    ),
  restarted: (c, s) =>
    nthEvent(
      c,
      s,
      c.restarted as number,
      (e) => e.kind === "driver-restart" && sameDriver(c.driver as string, e.driver),
    ),
  gaveUp: (c, s) =>
    nthEvent(c, s, 1, (e) => e.kind === "driver-give-up" && sameDriver(c.gaveUp as string, e.driver)),
  faulted: (c, s) =>
    nthEvent(
      c,
      s,
      1,
      (e) =>
        e.kind === "process-fault" &&
        e.name === c.faulted &&
        (c.reason === undefined || e.message.includes(c.reason)),
    ),
  requestTerminated: (c, s) =>
    nthEvent(
      c,
      s,
      1,
      (e) => e.kind === "request-terminated" && sameDriver(c.requestTerminated as string, e.driver),
    ),
  handled: (c, s) => {
    const record = driverRecord(s.kernel, c.driver as string);
    return metNow(
      record !== undefined &&
        (c.mode === undefined || record.mode === c.mode) &&
        record.eventsDelivered >= (c.handled as number),
      s,
      c,
    );
  },
  restarts: (c, s) => {
    const record = driverRecord(s.kernel, c.driver as string);
    return metNow(record !== undefined && record.restarts >= (c.restarts as number), s, c);
  },
  driverState: (c, s) => metNow(driverRecord(s.kernel, c.driver as string)?.state === c.driverState, s, c),
  verifierAccepted: (c, s) =>
    nthEvent(
      c,
      s,
      1,
      (e) => e.kind === "verifier" && e.accepted && sameDriver(c.verifierAccepted as string, e.driver),
    ),
  verifierRejected: (c, s) =>
    nthEvent(
      c,
      s,
      1,
      (e) => e.kind === "verifier" && !e.accepted && sameDriver(c.verifierRejected as string, e.driver),
    ),
  pausedAt: (c, s) => metNow(s.inPast?.() === true && pausedIn(s.kernel, c), s, c),
  fileExists: (c, s) =>
    metNow(s.kernel.machine.devices.disk.read(c.fileExists as string) !== undefined, s, c),
  fileContains: (c, s) =>
    metNow(
      s.kernel.machine.devices.disk.readText(c.fileContains as string)?.includes(c.text as string) === true,
      s,
      c,
    ),
  fileAbsent: (c, s) =>
    metNow(s.kernel.machine.devices.disk.read(c.fileAbsent as string) === undefined, s, c),
  console: (c, s) => metNow(s.timeline.consoleBetween(s.from, s.now).includes(c.console as string), s, c),
  safeMode: (c, s) =>
    nthEvent(
      c,
      s,
      1,
      (e) => e.kind === "boot" && e.safeMode && (c.recovery === undefined || e.recovery === c.recovery),
    ),
  cleanBoots,
  fleet: (c, s) => metNow(fleetCheckHolds(c, s.kernel), s, c),
  cyclesElapsed: (c, s) => metNow(s.now.time - s.from.time >= (c.cyclesElapsed as number), s, c),
  all: (c, s) => {
    let at = s.from;
    for (const check of c.all as CheckSpec[]) {
      const outcome = evaluateCheck(check, s);
      if (!outcome.met) return NOT_MET;
      if (compareMarks(outcome.at, at) > 0) at = outcome.at;
    }
    return { met: true, at };
  },
  any: (c, s) => {
    let best: Mark | undefined;
    for (const check of c.any as CheckSpec[]) {
      const outcome = evaluateCheck(check, s);
      if (outcome.met && (best === undefined || compareMarks(outcome.at, best) < 0)) best = outcome.at;
    }
    return best ? { met: true, at: best } : NOT_MET;
  },
  not: (c, s) => metNow(!evaluateCheck(c.not as CheckSpec, s).met, s, c),
  sequence: (c, s) => {
    let from = s.from;
    for (const check of c.sequence as CheckSpec[]) {
      const outcome = evaluateCheck(check, { ...s, from });
      if (!outcome.met) return NOT_MET;
      from = outcome.at;
    }
    return { met: true, at: from };
  },
};

export function evaluateCheck(check: CheckSpec, scope: Scope): Outcome {
  if (check.sinceLoad === undefined) return EVALUATORS[kindOf(check)](check, scope);
  const from = lastLoad(check, scope, check.sinceLoad);
  return from ? EVALUATORS[kindOf(check)](check, { ...scope, from }) : NOT_MET;
}

/**
 * `sinceLoad`: the mark just before the driver's last load in the window (so that a `loaded` check
 * in the same scope sees that load), or undefined when it was not loaded in the window. A learner's
 * failed try (the unfixed driver loaded, crashed, the machine restarted) lies before that mark.
 */
function lastLoad(check: CheckSpec, scope: Scope, driver: string): Mark | undefined {
  const scan = scanOf(check, scope, "sinceLoad:");
  for (const event of unread(scan, scope))
    if (event.kind === "driver-load" && sameDriver(driver, event.driver))
      scan.last = { ...scope.timeline.after(event), seq: event.seq };
  return scan.last;
}

/** The check in words, for failure messages and the goal list ("restarted 2 (driver sensor.sys)"). */
export function describeCheck(check: CheckSpec): string {
  const kind = kindOf(check);
  const value = check[kind];
  const since = check.sinceLoad !== undefined ? ` since the last load of ${check.sinceLoad}` : "";
  if (kind === "all" || kind === "any" || kind === "sequence")
    return `${kind}(${(value as CheckSpec[]).map(describeCheck).join(", ")})${since}`;
  if (kind === "not") return `not(${describeCheck(value as CheckSpec)})${since}`;
  const qualifiers = Object.entries(check)
    .filter(([key]) => key !== kind)
    .map(([key, v]) => `${key} ${String(v)}`);
  return `${kind} ${String(value)}${qualifiers.length ? ` (${qualifiers.join(", ")})` : ""}`;
}

const COMBINATORS = new Set<CheckKindName>(["all", "any", "not", "sequence"]);

/** A check's scope for one part: a sequence's later steps look from where the one before was met. */
function partsOf(check: CheckSpec, scope: Scope): { check: CheckSpec; scope: Scope }[] {
  const kind = kindOf(check);
  if (kind === "not") return [{ check: check.not as CheckSpec, scope }];
  const list = check[kind] as CheckSpec[];
  if (kind !== "sequence") return list.map((c) => ({ check: c, scope }));
  const parts: { check: CheckSpec; scope: Scope }[] = [];
  let from = scope.from;
  for (const c of list) {
    const part = { check: c, scope: { ...scope, from } };
    parts.push(part);
    const outcome = evaluateCheck(c, part.scope);
    if (!outcome.met) break;
    from = outcome.at;
  }
  return parts;
}

/** The scope a check's own kind sees: its `sinceLoad` applied, or undefined if that driver was not loaded. */
function ownScope(check: CheckSpec, scope: Scope): Scope | undefined {
  if (check.sinceLoad === undefined) return scope;
  const from = lastLoad(check, scope, check.sinceLoad);
  return from ? { ...scope, from } : undefined;
}

/**
 * Each check and, inside all, any, not and sequence, each part, with its value now: "✓ loaded
 * sensor.sys" or "✗ noBugcheck true", indented by depth. What `lesson check --trace` prints.
 */
export function explainCheck(check: CheckSpec, scope: Scope, depth = 0): string[] {
  const kind = kindOf(check);
  const met = evaluateCheck(check, scope).met;
  const mark = met ? "✓" : "✗";
  const pad = "  ".repeat(depth);
  if (!COMBINATORS.has(kind)) return [`${pad}${mark} ${describeCheck(check)}`];
  const inner = ownScope(check, scope);
  const since = check.sinceLoad !== undefined ? ` (since the last load of ${check.sinceLoad})` : "";
  const head = `${pad}${mark} ${kind}${since}${inner ? "" : `: ${check.sinceLoad} was not loaded in the window`}`;
  if (!inner) return [head];
  return [head, ...partsOf(check, inner).flatMap((p) => explainCheck(p.check, p.scope, depth + 1))];
}

/**
 * The parts that keep a check from being met, as narrowly as can be said: inside an all or a
 * sequence, the failing parts themselves; an any or a not, whole. Empty if the check is met.
 */
export function unmetParts(check: CheckSpec, scope: Scope): string[] {
  if (evaluateCheck(check, scope).met) return [];
  const kind = kindOf(check);
  if (kind !== "all" && kind !== "sequence") return [describeCheck(check)];
  const inner = ownScope(check, scope);
  if (!inner) return [`${check.sinceLoad} was not loaded`];
  return partsOf(check, inner).flatMap((p) => unmetParts(p.check, p.scope));
}

/** Whether pc is in the check's C function, on a line with its source text (when it gives one). */
function pausedIn(k: Kernel, c: CheckSpec): boolean {
  const process = k.current;
  if (!process) return false;
  const where = sourceLocation(process, k.machine.cpu.pc >>> 0);
  if (!where || where.func !== c.pausedAt) return false;
  if (c.source === undefined) return true;
  const line = k.machine.devices.disk.readText(where.file)?.split("\n")[where.line - 1];
  return line?.includes(c.source) === true;
}
