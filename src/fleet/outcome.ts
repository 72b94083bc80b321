/**
 * From a simulation's pieces to what a learner reads: machines in each state over time (sampled every
 * ten minutes), and the totals — crashed, the peak of machines down, machine-hours lost, hours until
 * 90% of the crashed machines were back. Counting goes over pieces and samples, never machines.
 */
import {
  DOWN_STATES,
  HEALTHY,
  type Piece,
  RECOVERED,
  RECOVERY_SCREEN,
  type SimulationResult,
  STATES,
} from "./simulation";

export const SAMPLE_MINUTES = 10;

export interface FleetSeries {
  stepMinutes: number;
  /** Machines in each state at each sample, by state name. */
  byState: Record<(typeof STATES)[number], number[]>;
  down: number[];
  /** Machine-hours lost up to each sample. */
  machineHours: number[];
}

export interface FleetTotals {
  machines: number;
  crashed: number;
  peakDown: number;
  machineHoursLost: number;
  haltedAtRing: number | null;
  /** Hours from the push until 90% of the crashed machines were back; 0 if none crashed, null if not within the horizon. */
  hoursToRecover90: number | null;
  sensorFailed: number;
  peakUnprotected: number;
  revertedAtMinutes: number | null;
}

/** How many of a piece's machines have left the ramp (recovery screen -> recovered) at time s. */
export function rampDone(p: Piece, s: number): number {
  if (!(s > p.rampStart)) return 0;
  if (s >= p.rampEnd) return p.count;
  return Math.floor((p.count * (s - p.rampStart)) / (p.rampEnd - p.rampStart));
}

export function series(result: SimulationResult): FleetSeries {
  const samples = Math.floor(result.horizon / SAMPLE_MINUTES) + 1;
  const diff = STATES.map(() => new Float64Array(samples + 1));
  const binOf = (t: number) => Math.ceil(t / SAMPLE_MINUTES);
  for (const p of result.pieces) {
    diff[HEALTHY][0] += p.count;
    for (let i = 1; i < p.times.length; i++) {
      const bin = binOf(p.times[i]);
      if (bin >= samples) break;
      diff[p.states[i - 1]][bin] -= p.count;
      diff[p.states[i]][bin] += p.count;
    }
    if (Number.isNaN(p.rampStart)) continue;
    // The ramp: exact counts at each sample inside it, the whole piece from its end on.
    const first = Math.max(0, binOf(p.rampStart));
    let k = first;
    for (; k < samples && k * SAMPLE_MINUTES < p.rampEnd; k++) {
      const moved = rampDone(p, k * SAMPLE_MINUTES);
      diff[RECOVERY_SCREEN][k] -= moved;
      diff[RECOVERY_SCREEN][k + 1] += moved;
      diff[RECOVERED][k] += moved;
      diff[RECOVERED][k + 1] -= moved;
    }
    if (k < samples) {
      diff[RECOVERY_SCREEN][k] -= p.count;
      diff[RECOVERED][k] += p.count;
    }
  }
  const byState = {} as FleetSeries["byState"];
  STATES.forEach((name, s) => {
    const values: number[] = new Array(samples);
    let running = 0;
    for (let k = 0; k < samples; k++) {
      running += diff[s][k];
      values[k] = running;
    }
    byState[name] = values;
  });
  const down = byState.bootLoop.map((v, k) => v + byState.recoveryScreen[k]);
  const machineHours: number[] = [0];
  for (let k = 1; k < samples; k++)
    machineHours.push(machineHours[k - 1] + ((down[k - 1] + down[k]) / 2) * (SAMPLE_MINUTES / 60));
  return { stepMinutes: SAMPLE_MINUTES, byState, down, machineHours };
}

/** Machine-hours down, exactly (the ramp's machines leave evenly), up to the horizon. */
function machineHoursLost(result: SimulationResult): number {
  const H = result.horizon;
  let minutes = 0;
  for (const p of result.pieces) {
    for (let i = 0; i < p.times.length; i++) {
      if (!DOWN_STATES.includes(p.states[i])) continue;
      const from = p.times[i];
      let to = i + 1 < p.times.length ? p.times[i + 1] : H;
      if (i + 1 === p.times.length && p.states[i] === RECOVERY_SCREEN && !Number.isNaN(p.rampStart)) {
        to = Math.min(p.rampStart, H);
        const end = Math.min(p.rampEnd, H);
        if (end > p.rampStart) {
          const span = p.rampEnd - p.rampStart;
          const u = end - p.rampStart;
          minutes += p.count * (u - (span > 0 ? (u * u) / (2 * span) : 0));
        }
      }
      minutes += p.count * Math.max(0, Math.min(to, H) - from);
    }
  }
  return minutes / 60;
}

export function totals(result: SimulationResult, s: FleetSeries): FleetTotals {
  const peakDown = Math.max(0, ...s.down);
  const recovered = s.byState.recovered;
  let hoursToRecover90: number | null = 0;
  if (result.crashed > 0) {
    const k = recovered.findIndex((v) => v >= 0.9 * result.crashed);
    hoursToRecover90 = k < 0 ? null : Math.round(((k * SAMPLE_MINUTES) / 60) * 10) / 10;
  }
  return {
    machines: result.population.machines,
    crashed: result.crashed,
    peakDown,
    machineHoursLost: Math.round(machineHoursLost(result)),
    haltedAtRing: result.haltedAtRing,
    hoursToRecover90,
    sensorFailed: result.sensorFailed,
    peakUnprotected: Math.max(0, ...s.byState.unprotected),
    revertedAtMinutes: result.revertedAt === null ? null : Math.round(result.revertedAt * 10) / 10,
  };
}
