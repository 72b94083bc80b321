/**
 * One Chromium per test file (launchPersistentContext on a fresh profile), and helpers to drive the
 * app: open a page, read the console's text, type into it, collect the page's errors, save screenshots.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { inject } from "vitest";
import { CHROMIUM_ARGS } from "./chromium";

export const SCREENSHOTS = resolve(import.meta.dirname, "../__screenshots__");

export interface Browser {
  context: BrowserContext;
  /** A new tab with the app open at `hash`; its console errors and page errors are collected. */
  open(hash?: string, viewport?: { width: number; height: number }): Promise<AppPage>;
  close(): Promise<void>;
}

export interface AppPage {
  page: Page;
  errors: string[];
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "ringlab-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: inject("chromePath"),
    headless: true,
    viewport: { width: 1600, height: 960 },
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    async open(hash = "#/", viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${inject("baseUrl")}${hash}`);
      await page.waitForSelector("#app:not(.loading) .top");
      return { page, errors };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Everything the workbench console shows, scrollback included. */
export function consoleText(page: Page): Promise<string> {
  return page.evaluate("window.ringlab.ui.workbench().terminal.text()") as Promise<string>;
}

/** Waits until the workbench console shows text matching `pattern`. */
export async function waitForConsole(page: Page, pattern: RegExp, timeout = 20_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await consoleText(page);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the console never showed ${pattern}; it shows:\n${text}`);
    await page.waitForTimeout(100);
  }
}

/** Types into the workbench console, as a person would (focus, keys, Enter). */
export async function typeInConsole(page: Page, line: string): Promise<void> {
  await page.click('[data-testid="console"] .terminal-host');
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

/** Waits for the workbench's console to show the shell's prompt (after the firmware's safe-mode wait). */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector(".workbench[data-console-ready]", { timeout: 30_000 });
  await waitForConsole(page, /Type 'help' for the commands\.\n\$/);
}
