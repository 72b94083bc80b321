/**
 * How crashed machines come back. Three ways, in the order a machine meets them:
 *
 *   1. The race. The sensor loads at every boot and the bad file is still on the disk, so the crash
 *      comes again — unless, once the fixed file is published, the sensor fetches it before the crash.
 *      The emulator measures how long the crash takes after the driver loads; the download time is an
 *      assumption (exponential). After two failed boots Windows stops trying: the recovery screen.
 *   2. Automatic recovery (optional, Quick Machine Recovery-like): from the recovery screen, best effort.
 *   3. By hand: each organisation's IT staff fix machines one after another, minutes per machine, more
 *      with disk encryption (the recovery key). A fluid queue per organisation: n machines that join
 *      at t are fixed evenly between the moment the staff get to them and the moment they are done.
 */
import { ASSUMED } from "./assumptions";
import type { ClassTable } from "./machineClasses";
import type { Organisation } from "./population";

/**
 * The chance that one boot wins the race: the fixed file arrives before the crash. Zero when the
 * update does not crash at all (nothing to race) or when the revert itself crashes (it is no fix).
 */
export function raceWinProbability(table: ClassTable): number {
  const toCrash = table.update.secondsToFailure;
  if (table.update.effect !== "crash" || toCrash === null || table.revert.effect === "crash") return 0;
  return 1 - Math.exp(-toCrash / ASSUMED.downloadMeanSeconds);
}

export class ManualRemediation {
  private readonly busyUntil: Float64Array;

  constructor(
    private readonly organisations: readonly Organisation[],
    /** Minutes after the push at which remediation starts. */
    private readonly startsAt: number,
  ) {
    this.busyUntil = new Float64Array(organisations.length);
  }

  /** Queues n machines of an organisation at time t; when the staff start on them and finish. */
  enqueue(org: number, count: number, encrypted: boolean, t: number): { start: number; end: number } {
    const minutes = encrypted ? ASSUMED.minutesPerEncryptedMachine : ASSUMED.minutesPerMachine;
    const start = Math.max(t, this.startsAt, this.busyUntil[org]);
    const end = start + (count * minutes) / this.organisations[org].staff;
    this.busyUntil[org] = end;
    return { start, end };
  }
}
