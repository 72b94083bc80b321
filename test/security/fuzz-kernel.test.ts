/**
 * The seeded fuzz campaign, kernel mode (issue 10): see fuzzCampaign.ts for what each run must show.
 * `npm test` runs 2,000 programs; `npm run fuzz` runs 100,000 (RINGLAB_FUZZ_PER_MODE).
 */
import { afterAll, describe, expect, test } from "vitest";
import { describeBatches } from "./fuzzBatches";
import { Tally } from "./fuzzCampaign";

const RING = "kernel";
const tally = new Tally();

describeBatches(RING, tally);

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
