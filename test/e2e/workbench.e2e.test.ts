// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText is what a person sees
// The workbench in real Chromium: the page loads cleanly, the shell answers in the console, the
// sample buggy driver bluescreens the machine in kernel mode and is restarted in user mode, and a
// driver spinning for ever in kernel mode leaves the page responsive until the watchdog fires.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppPage,
  type Browser,
  launchBrowser,
  screenshot,
  typeInConsole,
  waitForConsole,
  waitForWorkbench,
} from "./support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function workbench(): Promise<AppPage> {
  const app = await browser.open("#/workbench");
  await waitForWorkbench(app.page);
  return app;
}

async function setSpeed(app: AppPage, speed: string): Promise<void> {
  await app.page.selectOption('.workbench [data-action="speed"]', speed);
}

describe("workbench", () => {
  it("loads with no console errors, the start page first", async () => {
    const start = await browser.open("#/");
    await start.page.waitForSelector('[data-action="start-side-by-side"]');
    await screenshot(start.page, "01-start");
    await start.page.click('[data-action="open-workbench"]');
    await waitForWorkbench(start.page);
    await waitForConsole(start.page, /\$ $/m);
    await start.page.waitForSelector('[data-testid="editor"][data-editor-ready]');
    await start.page.waitForTimeout(500);
    await screenshot(start.page, "02-workbench");
    expect(start.errors).toEqual([]);
    await start.page.close();
  });

  it("runs `ps` typed in the console and lists the processes with their rings", async () => {
    const app = await workbench();
    await waitForConsole(app.page, /Type 'help'/);
    await typeInConsole(app.page, "ps");
    const text = await waitForConsole(app.page, /PID\s+RING\s+STATE[\s\S]*bank/);
    expect(text).toMatch(/1\s+user\s+\w+\s+\d+\s+clock/);
    expect(text).toMatch(/2\s+user\s+\w+\s+\d+\s+bank/);
    expect(app.errors).toEqual([]);
    await app.page.close();
  });

  it("kernel mode: null-driver.c bluescreens the machine with its stop code and module", async () => {
    const app = await workbench();
    const { page } = app;
    await page.click('[data-action="load-kernel"]');
    const bluescreen = page.locator('[data-testid="bluescreen"]');
    await bluescreen.waitFor({ state: "visible", timeout: 20_000 });
    await expect.poll(() => bluescreen.innerText()).toMatch(/Stop code: PAGE_FAULT_IN_NONPAGED_AREA/);
    expect(await bluescreen.innerText()).toMatch(/What failed: null-driver\.sys/);
    expect(await bluescreen.innerText()).toMatch(/:\(/);
    // Screen readers hear it at once.
    await expect
      .poll(() => page.locator('[data-testid="announcer-urgent"]').innerText())
      .toMatch(/Bugcheck.*PAGE FAULT IN NONPAGED AREA.*null-driver\.sys/);
    // The memory map says where the fault was; the CPU view shows the faulting C line.
    expect(await page.locator(".fault-note").innerText()).toMatch(/0x00000004/);
    expect(await page.locator(".source-line").innerText()).toMatch(/null-driver\.c:\d+ in main/);
    // ...and the C variable behind the crash: the table was never allocated.
    await expect
      .poll(() => page.locator(".cpu .variables").allInnerTexts())
      .toEqual(expect.arrayContaining([expect.stringMatching(/table\s+NULL\s+struct pipe_table \*/)]));
    await page.waitForTimeout(300);
    await screenshot(page, "03-bluescreen");
    // The bugcheck in the timeline opens to its details.
    const entry = page.locator('.event[data-kind="bugcheck"] .event-summary');
    await entry.click();
    expect(await entry.getAttribute("aria-expanded")).toBe("true");
    const details = page.locator('.event[data-kind="bugcheck"] .event-details');
    expect(await details.innerText()).toMatch(/parameter 1\s+0x00000004/);
    await screenshot(page, "04-timeline-details");
    // Enter on the bluescreen restarts the machine.
    await page.locator('[data-testid="bluescreen"] .bsod-button', { hasText: "Restart now" }).focus();
    await page.keyboard.press("Enter");
    await bluescreen.waitFor({ state: "hidden" });
    await waitForConsole(page, /Ringlab kernel, boot 2/);
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it("user mode: the machine keeps running and the restart shows in the timeline", async () => {
    const app = await workbench();
    const { page } = app;
    await setSpeed(app, "4");
    await page.click('[data-action="load-user"]');
    await page.locator('.event[data-kind="driver-restart"]').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="bluescreen"]').isVisible()).toBe(false);
    expect(await page.locator(".timeline").innerText()).toMatch(/Restarted null-driver\.sys \(restart 1\)/);
    expect(await page.locator(".timeline").innerText()).toMatch(
      /null-driver\.sys \(pid \d+\) faulted and was stopped/,
    );
    // The clock and the bank are still there, in ring 3, and the machine still runs.
    const processes = await page.locator('[data-testid="processes"]').innerText();
    expect(processes).toMatch(/clock/);
    expect(processes).toMatch(/bank/);
    expect(await page.locator(".run-status").innerText()).toMatch(/Running/);
    await expect
      .poll(() => page.locator('[data-testid="announcer"]').innerText())
      .toMatch(/restarted|stopped/);
    await screenshot(page, "05-user-mode-restart");
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it("an infinite loop in kernel mode leaves the page responsive, then the watchdog bugchecks", async () => {
    const app = await workbench();
    const { page } = app;
    await page.selectOption('[data-testid="file-select"]', "/drivers/spin.c");
    await expect
      .poll(() => page.locator('[data-testid="editor"]').innerText())
      .toMatch(/never gives the processor back/);
    await page.click('[data-action="load-kernel"]');
    await waitForConsole(page, /spin: starting/);
    // While it spins, the buttons answer at once.
    const run = page.locator('.workbench [data-action="run"]');
    for (const expected of ["false", "true"]) {
      const started = Date.now();
      await run.click();
      await expect.poll(() => run.getAttribute("aria-pressed"), { timeout: 2000 }).toBe(expected);
      expect(Date.now() - started).toBeLessThan(2000);
    }
    // The page's own event loop keeps turning: a timer set now fires on time.
    const lag = (await page.evaluate(
      "new Promise((done) => { const t = performance.now(); setTimeout(() => done(performance.now() - t - 50), 50); })",
    )) as number;
    expect(lag).toBeLessThan(500);
    expect(await page.locator('[data-testid="bluescreen"]').isVisible()).toBe(false);
    await screenshot(page, "06-spinning");
    const bluescreen = page.locator('[data-testid="bluescreen"]');
    await bluescreen.waitFor({ state: "visible", timeout: 30_000 });
    expect(await bluescreen.innerText()).toMatch(/DPC_WATCHDOG_VIOLATION/);
    expect(await bluescreen.innerText()).toMatch(/What failed: spin\.sys/);
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it("presenter mode: large type, secondary panels hidden, shortcuts for run, pause, step and reset", async () => {
    const app = await workbench();
    const { page } = app;
    await page.keyboard.press("Alt+M");
    await page.waitForSelector("body.presenter");
    expect(await page.locator('[data-testid="cpu"]').isVisible()).toBe(false);
    expect(await page.locator(".code-host").isVisible()).toBe(false);
    const size = await page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)");
    expect(size).toBeGreaterThanOrEqual(20);
    const run = page.locator('.workbench [data-action="run"]');
    await page.locator("body").click({ position: { x: 5, y: 900 } });
    await page.keyboard.press("Alt+P");
    await expect.poll(() => run.getAttribute("aria-pressed")).toBe("false");
    await page.keyboard.press("s");
    await expect.poll(() => page.locator(".step-report").innerText()).toMatch(/Stepped one instruction/);
    await page.keyboard.press(" ");
    await expect.poll(() => run.getAttribute("aria-pressed")).toBe("true");
    await page.keyboard.press("k");
    await page.locator('[data-testid="bluescreen"]').waitFor({ state: "visible", timeout: 20_000 });
    await page.waitForTimeout(300);
    await screenshot(page, "07-presenter-bluescreen");
    await page.keyboard.press("r");
    await page.locator('[data-testid="bluescreen"]').waitFor({ state: "hidden" });
    await waitForConsole(page, /Ringlab kernel, boot 1/);
    expect(app.errors).toEqual([]);
    await page.close();
  });
});
