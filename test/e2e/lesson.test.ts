// A lesson completed through the page, in real Chromium: open it from a #/lessons link, press its run
// buttons, watch the goals tick and the lesson complete; the progress survives a reload; a broken
// lesson file opened from disk shows its errors.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, findChromium } from "./support/chromium";
import { type StaticServer, serveStatic } from "./support/server";

/** Every lesson file in lessons/ is in the course list. */
const COURSE_SIZE = readdirSync(join(import.meta.dirname, "../../lessons")).filter((f) =>
  f.endsWith(".md"),
).length;

const root = join(import.meta.dirname, "../..");
let outDir: string;
let server: StaticServer;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "ringlab-lesson-e2e-"));
  await build({ root, logLevel: "error", build: { outDir, emptyOutDir: true } });
  server = await serveStatic(outDir);
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function openPage(hash: string): Promise<Page> {
  const page = await browser.newPage();
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${server.url}${hash}`);
  return page;
}

const goalStates = (page: Page) =>
  page.$$eval("[data-testid=lesson-goals] li", (items) => items.map((li) => li.getAttribute("data-state")));

describe("a lesson in the browser", () => {
  it("is completed through its run buttons, and the progress is kept", async () => {
    const page = await openPage("#/lessons/rings");
    await page.waitForSelector("[data-testid=lesson-goals] li");
    expect(await page.textContent(".lesson-title")).toContain("Rings");
    expect(await goalStates(page)).toEqual(["active", "waiting", "waiting"]);

    // The lesson's files are on the machine's disk: the first run button types `ps`.
    await page.click("button[data-run='1']"); // run poke
    await page.waitForSelector("[data-testid=lesson-goals] li[data-state=met]");
    await page.click("button[data-run='2']"); // run /bin/quiet.s
    await page.waitForFunction(
      () => document.querySelectorAll("[data-testid=lesson-goals] li[data-state=met]").length === 2,
    );
    await page.click("button[data-run='3']"); // ps
    await page.waitForSelector("[data-testid=lesson-complete]:not([hidden])");
    expect(await goalStates(page)).toEqual(["met", "met", "met"]);
    expect(await page.textContent("[data-testid=lesson-announcer]")).toContain("Lesson complete");

    // Hints, one at a time.
    await page.click("[data-action=lesson-hint]");
    expect(await page.$$eval(".lesson-hints li", (items) => items.length)).toBe(1);

    // Back to the list after a reload: the first lesson is done.
    await page.goto(`${server.url}#/lessons`);
    await page.reload();
    await page.waitForSelector("[data-testid=lesson-list] li");
    expect(await page.textContent("[data-testid=lesson-list] li:first-child")).toContain("✓ done");
    expect(await page.$$eval("[data-testid=lesson-list] li", (items) => items.length)).toBe(COURSE_SIZE);
    await page.close();
  }, 60_000);

  it("shows the errors of a broken lesson file opened from disk", async () => {
    const page = await openPage("#/lessons");
    await page.waitForSelector("[data-testid=lesson-list] li");
    await page.setInputFiles("#lesson-file", {
      name: "mine.md",
      mimeType: "text/markdown",
      buffer: Buffer.from("---\nid: mine\ntitle: Mine\nlevel: easy\n---\nText.\n"),
    });
    await page.waitForSelector("[data-testid=lesson-errors]");
    const text = await page.textContent("[data-testid=lesson-errors]");
    expect(text).toContain(
      'mine.md:4:8: level: expected one of beginner, intermediate, advanced, got "easy"',
    );
    expect(text).toContain("mine.md:2:1: summary: missing: expected text");
    await page.close();
  }, 60_000);

  it("is one click from the start page and from the header", async () => {
    const page = await openPage("#/");
    await page.click("[data-action=open-lessons]");
    await page.waitForSelector("[data-testid=lesson-list] li");
    expect(await page.$$eval("[data-testid=lesson-list] li", (items) => items.length)).toBe(COURSE_SIZE);
    await page.goto(`${server.url}#/side-by-side`);
    await page.click("nav [data-action=lessons]");
    await page.waitForSelector("[data-testid=lesson-list] li");
    await page.close();
  }, 60_000);

  it("raised no errors in the page", () => {
    expect(errors).toEqual([]);
  });
});
