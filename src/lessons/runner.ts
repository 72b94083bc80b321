/**
 * The headless lesson check: validate the file, set the machine up, make sure no goal is met before
 * the learner does anything, run the solution, and make sure every goal is then met, in order. A
 * lesson with a `wrongTry` is run a second time with the wrong try in the middle of its solution, and
 * every goal must still be met: a learner's failed attempt must not make a goal unreachable. So no
 * lesson can ship unsolvable, solved from the start, or unforgiving.
 */
import type { Diagnostic } from "../shared/diagnostic";
import { describeCheck, explainCheck, unmetParts } from "./checkEval";
import { type Lesson, parseLesson } from "./lesson";
import type { StepSpec } from "./schema";
import { LessonSession } from "./session";
import type { Position } from "./yamlSource";

export interface LessonCheckResult {
  file: string;
  ok: boolean;
  lesson?: Lesson;
  /** Validation errors, or the failures of the run, each at its place. */
  errors: Diagnostic[];
  goalsMet: number;
  /** Machine time the check ran, in cycles. */
  cycles: number;
  /** Whether the run with the lesson's wrong try passed too (undefined: the lesson has none). */
  wrongTry?: boolean;
}

export interface RunOptions {
  /** Run the lesson's wrong try before the solution step it names. */
  wrongTry?: boolean;
  /** Called with each line of the trace: every step, what the console printed, each check's value. */
  trace?: (line: string) => void;
}

function failure(file: string, at: { line: number; col: number }, message: string): Diagnostic {
  return { severity: "error", file, line: at.line, col: at.col, message };
}

interface PlannedStep {
  step: StepSpec;
  /** "solution[3]" or "wrongTry.steps[0]" */
  label: string;
  at: Position;
}

/** The steps to run: the solution, with the wrong try before the step it names when asked for. */
function plan(lesson: Lesson, wrongTry: boolean): PlannedStep[] {
  const steps = lesson.solution.map((step, i) => ({
    step,
    label: `solution[${i}]`,
    at: lesson.positions.solution[i],
  }));
  if (!wrongTry || !lesson.wrongTry) return steps;
  const wrong = lesson.wrongTry.steps.map((step, i) => ({
    step,
    label: `wrongTry.steps[${i}]`,
    at: lesson.positions.wrongTry[i],
  }));
  const before = lesson.wrongTry.before;
  return [...steps.slice(0, before), ...wrong, ...steps.slice(before)];
}

function stepText(step: StepSpec): string {
  const [kind, value] = Object.entries(step)[0] ?? ["?", ""];
  return `${kind}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`;
}

/**
 * A build error in a file that came from one of the lesson's code blocks, at the line of the lesson
 * file where the bad line is written (the disk's line must still be the block's: after an edit that
 * moved it, the error stays at the step). Undefined if the message is no build error of such a file.
 */
export function compileErrorInBlock(lesson: Lesson, message: string): Diagnostic | undefined {
  const match = /(?:^|\s)(\/[^\s:]+):(\d+):(\d+): error: (.*)$/m.exec(message);
  if (!match) return undefined;
  const [, path, lineText, colText, text] = match;
  const block = lesson.files.find((f) => f.path === path && f.origin === "body");
  if (!block) return undefined;
  const line = Number(lineText);
  const sourceLine = /\n {2}(.*)\n {2}[ ]*\^/.exec(message)?.[1];
  const blockLine = block.text.split("\n")[line - 1];
  if (sourceLine !== undefined && blockLine !== undefined && blockLine.replace(/\t/g, " ") !== sourceLine)
    return undefined;
  return failure(
    lesson.file,
    { line: block.line + line, col: Number(colText) },
    `${path}:${line}:${colText}: ${text} (in the code block of ${path})`,
  );
}

