/**
 * The headless lesson check: validate the file, set the machine up, make sure no goal is met before
 * the learner does anything, run the solution, and make sure every goal is then met, in order. So no
 * lesson can ship unsolvable, or solved from the start.
 */
import type { Diagnostic } from "../shared/diagnostic";
import { describeCheck } from "./checkEval";
import { type Lesson, parseLesson } from "./lesson";
import { LessonSession } from "./session";

export interface LessonCheckResult {
  file: string;
  ok: boolean;
  lesson?: Lesson;
  /** Validation errors, or the one failure of the run, each at its place. */
  errors: Diagnostic[];
  goalsMet: number;
  /** Machine time the check ran, in cycles. */
  cycles: number;
}

function failure(file: string, at: { line: number; col: number }, message: string): Diagnostic {
  return { severity: "error", file, line: at.line, col: at.col, message };
}

/** Runs a parsed lesson's solution and checks its goals. */
export function runLesson(lesson: Lesson): LessonCheckResult {
  const result: LessonCheckResult = {
    file: lesson.file,
    ok: false,
    lesson,
    errors: [],
    goalsMet: 0,
    cycles: 0,
  };
  const started = LessonSession.start(lesson);
  if (!started.ok) {
    result.errors.push(
      failure(
        lesson.file,
        lesson.positions.setup[started.step],
        `machine.setup[${started.step}]: ${started.message}`,
      ),
    );
    return result;
  }
  const session = started.session;
  try {
    const early = session.tracker.metAtStart();
    for (const i of early)
      result.errors.push(
        failure(
          lesson.file,
          lesson.positions.goals[i],
          `goals[${i}] is already met before the learner does anything (${describeCheck(lesson.goals[i].check)})`,
        ),
      );
    if (early.length > 0) return result;

    for (let i = 0; i < lesson.solution.length; i++) {
      const done = session.perform(lesson.solution[i]);
      if (!done.ok) {
        result.errors.push(
          failure(lesson.file, lesson.positions.solution[i], `solution[${i}]: ${done.message}`),
        );
        return result;
      }
    }
    session.observe();
    const tracker = session.tracker;
    result.goalsMet = tracker.statuses.filter((s) => s.state === "met").length;
    const first = tracker.active;
    if (first >= 0) {
      const machine = session.kernel.bugcheckRecord
        ? `; the machine is on a bluescreen (${session.kernel.bugcheckRecord.stopCode})`
        : "";
      result.errors.push(
        failure(
          lesson.file,
          lesson.positions.goals[first],
          `goals[${first}] "${lesson.goals[first].text}" is not met after the solution (${describeCheck(lesson.goals[first].check)})${machine}`,
        ),
      );
      return result;
    }
    result.ok = true;
    return result;
  } finally {
    result.cycles = session.kernel.cyclesSincePowerOn;
    session.dispose();
  }
}

/** Parses and checks one lesson file. */
export function checkLessonText(file: string, text: string): LessonCheckResult {
  const parsed = parseLesson(file, text);
  if (!parsed.ok) return { file, ok: false, errors: parsed.errors, goalsMet: 0, cycles: 0 };
  return runLesson(parsed.lesson);
}

/** The one line `lesson check` prints for a lesson. */
export function summaryLine(result: LessonCheckResult): string {
  const seconds = (result.cycles / 1_000_000).toFixed(1);
  if (result.ok && result.lesson)
    return `ok    ${result.file}  ${result.lesson.title}: ${result.goalsMet} goals met in ${seconds} s of machine time`;
  const first = result.errors[0];
  const why = first ? `${first.line}:${first.col}: ${first.message}` : "failed";
  const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : "";
  return `FAIL  ${result.file}:${why}${more}`;
}
