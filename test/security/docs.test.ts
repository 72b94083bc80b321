// The host limits documented in docs/isa.md are the ones the devices enforce.
import { describe, expect, it } from "vitest";
import { deviceLimitTable } from "../../src/machine/devices/limits";
import { between, normalize, readDoc } from "../support/docTables";

describe("docs/isa.md, Host limits", () => {
  it("holds exactly the table of src/machine/devices/limits.ts", () => {
    expect(between(readDoc("isa.md"), "<!-- device-limits:start -->", "<!-- device-limits:end -->")).toBe(
      normalize(deviceLimitTable()),
    );
  });
});
