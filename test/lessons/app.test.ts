// The app's lesson slice, without a DOM: the list with progress, a lesson opened on the workbench's
// machine, goals ticking as the machine runs, hints, reset, close, files opened from disk, and
// progress kept in storage between visits.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { App } from "../../src/app/app";
import {
  LESSON_LIST,
  LessonController,
  type LessonStatus,
  sessionHost,
} from "../../src/app/lessonController";
import { PROGRESS_KEY } from "../../src/app/lessonProgress";
import { lessonFiles } from "../../src/cli/lesson";
import { BODY, lessonText, MINIMAL_FRONT } from "./support";

const sources = lessonFiles().map((f) => ({ file: basename(f), text: readFileSync(f, "utf8") }));

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
}

function setup(storage = memoryStorage()) {
  const app = new App({ now: () => 0 });
  const controller = new LessonController(app.store, sessionHost(app.session), sources, { storage });
  const stop = controller.attach();
  /** Runs the workbench machine as the page's frames would, refreshing the store. */
  const run = (cycles: number) => {
    for (let done = 0; done < cycles; done += 20_000) app.session.advance(20_000);
    app.session.sync(true);
  };
  return { app, controller, storage, run, stop };
}

const status = (app: App) => app.state.lesson.data as LessonStatus;

describe("the lesson list", () => {
  it("lists the course in order, with no progress on a first visit", () => {
    const { controller } = setup();
    const list = controller.list();
    expect(list.map((e) => e.id)).toEqual([
      "rings",
      "first-driver-kernel-mode",
      "same-driver-user-mode",
      "channel-file-291",
      "rewind-to-the-bad-read",
      "boot-loop",
      "crash-far-from-its-bug",
      "checked-mode",
      "the-verifier-says-no",
      "price-of-isolation",
      "restart-policy",
      "content-where-it-runs",
      "canaries",
      "fail-open",
      "least-privilege",
    ]);
    expect(list.every((e) => e.errors.length === 0 && !e.progress.completed)).toBe(true);
  });

  it("is what the panel shows while browsing", () => {
    const { app, controller } = setup();
    controller.browse();
    expect(app.state.lesson).toEqual({
      id: LESSON_LIST,
      title: "Lessons",
      data: { kind: "list", opened: null },
    });
  });
});

describe("a lesson in the workbench", () => {
  it("runs on the workbench's machine and ticks its goals as the learner works", () => {
    const { app, controller, storage, run } = setup();
    expect(controller.open("rings")).toBe(true);
    expect(app.state.lesson.id).toBe("rings");
    expect(app.session.kernel).toBe(controller.currentSession()?.kernel);
    expect(app.session.kernel.machine.devices.disk.readText("/bin/poke.c")).toContain("poke");
    expect(status(app).goals).toEqual(["active", "waiting", "waiting"]);

    // The run buttons type into the console; the machine reads it as it runs.
    expect(controller.run(1)).toBe(true); // run poke
    run(300_000);
    expect(status(app).goals).toEqual(["met", "active", "waiting"]);
    controller.run(2); // run /bin/quiet.s
    run(300_000);
    controller.run(3); // ps
    run(100_000);
    expect(status(app).goals).toEqual(["met", "met", "met"]);
    expect(status(app).complete).toBe(true);
    expect(controller.list()[0].progress).toEqual({ goalsMet: 3, completed: true, hintsShown: 0 });
    expect(JSON.parse(storage.map.get(PROGRESS_KEY) ?? "{}").rings.completed).toBe(true);
  });

  it("shows hints one at a time, and counts them in the progress", () => {
    const { app, controller } = setup();
    controller.open("boot-loop");
    const hints = controller.current()?.hints ?? [];
    expect(controller.showHint()).toBe(hints[0]);
    expect(controller.showHint()).toBe(hints[1]);
    expect(status(app).hintsShown).toBe(2);
    expect(controller.list().find((e) => e.id === "boot-loop")?.progress.hintsShown).toBe(2);
  });

  it("starts a lesson whose setup crashes the machine on its blue screen", () => {
    const { app, controller } = setup();
    controller.open("boot-loop");
    expect(app.session.kernel.state).toBe("bugcheck");
    expect(app.state.machine.bugcheck?.stopCode).toBe("PAGE_FAULT_IN_NONPAGED_AREA");
  });

  it("resets to a new machine from the lesson's setup, keeping the hints shown", () => {
    const { app, controller, run } = setup();
    controller.open("rings");
    controller.run(1);
    run(300_000);
    controller.showHint();
    const first = app.session.kernel;
    controller.reset();
    expect(app.session.kernel).not.toBe(first);
    expect(status(app).goals).toEqual(["active", "waiting", "waiting"]);
    expect(status(app).hintsShown).toBe(1);
    expect(status(app).attempt).toBe(2);
  });

  it("closes: the workbench gets the scenario's machine back", () => {
    const { app, controller } = setup();
    controller.open("rings");
    controller.close();
    expect(app.state.lesson.id).toBeNull();
    expect(app.session.kernel.machine.devices.disk.read("/bin/poke.c")).toBeUndefined();
    expect(controller.currentSession()).toBeUndefined();
  });

  it("opens the lesson a share link names, with its hints", () => {
    const { app, controller } = setup();
    app.store.update((s) => {
      s.lesson = { id: "checked-mode", title: null, data: { kind: "lesson", hintsShown: 2 } };
    });
    expect(controller.current()?.id).toBe("checked-mode");
    expect(status(app).hintsShown).toBe(2);
    expect(app.session.kernel.machine.devices.disk.read("/drivers/sensor.c")).toBeDefined();
  });
});

