/**
 * The seeded fuzz campaign, kernel mode (issue 10): see fuzzCampaign.ts for what each run must show.
 * `npm test` runs 2,000 programs; `npm run fuzz` runs 100,000 (RINGLAB_FUZZ_PER_MODE).
 */
import { afterAll, describe, expect, test } from "vitest";
import { BATCH, batchesOf, fuzzOne, PER_MODE, seedsOf, Tally } from "./fuzzCampaign";
import { assembly, generate } from "./fuzzPrograms";

const RING = "kernel";
const tally = new Tally();

describe(`fuzz, ${RING} mode`, () => {
  for (const [kind, batch, count] of batchesOf()) {
    test(`${kind}: ${count} programs, batch ${batch}`, { timeout: Math.max(60_000, BATCH * 2_000) }, () => {
      const failures: string[] = [];
      for (const seed of seedsOf(RING, kind, batch, count)) {
        const result = fuzzOne(kind, RING, seed);
        tally.add(result);
        if (result.problems.length > 0)
          failures.push(
            `seed ${seed} (${kind}): ${result.problems.join("; ")}\n${assembly(generate(kind, RING, seed))}`,
          );
      }
      // The long campaign says how far it has got after every batch.
      if (PER_MODE > 2000) console.log(`${tally.progress(RING)}, ${failures.length} failures in this batch`);
      expect(failures.slice(0, 3)).toEqual([]);
    });
  }
});

describe(`fuzz, ${RING} mode: what the whole campaign must show`, () => {
  // These read the tally of the batches above (a file's tests run in order).
  test("no run stops the machine without a stop code (halt with interrupts off), or powers it off unnamed", () => {
    expect(tally.off).toEqual([]);
  });

  test("a bugcheck for a fault whose pc is inside the driver's image names the driver, triple faults included", () => {
    expect(tally.unnamed).toEqual([]);
  });
});

afterAll(() => {
  if (tally.off.length > 0)
    console.log(`  stopped without a stop code (item 3): ${tally.off.slice(0, 10).join(", ")}`);
  if (tally.unnamed.length > 0)
    console.log(`  bugchecks not naming the driver (item 4): ${tally.unnamed.slice(0, 10).join(", ")}`);
  console.log(tally.summary(RING));
});
