// docs/kernel.md's stop-code and shell tables are generated from the code; they must match it.
import { describe, expect, it } from "vitest";
import { shellCommandTable, stopCodeTable } from "../../src/kernel/kernelDoc";
import { STOP_CODES } from "../../src/kernel/stopCodes";
import { between, normalize, readDoc } from "../support/docTables";

describe("docs/kernel.md", () => {
  const doc = readDoc("kernel.md");

  it("lists every stop code as the code defines it", () => {
    expect(stopCodeTable().split("\n")).toHaveLength(Object.keys(STOP_CODES).length + 2);
    expect(between(doc, "<!-- stop-codes:start -->", "<!-- stop-codes:end -->")).toBe(
      normalize(stopCodeTable()),
    );
  });

  it("lists every shell command as the shell defines it", () => {
    expect(between(doc, "<!-- shell-commands:start -->", "<!-- shell-commands:end -->")).toBe(
      normalize(shellCommandTable()),
    );
  });
});
