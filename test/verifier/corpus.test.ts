/**
 * The corpus: each case's source, expected verdict, message, line and suggestion (test/verifier/corpus).
 * Every accepted case also runs in kernel mode on the handler machine (test/support/handlerMachine.ts)
 * over varied event feeds and must never fault, hang or touch memory outside its regions, in fewer
 * cycles than the verifier's bound. Precision: at least 95% of the handlers marked safe are accepted.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_STACK_BYTES, formatReport, verify } from "../../src/verifier/verify";
import { runHandler } from "../support/handlerMachine";
import { buildCase, eventFeed, loadCorpus } from "../support/verifierCorpus";

const corpus = loadCorpus();
const CONTENT = new Uint8Array(Array.from({ length: 200 }, (_, i) => (i % 7 === 0 ? 42 : i & 0xff)));

describe("the verifier's corpus", () => {
  it("has at least 80 cases, accepted and rejected", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(80);
    expect(corpus.filter((c) => c.verdict === "accepted").length).toBeGreaterThanOrEqual(30);
    expect(corpus.filter((c) => c.verdict === "rejected").length).toBeGreaterThanOrEqual(30);
  });

  it.each(corpus.map((c) => [c.id, c]))("%s", (_id, c) => {
    const image = buildCase(c);
    expect(image, "builds").toBeDefined();
    if (!image) return;
    const report = verify(image);
    const text = formatReport(report);
    expect(report.accepted ? "accepted" : "rejected", text).toBe(c.verdict);
    if (c.verdict === "rejected") {
      expect(report.messages).toHaveLength(1);
      const m = report.messages[0];
      if (c.message) expect(m.message, text).toContain(c.message);
      if (c.line !== undefined) expect(m.line, text).toBe(c.line);
      if (c.suggestion) expect(m.suggestion ?? "", text).toContain(c.suggestion);
      expect(m.file).toBe(c.file);
    } else {
      expect(report.instructions).toBeGreaterThan(0);
      for (const [seed, atEnd] of [
        [1, true],
        [2, false],
        [3, true],
      ] as const) {
        const run = runHandler(image, eventFeed(seed, 40), {
          stackBytes: DEFAULT_STACK_BYTES,
          cycleBudget: report.cycles + 1,
          contentFile: CONTENT,
          eventAtPageEnd: atEnd,
        });
        expect(run.problem, `${text}\nfeed ${seed}`).toBeUndefined();
        expect(run.maxCycles).toBeLessThanOrEqual(report.cycles);
      }
    }
  });

  it("accepts at least 95% of the safe handlers (precision)", () => {
    const safe = corpus.filter((c) => c.safe === true);
    const accepted = safe.filter((c) => {
      const image = buildCase(c);
      return image !== undefined && verify(image).accepted;
    });
    expect(safe.length).toBeGreaterThanOrEqual(40);
    expect(accepted.length / safe.length).toBeGreaterThanOrEqual(0.95);
  });
});
