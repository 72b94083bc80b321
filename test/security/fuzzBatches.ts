/**
 * The campaign's batches as tests, one per batch of seeded programs, for either ring; each run is
 * added to `tally`, which the ring's own file then checks as a whole (fuzz-kernel.test.ts,
 * fuzz-user.test.ts). Two files, so vitest runs the rings side by side.
 */
import { describe, expect, test } from "vitest";
import { BATCH, batchesOf, fuzzOne, PER_MODE, seedsOf, type Tally } from "./fuzzCampaign";
import { assembly, generate, type Ring } from "./fuzzPrograms";

export function describeBatches(ring: Ring, tally: Tally): void {
  describe(`fuzz, ${ring} mode`, () => {
    for (const [kind, batch, count] of batchesOf()) {
      test(`${kind}: ${count} programs, batch ${batch}`, { timeout: Math.max(60_000, BATCH * 2_000) }, () => {
        const failures: string[] = [];
        for (const seed of seedsOf(ring, kind, batch, count)) {
          const result = fuzzOne(kind, ring, seed);
          tally.add(result);
          if (result.problems.length > 0)
            failures.push(
              `seed ${seed} (${kind}): ${result.problems.join("; ")}\n${assembly(generate(kind, ring, seed))}`,
            );
        }
        // The long campaign says how far it has got after every batch.
        if (PER_MODE > 2000)
          console.log(`${tally.progress(ring)}, ${failures.length} failures in this batch`);
        expect(failures.slice(0, 3)).toEqual([]);
      });
    }
  });
}
