/**
 * The fleet as a picture: the line of machines (organisations from the Americas to Australia) cut
 * into cells, each cell the share of its machines in each state at one moment. Cost: pieces plus
 * cells per picture.
 */
import { rampDone } from "./outcome";
import { type Piece, RECOVERED, RECOVERY_SCREEN, type SimulationResult, STATES } from "./simulation";

export interface FleetMapFrame {
  /** Minutes after the push. */
  minute: number;
  cells: number;
  /** For each cell, for each state (STATES order), the share of its machines: cells × states values. */
  shares: Float32Array;
}

/** The state of a piece at time t: its last state change at or before t. */
function stateAt(p: Piece, t: number): number {
  let state = p.states[0];
  for (let i = 1; i < p.times.length && p.times[i] <= t; i++) state = p.states[i];
  return state;
}

/** Adds `count` machines from `start` on to state `state` of the cells they fall in. */
function spread(
  out: Float32Array,
  machines: number,
  cells: number,
  start: number,
  count: number,
  state: number,
) {
  const width = machines / cells;
  let at = start;
  const end = start + count;
  while (at < end) {
    const cell = Math.min(cells - 1, Math.floor(at / width));
    const cellEnd = Math.min(end, (cell + 1) * width);
    const take = Math.max(cellEnd - at, Math.min(1, end - at));
    out[cell * STATES.length + state] += take;
    at += take;
  }
}

export function fleetMap(result: SimulationResult, minute: number, cells: number): FleetMapFrame {
  const machines = result.population.machines;
  const n = Math.max(1, Math.min(cells, machines));
  const shares = new Float32Array(n * STATES.length);
  for (const p of result.pieces) {
    const state = stateAt(p, minute);
    if (state === RECOVERY_SCREEN && !Number.isNaN(p.rampStart)) {
      const done = rampDone(p, minute);
      if (done > 0) spread(shares, machines, n, p.start, done, RECOVERED);
      if (done < p.count) spread(shares, machines, n, p.start + done, p.count - done, RECOVERY_SCREEN);
    } else spread(shares, machines, n, p.start, p.count, state);
  }
  const width = machines / n;
  for (let i = 0; i < shares.length; i++) shares[i] /= width;
  return { minute, cells: n, shares };
}