/** Runs a parsed lesson's solution (with its wrong try, if asked) and checks its goals. */
export function runLesson(lesson: Lesson, options: RunOptions = {}): LessonCheckResult {
  const trace = options.trace;
  const result: LessonCheckResult = {
    file: lesson.file,
    ok: false,
    lesson,
    errors: [],
    goalsMet: 0,
    cycles: 0,
  };
  const context = options.wrongTry ? " (with the wrong try)" : "";
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
  const console = session.kernel.machine.devices.console;
  let shown = 0;
  const showConsole = () => {
    const text = console.transcript.slice(shown).replace(/\r\n?/g, "\n");
    shown = console.transcript.length;
    if (!trace || !text) return;
    for (const line of text.replace(/\n$/, "").split("\n")) trace(`  | ${line}`);
  };
  const goalsMet: string[] = [];
  let lastExplained = "";
  const showGoals = () => {
    if (!trace) return;
    for (const [i, status] of session.tracker.statuses.entries()) {
      if (status.state !== "met" || goalsMet[i]) continue;
      goalsMet[i] = "met";
      trace(`  goals[${i}] met: ${status.text}`);
    }
    // The active goal's checks, each with its value, whenever one of them changed.
    const active = session.tracker.active;
    if (active < 0) return;
    const lines = explainCheck(lesson.goals[active].check, session.evaluationScope(active));
    const explained = `${active}\n${lines.join("\n")}`;
    if (explained === lastExplained) return;
    lastExplained = explained;
    trace(`  goals[${active}] active:`);
    for (const line of lines) trace(`    ${line}`);
  };
  try {
    trace?.(`${lesson.file}${context}: after the setup`);
    showConsole();
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
    showGoals();

    for (const planned of plan(lesson, options.wrongTry ?? false)) {
      trace?.(`${planned.label}: ${stepText(planned.step)}`);
      const done = session.perform(planned.step);
      showConsole();
      showGoals();
      if (!done.ok) {
        result.errors.push(failure(lesson.file, planned.at, `${planned.label}${context}: ${done.message}`));
        return result;
      }
      if (done.said) trace?.(`  ${planned.label} failed: ${done.said.split("\n")[0]}`);
      // A wrong try may well fail (an insmod of a driver still loaded); the solution's steps may not.
      if (done.said && !planned.label.startsWith("wrongTry")) {
        const firstLine = done.said.split("\n")[0];
        result.errors.push(
          failure(
            lesson.file,
            planned.at,
            `${planned.label}${context}: "${planned.step.shell}" failed: ${firstLine}`,
          ),
        );
        const compileError = compileErrorInBlock(lesson, done.said);
        if (compileError) result.errors.push(compileError);
      }
    }
    session.observe();
    showGoals();
    const tracker = session.tracker;
    result.goalsMet = tracker.statuses.filter((s) => s.state === "met").length;
    const first = tracker.active;
    if (trace) {
      trace("goals at the end:");
      for (const [i, status] of tracker.statuses.entries()) {
        trace(`  goals[${i}] ${status.state}: ${status.text}`);
        if (status.state === "active")
          for (const line of explainCheck(lesson.goals[i].check, session.evaluationScope(i)))
            trace(`    ${line}`);
      }
    }
    if (first >= 0) {
      const machine = session.kernel.bugcheckRecord
        ? `; the machine is on a bluescreen (${session.kernel.bugcheckRecord.stopCode})`
        : "";
      const check = lesson.goals[first].check;
      const unmet = unmetParts(check, session.evaluationScope(first));
      const part =
        unmet.length > 0 && unmet[0] !== describeCheck(check) ? `; not met: ${unmet.join("; ")}` : "";
      result.errors.push(
        failure(
          lesson.file,
          lesson.positions.goals[first],
          `goals[${first}] "${lesson.goals[first].text}" is not met after the solution${context} (${describeCheck(lesson.goals[first].check)})${part}${machine}`,
        ),
      );
    }
    result.ok = result.errors.length === 0;
    return result;
  } finally {
    result.cycles = session.kernel.cyclesSincePowerOn;
    session.dispose();
  }
}

/** Parses and checks one lesson file: its solution, then its wrong try and solution, if it has one. */
export function checkLessonText(
  file: string,
  text: string,
  trace?: (line: string) => void,
): LessonCheckResult {
  const parsed = parseLesson(file, text);
  if (!parsed.ok) return { file, ok: false, errors: parsed.errors, goalsMet: 0, cycles: 0 };
  const result = runLesson(parsed.lesson, { trace });
  if (!result.ok || !parsed.lesson.wrongTry) return result;
  const again = runLesson(parsed.lesson, { wrongTry: true, trace });
  return { ...result, ok: again.ok, errors: again.errors, wrongTry: again.ok };
}

/** The one line `lesson check` prints for a lesson. */
export function summaryLine(result: LessonCheckResult): string {
  const seconds = (result.cycles / 1_000_000).toFixed(1);
  const forgiving = result.wrongTry ? ", and again after its wrong try" : "";
  if (result.ok && result.lesson)
    return `ok    ${result.file}  ${result.lesson.title}: ${result.goalsMet} goals met in ${seconds} s of machine time${forgiving}`;
  const first = result.errors[0];
  const why = first ? `${first.line}:${first.col}: ${first.message}` : "failed";
  const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : "";
  return `FAIL  ${result.file}:${why}${more}`;
}
