/**
 * Lessons in the app: the lesson list with progress, the open lesson on its own machine, its goals
 * ticking as they are met, hints on request, reset, and lesson files an instructor opens from disk.
 * No DOM: the page's lesson panel draws what is here and calls these methods.
 *
 * The open lesson's machine is built by the lesson code (lessons/session.ts, the same the headless
 * checker uses) and handed to the workbench through a LessonHost, so the console, the editor and the
 * views all work on it. The store's `lesson` slice holds only what is small and shareable (which
 * lesson, which goals are met, how many hints were shown); the catalog and the lesson's text stay here.
 */

import { Kernel } from "../kernel/kernel";
import { eventsSince } from "../kernel/kernelLog";
import type { SectionKind } from "../lessons/body";
import { linkLessons } from "../lessons/course";
import { formatLessonError, type Lesson, parseLesson } from "../lessons/lesson";
import { type LessonMachineOptions, LessonSession } from "../lessons/session";
import { NO_LESSON } from "./lesson";
import { buildCatalog, type Catalog, type CatalogEntry, entryOf, type LessonSource } from "./lessonCatalog";
import { loadFeedback } from "./lessonFeedback";
import {
  advance,
  type KeyValueStorage,
  type LessonProgress,
  loadProgress,
  NO_PROGRESS,
  type ProgressMap,
  saveProgress,
} from "./lessonProgress";
import type { Session } from "./session";
import type { AppState } from "./state";
import type { Store } from "./store";

/** What the controller needs from the workbench: a machine slot and a keyboard. */
export interface LessonHost {
  /**
   * From now on new machines come from `factory` (a lesson's, already booted and set up), or from the
   * scenario when it is undefined; a new machine replaces the current one at once.
   */
  useMachine(factory: (() => Kernel) | undefined): void;
  /** Types text into the machine's console, as the keyboard would. */
  type(text: string): void;
  /** Opens a file of the current machine's disk in the editor (the workbench has one; the CLI not). */
  openFile?(path: string): void;
  /** Whether the machine stands in the past (the learner went back in time with the workbench's history). */
  inPast?(): boolean;
}

/**
 * The file a lesson opens in the editor: the first program or driver its text shows, else the first
 * one it puts on the disk.
 */
export function lessonFile(lesson: Lesson): string | undefined {
  const code = (f: Lesson["files"][number]) => /\.(c|s)$/.test(f.path);
  return (lesson.files.find((f) => f.origin === "body" && code(f)) ?? lesson.files.find(code))?.path;
}

/** The workbench session as the lesson host. */
export function sessionHost(session: Session): LessonHost {
  return {
    useMachine: (factory) => session.useMachine(factory),
    type: (text) => session.type(text),
    inPast: () => !session.history.atHead,
  };
}

/** The id the lesson slice holds while the panel shows the lesson list rather than a lesson. */
export const LESSON_LIST = "#lessons";

export type GoalState = "met" | "active" | "waiting";

/** The lesson slice's `data` while a lesson is open: small, plain, shareable. */
export interface LessonStatus {
  kind: "lesson";
  goals: GoalState[];
  hintsShown: number;
  complete: boolean;
  /** Increases at every reset, so views start over. */
  attempt: number;
  /** Set when the lesson's machine could not be set up (a broken lesson file). */
  problem: string | null;
  /** What the current goal expected, after the learner did something else (loaded another driver). */
  feedback: string | null;
}

/** The lesson slice's `data` while the list is shown. */
export interface LessonListStatus {
  kind: "list";
  /** The last lesson file opened from disk that had errors, with them (FILE:LINE:COL: message). */
  opened: { file: string; errors: string[] } | null;
}

export type LessonData = LessonStatus | LessonListStatus;

export interface LessonControllerOptions {
  /** Where progress is kept between visits (localStorage in the page). */
  storage?: KeyValueStorage;
  /** Added to each lesson machine (the page gives the firmware's safe-mode wait). */
  machine?: LessonMachineOptions;
}

export class LessonController {
  private catalog: Catalog;
  private progress: ProgressMap;
  private lesson: Lesson | undefined;
  private session: LessonSession | undefined;
  private attempt = 0;

  constructor(
    private readonly store: Store<AppState>,
    private readonly host: LessonHost,
    sources: readonly LessonSource[],
    private readonly options: LessonControllerOptions = {},
  ) {
    this.catalog = buildCatalog(sources);
    this.progress = loadProgress(options.storage);
  }

  /** The lesson list, in course order, each with its progress (broken files last, with errors). */
  list(): (CatalogEntry & { progress: LessonProgress })[] {
    return this.catalog.entries.map((e) => ({ ...e, progress: this.progress[e.id] ?? NO_PROGRESS }));
  }

