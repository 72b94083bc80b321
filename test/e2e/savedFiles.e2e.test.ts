// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText is what a person sees
// The learner's files survive a reload (kept in the browser), and "Default files…" goes back to the
// default disk, for good.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser, waitForWorkbench } from "./support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const EDIT = "// kept across a reload";

describe("the learner's files", () => {
  it("survive a reload, and Default files brings the default disk back", async () => {
    const { page, errors } = await browser.open("#/workbench");
    await waitForWorkbench(page);
    await page.waitForSelector('[data-testid="editor"][data-editor-ready]');
    expect(await page.inputValue('[data-testid="file-select"]')).toBe("/drivers/null-driver.c");
    const original = (await page.evaluate(
      "window.ringlab.app.editor.readFile('/drivers/null-driver.c')",
    )) as string;

    // Change the sample driver and save it (Ctrl+S), as a learner would.
    await page.click(".cm-content");
    await page.keyboard.press("Control+Home");
    await page.keyboard.insertText(`${EDIT}\n`);
    await page.keyboard.press("Control+S");
    await expect.poll(() => page.evaluate("window.ringlab.app.state.editor.dirty")).toBe(false);

    await page.reload();
    await page.waitForSelector("#app:not(.loading) .top");
    await waitForWorkbench(page);
    await page.waitForSelector('[data-testid="editor"][data-editor-ready]');
    await expect.poll(() => page.locator(".cm-content").innerText()).toMatch(/kept across a reload/);
    // On the machine's disk too, where the shell and the loader read it.
    expect(await page.evaluate("window.ringlab.app.editor.readFile('/drivers/null-driver.c')")).toBe(
      `${EDIT}\n${original}`,
    );

    // The way back: asks first, then forgets the file, here and in the browser.
    const asked: string[] = [];
    page.once("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await page.click('[data-action="restore-files"]');
    expect(asked[0]).toMatch(/default files[\s\S]*\/drivers\/null-driver\.c/);
    await expect.poll(() => page.locator(".cm-content").innerText()).not.toMatch(/kept across a reload/);
    await page.reload();
    await page.waitForSelector("#app:not(.loading) .top");
    await waitForWorkbench(page);
    expect(await page.evaluate("window.ringlab.app.editor.readFile('/drivers/null-driver.c')")).toBe(
      original,
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
