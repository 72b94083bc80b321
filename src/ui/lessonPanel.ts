/**
 * The lesson panel: the lesson list with progress (and lesson files opened from disk, with their
 * errors), and the open lesson: its goals ticking as they are met, hints on request, its text with run
 * buttons and files to open in the editor, reset and close. It draws what the LessonController
 * (src/app, no DOM) holds; lesson HTML is sanitized here, once more, before it touches the page.
 *
 * Entry points: `#/lessons` shows the list in the workbench, `#/lessons/<id>` opens a lesson.
 */
import DOMPurify from "dompurify";
import type { App } from "../app/app";
import type { LessonSource } from "../app/lessonCatalog";
import { LESSON_LIST, LessonController, type LessonData, sessionHost } from "../app/lessonController";
import type { KeyValueStorage } from "../app/lessonProgress";
import { CYCLES_PER_SECOND } from "../kernel/layout";
import { h, replaceChildren, setText } from "./dom";
import { registerLessonPanel } from "./lessonSlot";
import { LESSON_SOURCES } from "./lessonSources";
import { watch } from "./watch";
import "./styles/lesson.css";

const HASH = /^#\/lessons(?:\/([a-z0-9-]+))?$/;

/** localStorage, when the browser lets us use it. */
function browserStorage(): KeyValueStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Creates the lesson controller, registers the panel and follows #/lessons links (`link`: the address's
 * hash when the page loaded, read before the router rewrote it).
 */
export function installLessons(
  app: App,
  link = location.hash,
  sources: readonly LessonSource[] = LESSON_SOURCES,
): LessonController {
  const host = { ...sessionHost(app.session), openFile: (path: string) => void app.editor.open(path) };
  const controller = new LessonController(app.store, host, sources, {
    storage: browserStorage(),
    machine: { bootMenuCycles: CYCLES_PER_SECOND },
  });
  controller.attach();
  registerLessonPanel((host) => renderPanel(host, app, controller));
  const follow = (hash: string) => {
    const match = HASH.exec(hash);
    if (!match) return;
    app.navigate("workbench");
    if (!match[1] || !controller.open(match[1])) controller.browse();
  };
  window.addEventListener("hashchange", () => follow(location.hash));
  follow(link);
  return controller;
}

function sanitize(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ["style", "form", "input"] });
}

function renderPanel(host: HTMLElement, app: App, controller: LessonController): () => void {
  const announcer = h("div", {
    class: "visually-hidden",
    "aria-live": "polite",
    "data-testid": "lesson-announcer",
  });
  const body = h("div", { class: "lesson" });
  host.replaceChildren(body, announcer);

  let shown: string | undefined;
  let drawnGoals: string | undefined;
  const draw = () => {
    const { id } = app.state.lesson;
    const data = app.state.lesson.data as LessonData | null;
    const key =
      id === LESSON_LIST
        ? `list:${JSON.stringify(data)}`
        : `${id}:${data?.kind === "lesson" ? data.attempt : ""}`;
    if (key !== shown) {
      shown = key;
      drawnGoals = undefined;
      if (id === LESSON_LIST) drawList(body, app, controller, data?.kind === "list" ? data.opened : null);
      else drawLesson(body, app, controller);
    }
    if (data?.kind === "lesson") {
      const goals = JSON.stringify([data.goals, data.hintsShown, data.complete, data.problem, data.feedback]);
      if (goals !== drawnGoals) {
        announceGoals(announcer, controller, drawnGoals, data);
        drawnGoals = goals;
        drawStatus(body, controller, data);
      }
    }
  };
  const stop = watch(app.store, [(s) => s.lesson], draw);
  return () => {
    stop();
    host.replaceChildren();
  };
}

// ---- The lesson list --------------------------------------------------------------------------------

