// Golden files: the expected output stands beside its input and is compared to the letter. Run the tests
// with UPDATE_GOLDEN=1 to rewrite them, then review the diff; they are never rewritten otherwise.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { expect } from "vitest";

const update = process.env.UPDATE_GOLDEN === "1";

export function expectGolden(expectedPath: string, actual: string): void {
  if (update) writeFileSync(expectedPath, actual);
  expect(existsSync(expectedPath), `${expectedPath} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(
    true,
  );
  expect(actual).toBe(readFileSync(expectedPath, "utf8"));
}
