/** A fleet run in words: the lines `ringlab fleet` prints, and the page's totals. */
import { ASSUMPTIONS } from "./assumptions";
import type { FleetReport } from "./fleet";

const n = (x: number) => Math.round(x).toLocaleString("en-US");

/** When, as the clock read in UTC on 19 July 2024 and the days after: "19 Jul 05:27 UTC". */
export function utcTime(minutesAfterPush: number): string {
  const push = Date.UTC(2024, 6, 19, 4, 9);
  const d = new Date(push + minutesAfterPush * 60_000);
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${hh}:${mm} UTC`;
}

export function reportLines(r: FleetReport): string[] {
  const lines = [
    `fleet: ${n(r.machines)} machines, policy ${r.policy}, ${r.mode} mode, seed ${r.seed}`,
    "",
    "on the emulator (one real machine per class):",
    ...r.classes.map(
      (c) =>
        `  ${c.label.padEnd(38)} ${c.effect}${c.stopCode ? ` (${c.stopCode})` : ""}${c.secondsToFailure !== null ? `, ${c.secondsToFailure.toFixed(2)} s after the driver loads` : ""}`,
    ),
    "",
    "rollout:",
    ...r.rings.map(
      (ring, i) =>
        `  ring ${i + 1}: ${ring.percent}% (${n(ring.machines)} machines), ${ring.startedAtMinutes === null ? "never started" : `started ${utcTime(ring.startedAtMinutes)}`}`,
    ),
    `  ${r.haltedAtRing === null ? "the health gate did not halt the rollout" : `the health gate halted the rollout at ring ${r.haltedAtRing}`}`,
    `  ${r.revertedAtMinutes === null ? "the update was never reverted" : `fixed content published ${utcTime(r.revertedAtMinutes)}`}`,
    "",
    "outcome over ten days:",
    `  machines crashed             ${n(r.crashed)}`,
    `  most down at once            ${n(r.peakDown)}`,
    `  machine-hours lost           ${n(r.machineHoursLost)}`,
    `  hours until 90% were back    ${r.hoursToRecover90 === null ? "more than 240" : r.hoursToRecover90}`,
    `  sensors failed, machine up   ${n(r.sensorFailed)}`,
    "",
    `cost: ${n(r.cohorts)} cohorts, ${n(r.pieces)} after splits, ${n(r.events)} events`,
    "assumptions (not from any source): see docs/fleet.md; the main ones:",
    ...ASSUMPTIONS.slice(0, 3).map((a) => `  ${a.name}: ${a.value}`),
  ];
  return lines;
}
