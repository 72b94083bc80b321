/**
 * The seeded fuzz campaign, user mode (issue 10): see fuzzCampaign.ts for what each run must show.
 * `npm test` runs 2,000 programs; `npm run fuzz` runs 100,000 (RINGLAB_FUZZ_PER_MODE).
 */
import { afterAll, describe, expect, test } from "vitest";
import { BATCH, batchesOf, fuzzOne, PER_MODE, seedsOf, Tally } from "./fuzzCampaign";
import { assembly, generate } from "./fuzzPrograms";

const RING = "user";
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

afterAll(() => {
  console.log(tally.summary(RING));
});
