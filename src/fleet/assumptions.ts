/**
 * Every number in the fleet model that no source gives: one table, each with what it means and why
 * it is what it is. The page and docs/fleet.md list them from here, labelled as assumptions; the
 * facts the model rests on (FACTS.md) are in facts.ts.
 */

export type Sector = "airline" | "hospital" | "bank" | "retail" | "other";
export const SECTORS: readonly Sector[] = ["airline", "hospital", "bank", "retail", "other"];

export interface SectorProfile {
  /** Share of the sector's sensor hosts among all sensor hosts. */
  weight: number;
  /** Share of its machines that are on around the clock (servers, kiosks, check-in desks, wards). */
  alwaysOn: number;
  /** Share of its machines with BitLocker-style disk encryption (recovery needs the key). */
  encrypted: number;
  /** Machines per IT person who can remediate by hand, round the clock, during the crisis. */
  machinesPerStaff: number;
}

export interface Region {
  name: string;
  /** Offset from UTC in July, in hours. */
  utcOffset: number;
  /** Share of the sensor hosts in this time zone. */
  weight: number;
}

export interface Assumption {
  name: string;
  value: string;
  why: string;
}

export const ASSUMED = {
  /**
   * Windows hosts running the sensor: no source gives it. Chosen (calibrated) so that the July 2024
   * push crashes about 8.5 million of them. Microsoft's "under 1% of Windows machines" bounds it
   * from the other side only loosely.
   */
  defaultMachines: 12_400_000,
  /** Share of hosts on sensor 7.11 or later, the versions with the IPC template type. */
  templateTypeShare: 0.93,
  sectors: {
    airline: { weight: 0.05, alwaysOn: 0.7, encrypted: 0.6, machinesPerStaff: 350 },
    hospital: { weight: 0.15, alwaysOn: 0.65, encrypted: 0.5, machinesPerStaff: 450 },
    bank: { weight: 0.2, alwaysOn: 0.45, encrypted: 0.9, machinesPerStaff: 300 },
    retail: { weight: 0.2, alwaysOn: 0.55, encrypted: 0.4, machinesPerStaff: 500 },
    other: { weight: 0.4, alwaysOn: 0.35, encrypted: 0.6, machinesPerStaff: 400 },
  } satisfies Record<Sector, SectorProfile>,
  regions: [
    { name: "US Pacific", utcOffset: -7, weight: 0.12 },
    { name: "US Eastern", utcOffset: -4, weight: 0.3 },
    { name: "UK", utcOffset: 1, weight: 0.08 },
    { name: "Central Europe", utcOffset: 2, weight: 0.2 },
    { name: "India", utcOffset: 5.5, weight: 0.06 },
    { name: "China and Singapore", utcOffset: 8, weight: 0.1 },
    { name: "Japan", utcOffset: 9, weight: 0.06 },
    { name: "Eastern Australia", utcOffset: 10, weight: 0.08 },
  ] satisfies Region[],
  /** Machines that are not always on are on from 07:00 to 19:00 local time, every day. */
  officeOpens: 7,
  officeCloses: 19,
  /** Minutes from a machine being online (and its ring being deployed) to it having the new content. */
  contentPollMinutes: 5,
  /** Minutes from one crash to the sensor loading again in the next boot. */
  bootMinutes: 3,
  /**
   * Mean time for the sensor to fetch the fixed content once the network is up, in seconds of the
   * emulated machine's time; each boot races it against the emulator's measured time to the crash.
   */
  downloadMeanSeconds: 2,
  /** Hours after the push before IT staff start remediating by hand (noticed, guidance out, on site). */
  remediationStartHours: 3,
  /** Minutes of one IT person per machine: boot to recovery, delete the file, reboot. */
  minutesPerMachine: 20,
  /** The same with disk encryption: find and type the recovery key first. */
  minutesPerEncryptedMachine: 35,
  /** Automatic recovery (Quick Machine Recovery-like): share of machines it fixes, best effort. */
  automaticRecoverySuccess: 0.6,
  /** Minutes it takes from the recovery screen (network, download, fix, reboot). */
  automaticRecoveryMinutes: 40,
  /** Most organisations; fewer when the fleet is small (the square root of the machine count). */
  maxOrganisations: 2000,
  /** Organisation sizes follow a Pareto law with this exponent (a few very large, many small). */
  organisationSizeExponent: 1.2,
} as const;

