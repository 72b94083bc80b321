/**
 * Every corpus case's whole report, to the letter: the verdict, the message with its instruction, the
 * branch decisions on the way, what is known there, the suggestion, and the figures of an accepted
 * handler (loops, cycles, stack). The corpus test checks only a part of each message; this golden file
 * holds all of it, so that work on the analysis's speed cannot change a word learners read unnoticed.
 * The `states` figure is left out: it counts the analysis's work, which is free to change.
 */
import { join } from "node:path";
import { describe, it } from "vitest";
import { formatReport, verify } from "../../src/verifier/verify";
import { expectGolden } from "../support/golden";
import { buildCase, loadCorpus } from "../support/verifierCorpus";

const GOLDEN = join(import.meta.dirname, "../golden/verifier/corpus-reports.txt");

describe("the verifier's reports", () => {
  it("are word for word those of test/golden/verifier/corpus-reports.txt", () => {
    const lines: string[] = [];
    for (const c of loadCorpus()) {
      const image = buildCase(c);
      if (!image) {
        lines.push(`== ${c.id}`, "does not build", "");
        continue;
      }
      const report = verify(image);
      const text = formatReport({ ...report, states: 0 }).replace(", 0 states", "");
      lines.push(`== ${c.id}`, `instructions ${report.instructions}, loops ${report.loops}`, text, "");
    }
    expectGolden(GOLDEN, lines.join("\n"));
  });
});
