/**
 * What the fleet model takes from the sources (the project's FACTS.md), in one place. Everything else
 * is either measured on an emulated machine (machineClasses.ts) or an assumption (assumptions.ts).
 */

/** The push: 19 July 2024, 04:09 UTC. Fleet time is minutes after it. */
export const PUSH_UTC_HOUR = 4 + 9 / 60;
/** The revert: 05:27 UTC, 78 minutes after the push (CrowdStrike's post-incident review). */
export const JULY_REVERT_MINUTES = 78;
/** Windows starts the recovery environment after two consecutive failed boots (Microsoft, WinRE). */
export const FAILED_BOOTS_BEFORE_RECOVERY = 2;
/** Microsoft's count of crashed devices (20 July 2024). */
export const JULY_CRASHED = 8_500_000;
/** About 99% of sensors were back by 29 July: ten days after the push. */
export const JULY_DAYS_TO_MOST_BACK = 10;
/** The simulated span: ten days. */
export const HORIZON_MINUTES = 10 * 24 * 60;

export const FACT_LINES: readonly string[] = [
  "The bad channel file 291 went out at 04:09 UTC on 19 July 2024 and was reverted at 05:27 UTC (78 minutes).",
  "Only Windows hosts with sensor 7.11 or later (the versions with the IPC template type) that were online in that window received it.",
  "The sensor loads at every boot and the file stays on the disk, so a crashed machine crashes again at each boot; a host that downloaded the fixed file before crashing could recover automatically (a race).",
  "Windows starts its recovery environment after two consecutive failed boots; a machine with BitLocker needs its recovery key there.",
  "The fix by hand: safe mode or the recovery environment, delete the 04:09 channel file, reboot.",
  "About 8.5 million devices crashed; about 99% of sensors were back by 29 July.",
  "Quick Machine Recovery (announced November 2024) repairs from the recovery environment over the network, best effort.",
];
