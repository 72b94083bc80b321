/** Helpers for the lesson tests: small lesson files, and a real machine with its timeline. */

import { Kernel, type KernelOptions } from "../../src/kernel/kernel";
import { evaluateCheck } from "../../src/lessons/checkEval";
import type { CheckSpec } from "../../src/lessons/checkSchema";
import type { Lesson } from "../../src/lessons/lesson";
import { parseLesson } from "../../src/lessons/lesson";
import { type Mark, Timeline } from "../../src/lessons/timeline";
import type { Diagnostic } from "../../src/shared/diagnostic";

/** The body every valid lesson needs: a preview, a step and a real-world note. */
export const BODY = `Intro.

## What you will see

Something.

## Do it

\`\`\`run
ps
\`\`\`

## What happened in the real world

Sources.
`;

/** A lesson file from front matter lines (without the --- fences) and an optional body. */
export function lessonText(front: string, body = BODY): string {
  return `---\n${front.trim()}\n---\n${body}`;
}

export const MINIMAL_FRONT = `id: demo
title: Demo
summary: A demo lesson.
level: beginner
minutes: 10
goals:
  - text: List the processes.
    check: { console: CYCLES }
solution:
  - shell: ps`;

export function parsed(text: string, file = "demo.md"): Lesson {
  const result = parseLesson(file, text);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join("\n"));
  return result.lesson;
}

export function errorsOf(text: string, file = "demo.md"): Diagnostic[] {
  const result = parseLesson(file, text);
  if (result.ok) throw new Error("expected errors, the lesson is valid");
  return result.errors;
}

/** "LINE:COL: message" for each error, the way tests compare them. */
export function located(text: string): string[] {
  return errorsOf(text).map(
    (e) => `${e.line}:${e.col}: ${e.message}${e.suggestion ? ` (${e.suggestion})` : ""}`,
  );
}

/** A real machine with its timeline, for evaluating checks the way a goal tracker does. */
export class Watched {
  readonly kernel: Kernel;
  readonly timeline: Timeline;
  readonly start: Mark;

  constructor(files: Record<string, string>, options: KernelOptions = {}) {
    this.kernel = new Kernel({ ...options, files });
    this.timeline = new Timeline(this.kernel);
    this.kernel.boot();
    this.start = this.timeline.now();
  }

  /** Types a command as the learner would (echoed, then run). */
  type(command: string): this {
    this.kernel.print(`${command}\r\n`);
    this.kernel.shell.execute(command);
    return this;
  }

  run(cycles: number): this {
    this.kernel.run(cycles);
    return this;
  }

  mark(): Mark {
    return this.timeline.now();
  }

  /** Whether the check is met over the window from `from` (the start by default) to now. */
  met(check: CheckSpec, from: Mark = this.start, now: Mark = this.timeline.now()): boolean {
    return evaluateCheck(check, {
      timeline: this.timeline,
      kernel: this.kernel,
      from,
      now,
      streaks: new WeakMap(),
    }).met;
  }
}

/** The pipes driver of lessons 2 and 3: reads address 4 at the first pipe_open event. */
export const NULL_POINTER_DRIVER = `struct stats { int last_pid; int opens; };
struct stats *stats;
int main(void) {
  struct event ev;
  printf("pipes: counting\\n");
  while (next_event(&ev)) {
    if (ev.kind != EV_PIPE_OPEN) continue;
    stats->opens = stats->opens + 1;
  }
  return 0;
}
`;

/** Handles every event and stays loaded. */
export const COUNTING_DRIVER = `int handled;
int main(void) {
  struct event ev;
  while (next_event(&ev)) handled++;
  while (1) sleep(100);
  return 0;
}
`;

/** A pipe_open every 0.2 s for two seconds, then a quiet feed. */
export const PIPE_FEED = Array.from({ length: 10 }, (_, i) => ({
  at: 200_000 + i * 200_000,
  kind: 2,
  pid: 100 + i,
  name: "\\\\.\\pipe\\x",
  arg: "app.exe",
}));