  /** The open lesson (its text, sections and runs), if any. */
  current(): Lesson | undefined {
    return this.lesson;
  }

  /** The open lesson's machine and goals, if any. */
  currentSession(): LessonSession | undefined {
    return this.session;
  }

  status(): LessonData | null {
    return (this.store.get().lesson.data as LessonData | null) ?? null;
  }

  /** Shows the lesson list in the panel (the machine stays as it is). */
  browse(): void {
    this.store.update((s) => {
      s.lesson = {
        id: LESSON_LIST,
        title: "Lessons",
        data: { kind: "list", opened: null } satisfies LessonListStatus,
      };
    });
  }

  /** Opens a lesson on a fresh machine of its own; false if there is no such lesson. */
  open(id: string): boolean {
    const lesson = this.catalog.lessons.get(id);
    if (!lesson) return false;
    this.lesson = lesson;
    this.attempt = 0;
    this.store.update((s) => {
      s.lesson = { id: lesson.id, title: lesson.title, data: this.initialStatus(lesson) };
    });
    this.host.useMachine(() => this.newMachine());
    this.openLessonFile();
    return true;
  }

  /** Starts the open lesson again from its setup: a new machine, the goals from the first. */
  reset(): void {
    if (!this.lesson) return;
    this.host.useMachine(() => this.newMachine());
    this.openLessonFile();
  }

  /** The lesson's own file goes into the editor, read from the lesson's machine (now that it is in place). */
  private openLessonFile(): void {
    const file = this.lesson && lessonFile(this.lesson);
    if (file) this.host.openFile?.(file);
  }

  /** Closes the lesson: the workbench gets the scenario's machine back. */
  close(): void {
    this.endSession();
    this.lesson = undefined;
    this.host.useMachine(undefined);
    this.store.update((s) => {
      s.lesson = NO_LESSON;
    });
  }

  /** Reveals the next hint; its text, or undefined when there are no more. */
  showHint(): string | undefined {
    const lesson = this.lesson;
    const status = this.status();
    if (!lesson || status?.kind !== "lesson") return undefined;
    const hints = lesson.hints ?? [];
    if (status.hintsShown >= hints.length) return undefined;
    const shown = status.hintsShown + 1;
    this.updateStatus((s) => {
      s.hintsShown = shown;
    });
    const before = this.progress[lesson.id] ?? NO_PROGRESS;
    this.saveFor(lesson.id, { ...before, hintsShown: Math.max(before.hintsShown, shown) });
    return hints[shown - 1];
  }

  /** Types a run block's commands into the console; false if there is no such block. */
  run(index: number): boolean {
    const block = this.lesson?.runs[index];
    if (!block) return false;
    this.host.type(block.commands.map((c) => `${c}\r`).join(""));
    return true;
  }

  /**
   * Evaluates the open lesson's goals; the indexes newly met. The page calls it as the machine runs
   * (attach() does it on every change of the clock, the timeline or the machine).
   */
  observe(): number[] {
    const session = this.session;
    const lesson = this.lesson;
    if (!session || !lesson) return [];
    this.answerLoads(session, lesson);
    const met = session.observe();
    const goals = session.tracker.statuses.map((g) => g.state);
    const status = this.status();
    if (status?.kind === "lesson" && sameGoals(status.goals, goals) && met.length === 0) return met;
    const complete = session.tracker.allMet;
    this.updateStatus((s) => {
      s.goals = goals;
      s.complete = complete;
      // A goal met: whatever was said about the last one no longer applies.
      if (met.length > 0) s.feedback = null;
    });
    const count = goals.filter((g) => g === "met").length;
    this.saveFor(lesson.id, advance(this.progress[lesson.id], count, goals.length));
    return met;
  }

  /**
   * A lesson file an instructor opened from disk: valid, it joins the list and opens; with errors, the
   * list shows them. The errors, or an empty list.
   */
  openFile(file: string, text: string): string[] {
    const parsed = parseLesson(file, text);
    if (!parsed.ok) {
      const errors = parsed.errors.map(formatLessonError);
      this.store.update((s) => {
        s.lesson = { id: LESSON_LIST, title: "Lessons", data: { kind: "list", opened: { file, errors } } };
      });
      return errors;
    }
    // Its links to other lessons are numbered as the course stands with it in.
    const others = [...this.catalog.lessons.values()].filter((l) => l.id !== parsed.lesson.id);
    const lesson =
      linkLessons([...others, parsed.lesson]).find((l) => l.id === parsed.lesson.id) ?? parsed.lesson;
    this.catalog.lessons.set(lesson.id, lesson);
    const entries = this.catalog.entries.filter((e) => e.id !== lesson.id);
    this.catalog = { ...this.catalog, entries: [...entries, entryOf(lesson)] };
    this.open(lesson.id);
    return [];
  }