function drawList(
  body: HTMLElement,
  app: App,
  controller: LessonController,
  opened: { file: string; errors: string[] } | null,
): void {
  const items = controller.list().map((entry, index) => {
    if (entry.errors.length > 0)
      return h(
        "li",
        { class: "lesson-entry broken" },
        h("span", { class: "lesson-entry-title" }, entry.title),
        h(
          "span",
          { class: "lesson-entry-meta" },
          `${entry.errors.length} error${entry.errors.length === 1 ? "" : "s"}`,
        ),
      );
    const { progress } = entry;
    const done = progress.completed
      ? "✓ done"
      : progress.goalsMet > 0
        ? `${progress.goalsMet} of ${entry.goals} goals`
        : "";
    const button = h(
      "button",
      { type: "button", class: "lesson-entry-open", "data-lesson": entry.id },
      h("span", { class: "lesson-entry-number" }, String(index + 1)),
      h("span", { class: "lesson-entry-title" }, entry.title),
      h("span", { class: "lesson-entry-meta" }, `${entry.minutes} min · ${entry.level}`),
      done ? h("span", { class: `lesson-entry-progress${progress.completed ? " done" : ""}` }, done) : null,
    );
    button.addEventListener("click", () => controller.open(entry.id));
    return h("li", { class: "lesson-entry", title: entry.summary }, button);
  });

  const file = h("input", {
    type: "file",
    accept: ".md,text/markdown",
    class: "visually-hidden",
    id: "lesson-file",
  });
  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (chosen) void chosen.text().then((text) => controller.openFile(chosen.name, text));
  });
  const drop = h(
    "div",
    { class: "lesson-drop" },
    h("label", { for: "lesson-file", class: "control small" }, "Open a lesson file…"),
    h("span", {}, " or drop a .md file here"),
    file,
  );
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    const dropped = event.dataTransfer?.files[0];
    if (dropped) void dropped.text().then((text) => controller.openFile(dropped.name, text));
  });

  const errors = opened
    ? h(
        "div",
        { class: "lesson-errors", role: "alert", "data-testid": "lesson-errors" },
        h("h3", {}, `${opened.file}: ${opened.errors.length} error${opened.errors.length === 1 ? "" : "s"}`),
        h("ul", {}, ...opened.errors.map((e) => h("li", {}, h("code", {}, e)))),
      )
    : null;
  const close = h("button", { type: "button", class: "control small" }, "Close");
  close.addEventListener("click", () => controller.close());
  replaceChildren(
    body,
    h(
      "header",
      { class: "lesson-header" },
      h("h2", { class: "lesson-title" }, "Lessons"),
      h("div", { class: "lesson-actions" }, close),
    ),
    h("ol", { class: "lesson-list", "data-testid": "lesson-list" }, ...items),
    drop,
    errors,
  );
  void app;
}

// ---- An open lesson ---------------------------------------------------------------------------------

function drawLesson(body: HTMLElement, app: App, controller: LessonController): void {
  const lesson = controller.current();
  if (!lesson) {
    replaceChildren(body, h("p", {}, "This lesson is not available."));
    return;
  }
  const index = controller.list().findIndex((e) => e.id === lesson.id);
  const all = h(
    "button",
    { type: "button", class: "control small", "data-action": "lesson-list" },
    "All lessons",
  );
  all.addEventListener("click", () => controller.browse());
  const reset = h(
    "button",
    { type: "button", class: "control small", "data-action": "lesson-reset" },
    "Reset",
  );
  reset.addEventListener("click", () => controller.reset());
  const close = h(
    "button",
    { type: "button", class: "control small", "data-action": "lesson-close" },
    "Close",
  );
  close.addEventListener("click", () => controller.close());

  const goals = h("ol", { class: "lesson-goals", "data-testid": "lesson-goals" });
  const complete = h("p", { class: "lesson-complete", hidden: true, "data-testid": "lesson-complete" });
  const feedback = h("p", {
    class: "lesson-feedback",
    role: "status",
    hidden: true,
    "data-testid": "lesson-feedback",
  });
  const problem = h("p", { class: "lesson-problem", role: "alert", hidden: true });
  const hints = h("ol", { class: "lesson-hints" });
  const hint = h(
    "button",
    { type: "button", class: "control small", "data-action": "lesson-hint" },
    "Show a hint",
  );
  hint.addEventListener("click", () => controller.showHint());

  const text = h("div", { class: "lesson-text" });
  for (const section of lesson.sections) {
    const content = h("div", { class: "lesson-section-body" });
    content.append(sanitize(section.html));
    text.append(
      h(
        "section",
        { class: `lesson-section ${section.kind}`, "data-kind": section.kind },
        section.title ? h("h3", {}, section.title) : null,
        content,
      ),
    );
  }
  // Run buttons take their commands from the parsed lesson, never from the HTML.
  text.addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest("button[data-run]");
    if (button) controller.run(Number(button.getAttribute("data-run")));
  });
  // Each run button says what it runs ("Run: insmod ..."), not just "Run", to a screen reader.
  for (const button of text.querySelectorAll<HTMLButtonElement>("button[data-run]")) {
    const block = lesson.runs[Number(button.getAttribute("data-run"))];
    if (block) button.setAttribute("aria-label", `Run: ${block.commands.join("; ")}`);
  }
  // Code blocks scroll sideways: in the tab order, so the keyboard can scroll them too.
  for (const pre of text.querySelectorAll<HTMLElement>("pre")) pre.tabIndex = 0;
  for (const figure of text.querySelectorAll<HTMLElement>("figure.lesson-file")) {
    const path = figure.getAttribute("data-file");
    if (!path || !/\.(c|s)$/.test(path)) continue;
    const open = h("button", { type: "button", class: "control small" }, "Open in editor");
    open.addEventListener("click", () => app.editor.open(path));
    figure.querySelector("figcaption")?.append(" ", open);
  }

  replaceChildren(
    body,
    h(
      "header",
      { class: "lesson-header" },
      h(
        "p",
        { class: "lesson-eyebrow" },
        `${index >= 0 ? `Lesson ${index + 1} · ` : ""}${lesson.minutes} min · ${lesson.level}`,
      ),
      h("h2", { class: "lesson-title" }, lesson.title),
      h("div", { class: "lesson-actions" }, all, reset, close),
    ),
    problem,
    h(
      "section",
      { class: "lesson-box", "aria-label": "Goals" },
      h("h3", {}, "Goals"),
      goals,
      feedback,
      complete,
    ),
    h("section", { class: "lesson-box", "aria-label": "Hints" }, hints, hint),
    text,
  );
}

