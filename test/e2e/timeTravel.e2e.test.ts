// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText is what a person sees
// Time travel in real Chromium: the Channel File 291 rewind lesson is crashed through its run button,
// then the time travel panel goes back to just before the fault (in contains) and one C line at a time
// to the bad read in matches; the lesson's goals tick, and the crash analysis shows the stack.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppPage, type Browser, launchBrowser, screenshot } from "./support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const metGoals = (app: AppPage) =>
  app.page.$$eval("[data-testid=lesson-goals] li[data-state=met]", (items) => items.length);

describe("time travel", () => {
  let app: AppPage;

  it("rewinds the Channel File 291 lesson from the bluescreen to the bad read", async () => {
    app = await browser.open("#/lessons/rewind-to-the-bad-read");
    await app.page.waitForSelector("[data-testid=lesson-goals] li");
    await app.page.waitForSelector(".workbench[data-console-ready]", { timeout: 30_000 });
    await app.page.click("button[data-run='0']"); // insmod the sensor, ship the update
    await app.page.waitForSelector("[data-testid=bluescreen]:not([hidden])", { timeout: 30_000 });
    await app.page.waitForFunction(
      () => document.querySelectorAll("[data-testid=lesson-goals] li[data-state=met]").length >= 1,
    );

    await app.page.click("[data-action=travel-fault]");
    const where = app.page.locator("[data-testid=travel-where]");
    await expect.poll(() => where.innerText(), { timeout: 10_000 }).toMatch(/sensor\.c:\d+ in contains/);
    await expect.poll(() => app.page.isHidden("[data-testid=bluescreen]")).toBe(true);
    await expect.poll(() => metGoals(app), { timeout: 10_000 }).toBe(2);

    for (let i = 0; i < 4 && !/in matches/.test(await where.innerText()); i++)
      await app.page.click("[data-action=travel-line]");
    await expect.poll(() => where.innerText(), { timeout: 10_000 }).toMatch(/sensor\.c:\d+ in matches/);
    await expect.poll(() => metGoals(app), { timeout: 10_000 }).toBe(3);

    await app.page.click("[data-action=travel-analyze]");
    const analysis = app.page.locator("[data-testid=travel-analysis]");
    await expect.poll(() => analysis.innerText()).toContain("PAGE_FAULT_IN_NONPAGED_AREA");
    expect(await analysis.innerText()).toMatch(/#0 0x[0-9a-f]+ contains[\s\S]*#1 0x[0-9a-f]+ matches/);
    await screenshot(app.page, "time-travel-291");
  }, 90_000);

  it("raised no errors in the page", () => {
    expect(app?.errors ?? []).toEqual([]);
  });
});
