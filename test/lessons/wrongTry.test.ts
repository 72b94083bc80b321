// Goals that forgive a wrong try: every lesson whose goals ask for a fix declares what a learner is
// likely to try first (wrongTry), and its goals must all still be met when that try comes before the
// right one. The last test shows the kind of goal this catches: lesson 6's old last goal.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { lessonFiles } from "../../src/cli/lesson";
import { formatLessonError } from "../../src/lessons/lesson";
import { runLesson } from "../../src/lessons/runner";
import { parsed } from "./support";

const lessons = lessonFiles().map((file) => parsed(readFileSync(file, "utf8"), `lessons/${basename(file)}`));

/** A goal asks for a fix when it asks the learner to fix, roll back, delete or add a check. */
const asksForAFix = (text: string) => /\b(fix|roll the content back|delete|add a bounds check)\b/i.test(text);

describe("wrong tries", () => {
  it("every lesson whose goals ask for a fix declares a wrong try", () => {
    const needing = lessons.filter((l) => l.goals.some((g) => asksForAFix(g.text)));
    expect(needing.map((l) => l.id)).toEqual(
      expect.arrayContaining([
        "same-driver-user-mode",
        "channel-file-291",
        "boot-loop",
        "crash-far-from-its-bug",
        "checked-mode",
        "restart-policy",
        "content-where-it-runs",
      ]),
    );
    for (const lesson of needing) expect(lesson.wrongTry, lesson.file).toBeDefined();
  });

  for (const lesson of lessons.filter((l) => l.wrongTry)) {
    it(`${lesson.file}: the wrong try, then the solution, still meets every goal`, () => {
      const result = runLesson(lesson, { wrongTry: true });
      expect(result.errors.map(formatLessonError)).toEqual([]);
      expect(result.goalsMet).toBe(lesson.goals.length);
    });
  }

  it("catches a goal that one failed reload makes unreachable (lesson 6's old last goal)", () => {
    const file = lessonFiles().find((f) => basename(f).startsWith("06-")) as string;
    const text = readFileSync(file, "utf8");
    const scoped = `        - sinceLoad: netlog.sys
          all:
            - { loaded: netlog.sys, mode: kernel }
            - { noBugcheck: true }
            - { cyclesElapsed: 5000000 }
`;
    const sequence = `        - sequence:
            - { loaded: netlog.sys, mode: kernel }
            - all:
                - { noBugcheck: true }
                - { cyclesElapsed: 5000000 }
`;
    expect(text).toContain(scoped);
    const old = parsed(text.replace(scoped, sequence), "06-old.md");
    expect(runLesson(old).ok).toBe(true);
    const withWrongTry = runLesson(old, { wrongTry: true });
    expect(withWrongTry.ok).toBe(false);
    expect(withWrongTry.errors[0].message).toMatch(
      /^goals\[3\] "Fix the culprit.*" is not met after the solution \(with the wrong try\)/,
    );
  });
});
