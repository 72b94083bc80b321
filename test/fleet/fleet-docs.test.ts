// docs/fleet.md is checked against the code: its assumption table is the one the code uses.
import { describe, expect, it } from "vitest";
import { assumptionTable } from "../../src/fleet/assumptions";
import { between, normalize, readDoc } from "../support/docTables";

describe("docs/fleet.md", () => {
  it("lists the assumptions as src/fleet/assumptions.ts has them", () => {
    expect(between(readDoc("fleet.md"), "<!-- assumptions:start -->", "<!-- assumptions:end -->")).toBe(
      normalize(assumptionTable()),
    );
  });
});
