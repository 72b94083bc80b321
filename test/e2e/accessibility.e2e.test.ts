// axe-core in real Chromium: no serious or critical violation (WCAG 2.1 A and AA, and axe's best
// practices) on the start page, the workbench, a lesson, side by side, and in presenter mode.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser, waitForWorkbench } from "./support/browser";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe's serious and critical violations on the page as it is now, one line per element. */
async function violations(page: Page): Promise<string[]> {
  // One main landmark in the document (pages not on show included) and one h1 on the page on show.
  const outline = (await page.evaluate(() => ({
    mains: document.querySelectorAll("main").length,
    h1: [...document.querySelectorAll("h1")].filter((h) => !h.closest("[hidden]")).length,
  }))) as { mains: number; h1: number };
  const structure = [
    ...(outline.mains === 1 ? [] : [`${outline.mains} main elements`]),
    ...(outline.h1 === 1 ? [] : [`${outline.h1} h1 elements on show`]),
  ];
  // Evaluated through the devtools protocol: the page's content security policy forbids inline scripts.
  await page.evaluate(AXE);
  const found = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
    })) as { violations: unknown[] };
    return result.violations;
  })) as Violation[];
  return structure.concat(
    found
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .flatMap((v) =>
        v.nodes.map(
          (n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(" ")} ${n.failureSummary ?? ""}`,
        ),
      ),
  );
}

describe("accessibility (axe-core)", () => {
  it("start page", async () => {
    const { page } = await browser.open("#/");
    await page.waitForSelector('[data-action="start-side-by-side"]');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it("workbench, running and on a bluescreen (after the start page, so both pages are built)", async () => {
    const { page } = await browser.open("#/");
    await page.click('[data-action="open-workbench"]');
    await waitForWorkbench(page);
    await page.waitForSelector('[data-testid="editor"][data-editor-ready]');
    expect(await violations(page)).toEqual([]);
    await page.click('[data-action="load-kernel"]');
    await page.locator('[data-testid="bluescreen"]').waitFor({ state: "visible", timeout: 20_000 });
    await page.click('[data-action="run"]');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it("a lesson", async () => {
    const { page } = await browser.open("#/lessons/channel-file-291");
    await page.waitForSelector('[data-slot="lesson"]:not([hidden]) .lesson-title');
    await page.waitForSelector('[data-testid="editor"][data-editor-ready]');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it("side by side, at the end of the demo: the verifier's refusal, then its acceptance", async () => {
    const { page } = await browser.open("#/side-by-side");
    await page.click('[data-action="start-demo"]');
    await page.click('[data-action="skip"]');
    await page.waitForSelector('.side-by-side[data-status="done"]');
    // The verified column is on show and checked too, with its report.
    await page.waitForSelector(
      '[data-testid="side-verified"] [data-testid="verifier-report"][data-accepted="false"]',
    );
    expect(await violations(page)).toEqual([]);
    await page.selectOption('[data-testid="demo-driver"]', "/drivers/guard.c");
    await page.click('[data-action="start-demo"]');
    await page.click('[data-action="skip"]');
    await page.waitForSelector(
      '[data-testid="side-verified"] [data-testid="verifier-report"][data-accepted="true"]',
    );
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it("presenter mode: workbench with a lesson, and side by side", async () => {
    const { page } = await browser.open("#/lessons/first-driver-kernel-mode", { width: 1024, height: 768 });
    await page.waitForSelector('[data-slot="lesson"]:not([hidden]) .lesson-title');
    await page.keyboard.press("Alt+M");
    await page.waitForTimeout(300);
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press("Alt+3");
    await page.click('[data-action="start-demo"]');
    await page.click('[data-action="skip"]');
    await page.waitForSelector('.side-by-side[data-status="done"]');
    await page.waitForSelector('[data-testid="side-verified"] [data-testid="verifier-report"]');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});
