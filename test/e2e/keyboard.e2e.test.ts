// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText is what a person sees
// Keyboard alone reaches every control, each with a visible focus ring, on every page.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser, waitForWorkbench } from "./support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Marks every visible, enabled control on the page, and returns how many there are. */
const MARK_CONTROLS = `(() => {
  const selector = 'a[href], button, select, input, textarea, summary, [tabindex="0"], [contenteditable="true"]';
  let n = 0;
  for (const el of document.querySelectorAll(selector)) {
    // Controls inside a closed disclosure or dialog are reached by opening it first.
    if (el.disabled || el.closest("[hidden], dialog:not([open])")) continue;
    if (el.closest("details:not([open])") && !el.matches("summary")) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const inTerminal = el.closest(".xterm");
    if (!inTerminal && (box.width === 0 || box.height === 0 || style.visibility === "hidden")) continue;
    // xterm's own helpers are reached through its one input textarea.
    if (inTerminal && !el.matches("textarea.xterm-helper-textarea")) continue;
    el.dataset.kbd = String(n++);
  }
  return n;
})()`;

/** Describes the focused element: its mark, and whether a focus ring shows on it or its panel. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { mark: null, ring: true, inTerminal: false, name: "body" };
  let ring = false;
  for (let node = el; node && node !== document.body; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) { ring = true; break; }
  }
  return {
    mark: el.dataset.kbd ?? null,
    ring,
    inTerminal: !!el.closest(".xterm"),
    name: el.tagName + " " + (el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40),
  };
})()`;

async function tabThrough(page: Page): Promise<{ total: number; missed: string[]; noRing: string[] }> {
  const total = (await page.evaluate(MARK_CONTROLS)) as number;
  const reached = new Set<string>();
  const noRing: string[] = [];
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  for (let i = 0; i < total * 2 + 20 && reached.size < total; i++) {
    await page.keyboard.press("Tab");
    const focused = (await page.evaluate(FOCUSED)) as {
      mark: string | null;
      ring: boolean;
      inTerminal: boolean;
      name: string;
    };
    if (focused.mark !== null) reached.add(focused.mark);
    if (!focused.ring) noRing.push(focused.name);
    // Tab completes in the console; Escape then Tab leaves it.
    if (focused.inTerminal) await page.keyboard.press("Escape");
  }
  const missed = (await page.evaluate(`[...document.querySelectorAll("[data-kbd]")]
    .filter((el) => !${JSON.stringify([...reached])}.includes(el.dataset.kbd))
    .map((el) => el.tagName + " " + (el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40))`)) as string[];
  return { total, missed, noRing };
}

describe("keyboard", () => {
  it("reaches every control of the workbench, with a visible focus ring", async () => {
    const { page, errors } = await browser.open("#/workbench");
    await waitForWorkbench(page);
    await page.waitForSelector('[data-testid="editor"][data-editor-ready]');
    await page.click('.workbench [data-action="run"]'); // pause, so the page holds still
    const { total, missed, noRing } = await tabThrough(page);
    expect(total).toBeGreaterThan(15);
    expect(missed).toEqual([]);
    expect(noRing).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("reaches every control of the start page and the side-by-side page", async () => {
    for (const hash of ["#/", "#/side-by-side"]) {
      const { page, errors } = await browser.open(hash);
      await page.waitForTimeout(300);
      const { missed, noRing } = await tabThrough(page);
      expect(missed, hash).toEqual([]);
      expect(noRing, hash).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("works the machine with keys alone: load, bluescreen, restart", async () => {
    const { page, errors } = await browser.open("#/workbench");
    await waitForWorkbench(page);
    await page.keyboard.press("Alt+T");
    await page.keyboard.type("ls /drivers");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Alt+K");
    const bluescreen = page.locator('[data-testid="bluescreen"]');
    await bluescreen.waitFor({ state: "visible", timeout: 20_000 });
    // The focus was in the console, so it moved to the bluescreen: Enter restarts.
    await expect.poll(() => page.evaluate("document.activeElement?.dataset.testid")).toBe("bluescreen");
    await page.keyboard.press("Enter");
    await bluescreen.waitFor({ state: "hidden" });
    await page.keyboard.press("Alt+/");
    await page.locator('[data-testid="help-dialog"]').waitFor({ state: "visible" });
    expect(await page.locator('[data-testid="help-dialog"]').innerText()).toMatch(
      /Alt\+P\s+Space\s+Run or pause/,
    );
    await page.keyboard.press("Escape");
    await page.locator('[data-testid="help-dialog"]').waitFor({ state: "hidden" });
    expect(errors).toEqual([]);
    await page.close();
  });
});
