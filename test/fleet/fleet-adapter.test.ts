// The fleet touches the kernel in one file only, so that a change to the kernel's internals is a
// change to src/fleet/machineOutcome.ts and nothing else.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const FLEET = join(import.meta.dirname, "../../src/fleet");

describe("the fleet's kernel adapter", () => {
  it("is the only file of src/fleet that imports the kernel", () => {
    const importers = readdirSync(FLEET).filter((file) =>
      /from\s+["']\.\.\/kernel\//.test(readFileSync(join(FLEET, file), "utf8")),
    );
    expect(importers).toEqual(["machineOutcome.ts"]);
  });
});
