// Each lesson opens its own file in the editor: the program or driver its text shows, as it is on the
// lesson's machine (not a file of the same name from the machine before it).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lessonFile } from "../../src/app/lessonController";
import { parseLesson } from "../../src/lessons/lesson";
import { type Browser, launchBrowser } from "./support/browser";

const LESSONS = join(import.meta.dirname, "../../lessons");

const lessons = readdirSync(LESSONS)
  .filter((f) => f.endsWith(".md"))
  .sort()
  .map((file) => {
    const parsed = parseLesson(file, readFileSync(join(LESSONS, file), "utf8"));
    if (!parsed.ok) throw new Error(`${file} does not parse`);
    const path = lessonFile(parsed.lesson);
    const text = parsed.lesson.files.find((f) => f.path === path)?.text;
    // A setup step that writes or edits the file changes it before the learner sees it.
    const changed = (parsed.lesson.machine?.setup ?? []).some(
      (step) => step.write?.file === path || step.edit?.file === path,
    );
    return { id: parsed.lesson.id, path, text, changed };
  });

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("lesson files", () => {
  it("knows which file each lesson opens", () => {
    const byId = Object.fromEntries(lessons.map((l) => [l.id, l.path]));
    expect(byId["first-driver-kernel-mode"]).toBe("/drivers/pipes.c");
    expect(byId["same-driver-user-mode"]).toBe("/drivers/pipes.c");
    expect(byId["channel-file-291"]).toBe("/drivers/sensor.c");
    expect(byId["boot-loop"]).toBe("/drivers/sensor.c");
  });

  it("opens each lesson's own file in the editor, one lesson after another", async () => {
    // One page, lesson after lesson: each new machine must bring its own file, not keep the last one's.
    const { page, errors } = await browser.open("#/workbench");
    for (const lesson of lessons) {
      if (!lesson.path) continue;
      await page.evaluate((id) => {
        location.hash = `#/lessons/${id}`;
      }, lesson.id);
      await page.waitForFunction((id) => window.ringlab?.app.state.lesson.id === id, lesson.id);
      await expect.poll(() => page.locator('[data-testid="file-select"]').inputValue()).toBe(lesson.path);
      const editor = (await page.evaluate("window.ringlab.app.state.editor")) as {
        path: string;
        text: string;
      };
      expect(editor.path, lesson.id).toBe(lesson.path);
      // What the lesson's setup left on the disk (it may have edited the file since the text showed it).
      const onDisk = await page.evaluate(
        (path) => window.ringlab.app.editor.readFile(path),
        lesson.path as string,
      );
      expect(editor.text, lesson.id).toBe(onDisk);
      expect(onDisk, lesson.id).toBeTruthy();
      if (!lesson.changed) expect(editor.text, lesson.id).toBe(lesson.text);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

declare global {
  interface Window {
    ringlab: { app: import("../../src/app/app").App };
  }
}