export const ASSUMPTIONS: readonly Assumption[] = [
  {
    name: "Windows hosts running the sensor",
    value: `${ASSUMED.defaultMachines.toLocaleString("en-US")}`,
    why: "no source gives it; chosen so that the July 2024 push crashes about 8.5 million",
  },
  {
    name: "Hosts on sensor 7.11 or later",
    value: `${ASSUMED.templateTypeShare * 100}%`,
    why: "the IPC template type shipped with 7.11 in February; most hosts update within months",
  },
  {
    name: "Time zones of the hosts",
    value: ASSUMED.regions.map((r) => `${r.name} ${Math.round(r.weight * 100)}%`).join(", "),
    why: "a guess at where the sensor's customers are; it decides who was at work at 04:09 UTC",
  },
  {
    name: "Sectors",
    value: Object.entries(ASSUMED.sectors)
      .map(([s, p]) => `${s} ${Math.round(p.weight * 100)}%`)
      .join(", "),
    why: "airlines, hospitals, banks and retail were the most visible; the rest is 'other'",
  },
  {
    name: "Always-on machines",
    value: Object.entries(ASSUMED.sectors)
      .map(([s, p]) => `${s} ${Math.round(p.alwaysOn * 100)}%`)
      .join(", "),
    why: "servers, kiosks, check-in desks and ward computers stay on; the rest is on 07:00 to 19:00 local",
  },
  {
    name: "Disk encryption",
    value: Object.entries(ASSUMED.sectors)
      .map(([s, p]) => `${s} ${Math.round(p.encrypted * 100)}%`)
      .join(", "),
    why: "BitLocker-style encryption is common on laptops and required in banking",
  },
  {
    name: "IT staff",
    value: Object.entries(ASSUMED.sectors)
      .map(([s, p]) => `${s} 1 per ${p.machinesPerStaff}`)
      .join(", "),
    why: "people who can fix machines by hand, round the clock, once remediation starts",
  },
  {
    name: "Manual fix",
    value: `${ASSUMED.minutesPerMachine} min a machine, ${ASSUMED.minutesPerEncryptedMachine} with encryption, from ${ASSUMED.remediationStartHours} h after the push`,
    why: "recovery environment or safe mode, delete the file, reboot; the recovery key first when encrypted",
  },
  {
    name: "Content pick-up",
    value: `${ASSUMED.contentPollMinutes} min after a machine is online in a deployed ring`,
    why: "content updates reach connected hosts within minutes",
  },
  {
    name: "Reboot",
    value: `${ASSUMED.bootMinutes} min from a crash to the sensor loading again`,
    why: "a typical restart",
  },
  {
    name: "Fixed file's download",
    value: `exponential, mean ${ASSUMED.downloadMeanSeconds} s of the emulated machine's time`,
    why: "raced at each boot against the crash time the emulator measures",
  },
  {
    name: "Automatic recovery (when on)",
    value: `${ASSUMED.automaticRecoverySuccess * 100}% of machines, ${ASSUMED.automaticRecoveryMinutes} min after the recovery screen`,
    why: "Quick Machine Recovery is described as best effort; no success rate is published",
  },
];

/** The assumptions as the Markdown table of docs/fleet.md (a test compares the two). */
export function assumptionTable(): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  return [
    "| Assumption | Value | Why |",
    "| --- | --- | --- |",
    ...ASSUMPTIONS.map((a) => `| ${cell(a.name)} | ${cell(a.value)} | ${cell(a.why)} |`),
  ].join("\n");
}
