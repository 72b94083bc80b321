// Attack case (issue 10, item 8, the lesson part): a "billion laughs" lesson, whose YAML aliases expand
// to 10^9 strings, must get a clear error at the place in the file where the expansion starts, like
// any other mistake in a lesson, and must not reach the host as an exception ("internal error at 1:1").
import { describe, expect, it } from "vitest";
import { parseLesson } from "../../src/lessons/lesson";
import { checkLessonText } from "../../src/lessons/runner";

/** a: ten strings; b: ten a's; ... i: ten h's: 10^9 strings once expanded. */
function billionLaughs(): string {
  const lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  const names = "abcdefghi";
  for (let i = 1; i < names.length; i++)
    lines.push(
      `${names[i]}: &${names[i]} [${Array(10)
        .fill(`*${names[i - 1]}`)
        .join(", ")}]`,
    );
  return [
    "---",
    "id: demo",
    "title: Demo",
    "summary: A demo lesson.",
    "level: beginner",
    "minutes: 10",
    ...lines, // lines 7 to 15
    "goals:",
    "  - text: List the processes.",
    "    check: { console: CYCLES }",
    "solution:",
    "  - shell: ps",
    "---",
    "Intro.",
    "",
    "## What you will see",
    "",
    "x",
    "",
    "## Do it",
    "",
    "y",
    "",
    "## What happened in the real world",
    "",
    "z",
    "",
  ].join("\n");
}

describe("a billion-laughs lesson", () => {
  it("gets one clear error where the aliases first expand too far, not an internal error", () => {
    const started = Date.now();
    const result = parseLesson("bomb.md", billionLaughs());
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    expect(error.message).not.toMatch(/internal error/);
    expect(error.message).toMatch(/^YAML: .*alias/);
    // a holds 11 values, b 111, c 1,111, d 11,111: d's list (line 10, after "d: &d ") is the first
    // past the limit.
    expect([error.line, error.col]).toEqual([10, 7]);
  });

  it("fails lesson check with that error", () => {
    const result = checkLessonText("bomb.md", billionLaughs());
    expect(result.ok).toBe(false);
    expect(result.errors[0].line).toBeGreaterThan(1);
  });
});
