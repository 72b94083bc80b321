/**
 * The fleet simulation: cohorts of identical machines move through the states below together, driven
 * by a queue of events in time order. A cohort splits only when its machines' fates part (some win
 * the boot race, some do not): the cost is in cohorts and events, never in machines.
 *
 *   healthy ──update arrives──> boot loop ──2 failed boots──> recovery screen ──fixed──> recovered
 *      │  (kernel mode: crash)      └──── won the race at a boot ─────────────────────────┘
 *      └──update arrives──> unprotected (user mode: the sensor's process failed, the machine is up)
 *                              └──fixed content arrives──> healthy
 *
 * Every machine is in exactly one state at every moment: a cohort's piece records its state changes
 * (and at most one even-paced "ramp" into recovered, for the IT staff's queue), and outcome.ts counts.
 */
import { ASSUMED } from "./assumptions";
import { EventQueue } from "./eventQueue";
import { FAILED_BOOTS_BEFORE_RECOVERY, HORIZON_MINUTES, PUSH_UTC_HOUR } from "./facts";
import type { ClassResult, ClassTable } from "./machineClasses";
import type { Policy } from "./policy";
import type { Cohort, Organisation, Population } from "./population";
import { FleetRandom } from "./random";
import { ManualRemediation, raceWinProbability } from "./recovery";

export const STATES = ["healthy", "unprotected", "bootLoop", "recoveryScreen", "recovered"] as const;
export type StateName = (typeof STATES)[number];
export const HEALTHY = 0;
export const UNPROTECTED = 1;
export const BOOT_LOOP = 2;
export const RECOVERY_SCREEN = 3;
export const RECOVERED = 4;
/** The states in which a machine is down. */
export const DOWN_STATES: readonly number[] = [BOOT_LOOP, RECOVERY_SCREEN];

/** A range of a cohort's machines that has shared one fate so far. */
export interface Piece {
  cohort: number;
  start: number;
  count: number;
  /** State changes: at times[i] the piece entered states[i] (times[0] = 0, healthy). */
  times: number[];
  states: number[];
  /** From rampStart to rampEnd its machines move, evenly, from the recovery screen to recovered. */
  rampStart: number;
  rampEnd: number;
  failedBoots: number;
}

export interface SimulationResult {
  population: Population;
  policy: Policy;
  table: ClassTable;
  pieces: Piece[];
  /** Machines that crashed at least once. */
  crashed: number;
  /** Machines whose sensor process failed (user mode), machine still up. */
  sensorFailed: number;
  /** The rings that started, and when (minutes after the push); null for a ring that never did. */
  ringStarts: (number | null)[];
  /** The 1-based ring the health gate halted the rollout at (the last ring started); null if none. */
  haltedAtRing: number | null;
  /** When the fixed content was published (minutes after the push); null if never. */
  revertedAt: number | null;
  /** Events processed: the simulation's cost. */
  events: number;
  horizon: number;
}

/** The history every piece starts with (healthy from the start), shared until it first changes. */
const NEVER_CHANGED_TIMES = Object.freeze([0]) as number[];
const NEVER_CHANGED_STATES = Object.freeze([HEALTHY]) as number[];

type Event =
  | { kind: "deploy"; ring: number }
  | { kind: "arrive"; piece: number }
  | { kind: "boot"; piece: number }
  | { kind: "automatic"; piece: number }
  | { kind: "halt" }
  | { kind: "revert" };

export interface SimulationInput {
  population: Population;
  policy: Policy;
  table: ClassTable;
  seed: number;
  horizon?: number;
  /** Called now and then with the share of simulated time done. */
  onProgress?: (done: number) => void;
}

/** Minutes after the push at which a cohort's machines, online or not, have the content of a ring started at `deployed`. */
function arrival(cohort: Cohort, org: Organisation, deployed: number): number {
  if (cohort.alwaysOn) return deployed + ASSUMED.contentPollMinutes;
  const localHour = (((PUSH_UTC_HOUR + org.region.utcOffset + deployed / 60) % 24) + 24) % 24;
  if (localHour >= ASSUMED.officeOpens && localHour < ASSUMED.officeCloses)
    return deployed + ASSUMED.contentPollMinutes;
  const hoursToOpen = (((ASSUMED.officeOpens - localHour) % 24) + 24) % 24;
  return deployed + hoursToOpen * 60 + ASSUMED.contentPollMinutes;
}