describe("lesson files opened from disk", () => {
  it("shows the errors of a broken file in the list", () => {
    const { app, controller } = setup();
    const errors = controller.openFile(
      "mine.md",
      lessonText(MINIMAL_FRONT.replace("level: beginner", "level: easy")),
    );
    expect(errors).toEqual([
      'mine.md:5:8: level: expected one of beginner, intermediate, advanced, got "easy"',
    ]);
    expect(app.state.lesson).toEqual({
      id: LESSON_LIST,
      title: "Lessons",
      data: { kind: "list", opened: { file: "mine.md", errors } },
    });
  });

  it("opens a valid file and adds it to the list", () => {
    const { app, controller } = setup();
    expect(controller.openFile("mine.md", lessonText(MINIMAL_FRONT))).toEqual([]);
    expect(app.state.lesson.id).toBe("demo");
    expect(controller.list().at(-1)?.id).toBe("demo");
  });

  it("numbers its links to the course's lessons, and the course's own links", () => {
    const { controller } = setup();
    controller.openFile(
      "mine.md",
      lessonText(MINIMAL_FRONT, BODY.replace("Something.", "As [lesson](lesson:boot-loop) showed.")),
    );
    const html =
      controller
        .current()
        ?.sections.map((s) => s.html)
        .join("") ?? "";
    expect(html).toMatch(/data-lesson="boot-loop"[^>]*>lesson 6<\/a> showed/);
    controller.open("crash-far-from-its-bug");
    const six =
      controller
        .current()
        ?.sections.map((s) => s.html)
        .join("") ?? "";
    expect(six).toContain("lesson 8, <em>Checked mode: the same bug, caught at the line</em></a>");
  });
});

describe("progress between visits", () => {
  it("comes back from storage, and bad stored data is ignored", () => {
    const storage = memoryStorage();
    storage.map.set(
      PROGRESS_KEY,
      JSON.stringify({ rings: { goalsMet: 2, completed: false, hintsShown: 1 } }),
    );
    expect(setup(storage).controller.list()[0].progress).toEqual({
      goalsMet: 2,
      completed: false,
      hintsShown: 1,
    });
    storage.map.set(PROGRESS_KEY, "{not json");
    expect(setup(storage).controller.list()[0].progress.goalsMet).toBe(0);
    storage.map.set(PROGRESS_KEY, JSON.stringify({ rings: { goalsMet: "all" } }));
    expect(setup(storage).controller.list()[0].progress.goalsMet).toBe(0);
  });
});
