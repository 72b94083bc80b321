/**
 * The population: organisations (sector, time zone, size, IT staff) and, inside each, groups of
 * machines with identical parameters — sensor version, always on or office hours, disk encryption,
 * deployment ring. A group is the unit the simulation moves (a cohort); no machine is ever an object.
 *
 * Machines are numbered in one line, organisation after organisation (sorted by time zone, so the
 * fleet picture reads from the Americas to Australia), group after group: a cohort is a range of that
 * line, which is what the fleet picture draws.
 */
import { ASSUMED, type Region, SECTORS, type Sector } from "./assumptions";
import { apportion, FleetRandom } from "./random";

export interface Organisation {
  id: number;
  sector: Sector;
  region: Region;
  machines: number;
  /** People who remediate by hand. */
  staff: number;
}

export interface Cohort {
  org: number;
  /** Ring index, 0-based. */
  ring: number;
  /** Sensor 7.11 or later: it has the IPC template type. */
  templateType: boolean;
  alwaysOn: boolean;
  encrypted: boolean;
  /** The first machine's number and how many machines. */
  start: number;
  count: number;
}

export interface Population {
  machines: number;
  organisations: Organisation[];
  cohorts: Cohort[];
  /** Machines in each ring. */
  ringSizes: number[];
}

/** Organisation sizes: a Pareto law, a few large and many small. */
function organisationSizes(machines: number, random: FleetRandom): number[] {
  const count = Math.max(1, Math.min(ASSUMED.maxOrganisations, Math.round(Math.sqrt(machines))));
  const weights: number[] = [];
  for (let i = 0; i < count; i++)
    weights.push((1 - random.next()) ** (-1 / ASSUMED.organisationSizeExponent));
  return apportion(machines, weights).sort((a, b) => b - a);
}

/**
 * Deals organisations, largest first, to the sector and time zone whose share of machines is furthest
 * below its assumed weight: the fleet's mix matches the assumptions whatever the seed.
 */
function dealOrganisations(sizes: number[]): { sector: Sector; region: Region }[] {
  const cells: { sector: Sector; region: Region; target: number; got: number }[] = [];
  const total = sizes.reduce((a, b) => a + b, 0);
  for (const sector of SECTORS)
    for (const region of ASSUMED.regions)
      cells.push({ sector, region, target: ASSUMED.sectors[sector].weight * region.weight * total, got: 0 });
  return sizes.map((size) => {
    let best = cells[0];
    for (const cell of cells) if (cell.target - cell.got > best.target - best.got) best = cell;
    best.got += size;
    return { sector: best.sector, region: best.region };
  });
}

/**
 * Splits a group of n machines, the ones numbered from `start`, into rings by systematic sampling:
 * ring r gets the machines whose place in the whole line falls in its share. Each ring is a sample of
 * the whole fleet (every time zone, sector and organisation), and the ring totals are exact.
 */
function ringCounts(
  start: number,
  n: number,
  shares: readonly number[],
  offsets: readonly number[],
): number[] {
  const counts: number[] = [];
  let left = n;
  for (let r = 0; r < shares.length - 1; r++) {
    const inRing =
      Math.floor((start + n) * shares[r] + offsets[r]) - Math.floor(start * shares[r] + offsets[r]);
    counts.push(Math.min(left, inRing));
    left -= counts[r];
  }
  counts.push(left);
  return counts;
}

interface Kind {
  templateType: boolean;
  alwaysOn: boolean;
  encrypted: boolean;
  weight: number;
}

/** For each sector, the eight kinds of machine (version x always on x encrypted) and their shares. */
const KINDS = Object.fromEntries(
  SECTORS.map((sector) => {
    const profile = ASSUMED.sectors[sector];
    const kinds: Kind[] = [];
    for (const templateType of [true, false])
      for (const alwaysOn of [true, false])
        for (const encrypted of [true, false])
          kinds.push({
            templateType,
            alwaysOn,
            encrypted,
            weight:
              (templateType ? ASSUMED.templateTypeShare : 1 - ASSUMED.templateTypeShare) *
              (alwaysOn ? profile.alwaysOn : 1 - profile.alwaysOn) *
              (encrypted ? profile.encrypted : 1 - profile.encrypted),
          });
    return [sector, kinds];
  }),
) as Record<Sector, Kind[]>;

export function buildPopulation(machines: number, ringPercents: readonly number[], seed: number): Population {
  const random = new FleetRandom(seed);
  const sizes = organisationSizes(machines, random).filter((s) => s > 0);
  const dealt = dealOrganisations(sizes);
  const organisations: Organisation[] = sizes
    .map((size, i) => ({
      id: i,
      sector: dealt[i].sector,
      region: dealt[i].region,
      machines: size,
      staff: Math.max(1, Math.round(size / ASSUMED.sectors[dealt[i].sector].machinesPerStaff)),
    }))
    .sort((a, b) => a.region.utcOffset - b.region.utcOffset || b.machines - a.machines)
    .map((o, id) => ({ ...o, id }));

  const totalPercent = ringPercents.reduce((a, b) => a + b, 0);
  const shares = ringPercents.map((p) => p / totalPercent);
  const offsets = ringPercents.map(() => random.next());
  const ringSizes = ringPercents.map(() => 0);
  const cohorts: Cohort[] = [];
  let next = 0;
  for (const org of organisations) {
    const kinds = KINDS[org.sector];
    const counts = apportion(
      org.machines,
      kinds.map((k) => k.weight),
    );
    kinds.forEach((kind, k) => {
      const byRing = ringCounts(next, counts[k], shares, offsets);
      byRing.forEach((count, ring) => {
        if (count === 0) return;
        cohorts.push({
          org: org.id,
          ring,
          templateType: kind.templateType,
          alwaysOn: kind.alwaysOn,
          encrypted: kind.encrypted,
          start: next,
          count,
        });
        ringSizes[ring] += count;
        next += count;
      });
    });
  }
  return { machines: next, organisations, cohorts, ringSizes };
}