export function simulate(input: SimulationInput): SimulationResult {
  const { population, policy, table } = input;
  const horizon = input.horizon ?? HORIZON_MINUTES;
  const random = new FleetRandom(input.seed ^ 0x5eed);
  const queue = new EventQueue<Event>();
  const remediation = new ManualRemediation(population.organisations, ASSUMED.remediationStartHours * 60);
  const winChance = raceWinProbability(table);

  const pieces: Piece[] = population.cohorts.map((c, i) => ({
    cohort: i,
    start: c.start,
    count: c.count,
    times: NEVER_CHANGED_TIMES,
    states: NEVER_CHANGED_STATES,
    rampStart: Number.NaN,
    rampEnd: Number.NaN,
    failedBoots: 0,
  }));
  const byRing: number[][] = policy.rings.map(() => []);
  population.cohorts.forEach((c, i) => {
    byRing[c.ring].push(i);
  });

  const ringStarts: (number | null)[] = policy.rings.map(() => null);
  const unhealthy = policy.rings.map(() => 0);
  let halted = false;
  let haltScheduled = false;
  let haltedAtRing: number | null = null;
  let revertedAt = Number.POSITIVE_INFINITY;
  let reverted = false;
  let crashed = 0;
  let sensorFailed = 0;
  /** Pieces waiting for the fixed content: unprotected sensors, and recovery screens before the fix. */
  let waiting: number[] = [];

  const enter = (p: Piece, t: number, state: number) => {
    const last = p.times.length - 1;
    if (p.states[last] === state) return;
    if (p.times === NEVER_CHANGED_TIMES) {
      // Most cohorts never change: they share one history until their first change.
      p.times = [0];
      p.states = [HEALTHY];
    }
    if (p.times[last] === t) p.states[last] = state;
    else {
      p.times.push(t);
      p.states.push(state);
    }
  };
  /** Moves the first `count` machines of a piece into a new piece (same history), which it returns. */
  const split = (index: number, count: number): number => {
    const p = pieces[index];
    pieces.push({ ...p, count, times: [...p.times], states: [...p.states] });
    p.start += count;
    p.count -= count;
    return pieces.length - 1;
  };
  const effectOf = (index: number): ClassResult => {
    const cohort = population.cohorts[pieces[index].cohort];
    return cohort.templateType ? table.update : table.older;
  };
  const report = (ring: number, count: number, t: number) => {
    unhealthy[ring] += count;
    const gate = policy.healthGate;
    if (!gate || haltScheduled) return;
    if ((unhealthy[ring] / population.ringSizes[ring]) * 100 >= gate.thresholdPercent) {
      haltScheduled = true;
      queue.push(t + gate.telemetryMinutes, { kind: "halt" });
    }
  };
  const setRevert = (t: number) => {
    if (t < revertedAt && !reverted) {
      revertedAt = t;
      queue.push(t, { kind: "revert" });
    }
  };
  /** A piece reaches the recovery screen at t: automatic recovery or the IT queue, once a fix exists. */
  const toRecovery = (index: number, t: number) => {
    const p = pieces[index];
    enter(p, t, RECOVERY_SCREEN);
    if (!reverted) {
      waiting.push(index);
      return;
    }
    if (policy.automaticRecovery)
      queue.push(t + ASSUMED.automaticRecoveryMinutes, { kind: "automatic", piece: index });
    else toStaff(index, t);
  };
  const toStaff = (index: number, t: number) => {
    const p = pieces[index];
    const cohort = population.cohorts[p.cohort];
    const { start, end } = remediation.enqueue(cohort.org, p.count, cohort.encrypted, t);
    p.rampStart = start;
    p.rampEnd = end;
  };

  if (policy.revertAfterMinutes !== null) setRevert(policy.revertAfterMinutes);
  queue.push(0, { kind: "deploy", ring: 0 });

  let events = 0;
  for (;;) {
    const next = queue.pop();
    if (!next || next.time > horizon) break;
    const { time: t, item: e } = next;
    events++;
    if ((events & 0x3fff) === 0) input.onProgress?.(t / horizon);
    switch (e.kind) {
      case "deploy": {
        if (halted || reverted) break;
        ringStarts[e.ring] = t;
        for (const c of byRing[e.ring]) {
          const cohort = population.cohorts[c];
          queue.push(arrival(cohort, population.organisations[cohort.org], t), { kind: "arrive", piece: c });
        }
        if (e.ring + 1 < policy.rings.length)
          queue.push(t + policy.rings[e.ring].soakMinutes, { kind: "deploy", ring: e.ring + 1 });
        break;
      }
      case "arrive": {
        if (reverted) break; // it gets the fixed content instead
        const p = pieces[e.piece];
        const ring = population.cohorts[p.cohort].ring;
        const result = effectOf(e.piece);
        if (result.effect === "crash") {
          crashed += p.count;
          enter(p, t, BOOT_LOOP);
          report(ring, p.count, t);
          queue.push(t + ASSUMED.bootMinutes, { kind: "boot", piece: e.piece });
        } else if (result.effect === "sensor-fails") {
          sensorFailed += p.count;
          enter(p, t, UNPROTECTED);
          report(ring, p.count, t);
          waiting.push(e.piece);
        }
        break;
      }
      case "boot": {
        const p = pieces[e.piece];
        if (reverted && winChance > 0) {
          const won = random.binomial(p.count, winChance);
          if (won === p.count) {
            enter(p, t, RECOVERED);
            break;
          }
          if (won > 0) enter(pieces[split(e.piece, won)], t, RECOVERED);
        }
        p.failedBoots++;
        if (p.failedBoots >= FAILED_BOOTS_BEFORE_RECOVERY) toRecovery(e.piece, t);
        else queue.push(t + ASSUMED.bootMinutes, { kind: "boot", piece: e.piece });
        break;
      }
      case "automatic": {
        const p = pieces[e.piece];
        const fixed = random.binomial(p.count, ASSUMED.automaticRecoverySuccess);
        if (fixed === p.count) {
          enter(p, t, RECOVERED);
          break;
        }
        if (fixed > 0) enter(pieces[split(e.piece, fixed)], t, RECOVERED);
        toStaff(e.piece, t);
        break;
      }
      case "halt": {
        halted = true;
        haltedAtRing = ringStarts.filter((s) => s !== null).length;
        setRevert(t + policy.rollbackMinutes);
        break;
      }
      case "revert": {
        if (reverted || t !== revertedAt) break;
        reverted = true;
        const list = waiting;
        waiting = [];
        for (const index of list) {
          const p = pieces[index];
          const state = p.states[p.states.length - 1];
          if (state === UNPROTECTED) enter(p, t + ASSUMED.contentPollMinutes, HEALTHY);
          else if (state === RECOVERY_SCREEN) toRecovery(index, t);
        }
        break;
      }
    }
  }
  input.onProgress?.(1);
  return {
    population,
    policy,
    table,
    pieces,
    crashed,
    sensorFailed,
    ringStarts,
    haltedAtRing,
    revertedAt: Number.isFinite(revertedAt) ? revertedAt : null,
    events,
    horizon,
  };
}
