/**
 * The seeded fuzz campaign, user mode (issue 10): see fuzzCampaign.ts for what each run must show.
 * `npm test` runs 2,000 programs; `npm run fuzz` runs 100,000 (RINGLAB_FUZZ_PER_MODE).
 */
import { afterAll } from "vitest";
import { describeBatches } from "./fuzzBatches";
import { Tally } from "./fuzzCampaign";

const RING = "user";
const tally = new Tally();

describeBatches(RING, tally);

afterAll(() => {
  console.log(tally.summary(RING));
});