  /**
   * Follows the store: evaluates goals as the machine runs, and opens a lesson the store names that is
   * not open yet (a share link). Returns the unsubscribe.
   */
  attach(): () => void {
    const observe = () => {
      this.observe();
    };
    const stops = [
      this.store.subscribe((s) => s.clock, observe),
      this.store.subscribe((s) => s.timeline, observe),
      this.store.subscribe((s) => s.machine, observe),
      this.store.subscribe(
        (s) => s.lesson.id,
        (id) => {
          if (id !== null && id !== LESSON_LIST && id !== this.lesson?.id) {
            const hints = (this.store.get().lesson.data as Partial<LessonStatus> | null)?.hintsShown;
            if (this.open(id) && typeof hints === "number")
              this.updateStatus((s) => {
                s.hintsShown = Math.max(0, Math.min(hints, this.lesson?.hints?.length ?? 0));
              });
          }
        },
      ),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }

  // ---- Internals -------------------------------------------------------------------------------------

  private initialStatus(lesson: Lesson): LessonStatus {
    return {
      kind: "lesson",
      goals: lesson.goals.map((_, i) => (i === 0 ? "active" : "waiting")),
      hintsShown: 0,
      complete: false,
      attempt: this.attempt,
      problem: null,
      feedback: null,
    };
  }

  /** The factory the host calls for each new machine of the open lesson. */
  private newMachine(): Kernel {
    const lesson = this.lesson as Lesson;
    this.endSession();
    this.attempt++;
    // The workbench's session keeps the machine's history: the lesson's must not keep a second one.
    const started = LessonSession.start(lesson, { ...this.options.machine, history: false });
    const hints = this.status()?.kind === "lesson" ? (this.status() as LessonStatus).hintsShown : 0;
    const fresh = { ...this.initialStatus(lesson), hintsShown: hints, attempt: this.attempt };
    if (!started.ok) {
      // A broken lesson: say so, and give the learner a plain machine rather than none.
      this.updateStatus(() => ({ ...fresh, problem: `machine.setup[${started.step}]: ${started.message}` }));
      const kernel = new Kernel(this.options.machine);
      kernel.boot();
      return kernel;
    }
    this.session = started.session;
    this.loadsSeen = started.session.kernel.log.nextSeq;
    const host = this.host;
    if (host.inPast) started.session.inPast = () => host.inPast?.() ?? false;
    this.updateStatus(() => fresh);
    return started.session.kernel;
  }

  /** The log's sequence number up to which driver loads have been answered. */
  private loadsSeen = 0;

  /**
   * A driver loaded that the current goal does not ask for: say what it expected. Read from the log
   * before the goals move on, so the goal that was active when the learner loaded it is the one asked.
   */
  private answerLoads(session: LessonSession, lesson: Lesson): void {
    const log = session.kernel.log;
    const loads = eventsSince(log, this.loadsSeen).filter((e) => e.kind === "driver-load");
    this.loadsSeen = log.nextSeq;
    const last = loads.at(-1);
    if (last?.kind !== "driver-load") return;
    const active = session.tracker.active;
    const goal = active >= 0 ? lesson.goals[active] : undefined;
    const feedback = goal ? loadFeedback(goal.check, last.driver, last.mode) : null;
    this.updateStatus((s) => {
      s.feedback = feedback;
    });
  }

  private endSession(): void {
    this.session?.dispose();
    this.session = undefined;
  }

  private updateStatus(change: (status: LessonStatus) => LessonStatus | undefined): void {
    this.store.update((s) => {
      const data = s.lesson.data as LessonStatus | null;
      if (data?.kind !== "lesson") return;
      const replaced = change(data);
      if (replaced) s.lesson.data = replaced;
    });
  }

  private saveFor(id: string, progress: LessonProgress): void {
    const before = this.progress[id];
    if (
      before &&
      before.goalsMet === progress.goalsMet &&
      before.completed === progress.completed &&
      before.hintsShown === progress.hintsShown
    )
      return;
    this.progress = { ...this.progress, [id]: progress };
    saveProgress(this.options.storage, this.progress);
  }
}

function sameGoals(a: readonly GoalState[], b: readonly GoalState[]): boolean {
  return a.length === b.length && a.every((g, i) => g === b[i]);
}

/** Section kinds as the panel labels them. */
export const SECTION_LABELS: Record<SectionKind, string> = {
  intro: "",
  preview: "What you will see",
  step: "Step",
  realWorld: "What happened in the real world",
};