/** The parts of an open lesson that change as the learner works: goals, hints, completion. */
function drawStatus(
  body: HTMLElement,
  controller: LessonController,
  data: Extract<LessonData, { kind: "lesson" }>,
): void {
  const lesson = controller.current();
  if (!lesson) return;
  const goals = body.querySelector(".lesson-goals");
  if (goals)
    replaceChildren(
      goals,
      ...lesson.goals.map((goal, i) => {
        const state = data.goals[i] ?? "waiting";
        const mark = state === "met" ? "✓" : state === "active" ? "→" : "○";
        const label = state === "met" ? "met" : state === "active" ? "current goal" : "not yet";
        return h(
          "li",
          { class: `lesson-goal ${state}`, "data-state": state },
          h("span", { class: "lesson-goal-mark", "aria-hidden": "true" }, mark),
          h("span", {}, goal.text),
          h("span", { class: "visually-hidden" }, ` (${label})`),
        );
      }),
    );
  const complete = body.querySelector<HTMLElement>(".lesson-complete");
  if (complete) {
    complete.hidden = !data.complete;
    setText(complete, data.complete ? "Lesson complete: every goal is met." : "");
  }
  const feedback = body.querySelector<HTMLElement>(".lesson-feedback");
  if (feedback) {
    feedback.hidden = data.feedback === null;
    setText(feedback, data.feedback ? `! ${data.feedback}` : "");
  }
  const problem = body.querySelector<HTMLElement>(".lesson-problem");
  if (problem) {
    problem.hidden = data.problem === null;
    setText(problem, data.problem ? `This lesson could not set its machine up: ${data.problem}` : "");
  }
  const all = lesson.hints ?? [];
  const hints = body.querySelector(".lesson-hints");
  if (hints)
    replaceChildren(
      hints,
      ...lesson.hintsHtml.slice(0, data.hintsShown).map((html) => {
        const item = h("li", {});
        item.append(sanitize(html));
        return item;
      }),
    );
  const button = body.querySelector<HTMLButtonElement>("[data-action=lesson-hint]");
  if (button) {
    const left = all.length - data.hintsShown;
    button.disabled = left <= 0;
    setText(button, left <= 0 ? "No more hints" : `Show a hint (${left} left)`);
  }
}

function announceGoals(
  announcer: HTMLElement,
  controller: LessonController,
  before: string | undefined,
  data: Extract<LessonData, { kind: "lesson" }>,
): void {
  if (before === undefined) return;
  const previous = (JSON.parse(before) as [string[]])[0];
  const lesson = controller.current();
  const newly = data.goals.flatMap((g, i) =>
    g === "met" && previous[i] !== "met" ? [lesson?.goals[i]?.text ?? ""] : [],
  );
  if (newly.length === 0) return;
  const text = `Goal met: ${newly.join("; ")}${data.complete ? ". Lesson complete." : ""}`;
  announcer.textContent = announcer.textContent === text ? `${text} ` : text;
}
