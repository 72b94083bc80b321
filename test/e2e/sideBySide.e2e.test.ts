// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText is what a person sees
// The classroom demo in real Chromium: one click from the start page, both outcomes, the summary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser, screenshot } from "./support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("side by side", () => {
  it("starts with one click from the start page and ends with both outcomes and the blast radius", async () => {
    const { page, errors } = await browser.open("#/", { width: 1600, height: 1200 });
    await page.click('[data-action="start-side-by-side"]');
    const demo = page.locator(".side-by-side");
    await expect.poll(() => demo.getAttribute("data-status")).toBe("running");
    // Watch the crash at the speed of a classroom, then fast-forward the rest.
    const left = page.locator('[data-testid="side-kernel"]');
    await left.locator('[data-testid="bluescreen"]').waitFor({ state: "visible", timeout: 20_000 });
    expect(await left.innerText()).toMatch(/PAGE_FAULT_IN_NONPAGED_AREA/);
    expect(await left.innerText()).toMatch(/What failed: null-driver\.sys/);
    await page.waitForTimeout(400);
    await screenshot(page, "08-side-by-side-crash");
    await page.selectOption('.side-by-side [data-action="speed"]', "16");
    await expect.poll(() => demo.getAttribute("data-status"), { timeout: 30_000 }).toBe("done");

    const right = page.locator('[data-testid="side-user"]');
    expect(await right.locator('[data-testid="bluescreen"]').isVisible()).toBe(false);
    expect(await right.innerText()).toMatch(
      /null-driver\.sys \(pid \d+\) faulted and was stopped|Restarted null-driver\.sys|Gave up/,
    );
    // The kernel-mode machine rebooted and runs its workloads again.
    expect(await left.locator('[data-testid="bluescreen"]').isVisible()).toBe(false);
    expect(await left.innerText()).toMatch(/boot 2/);

    const summary = page.locator('[data-testid="blast-radius"]');
    const rows = await summary.locator("tbody tr").allInnerTexts();
    const row = (label: string) => rows.find((r) => r.startsWith(label)) ?? "";
    expect(row("What happened")).toMatch(
      /whole machine stopped: PAGE_FAULT_IN_NONPAGED_AREA in null-driver\.sys/,
    );
    expect(row("What happened")).toMatch(/machine kept running/);
    expect(row("Processes lost")).toMatch(/3: every process \(clock, bank, null-driver\.sys\)/);
    expect(row("Processes lost")).toMatch(/1 process, the driver's own \(null-driver\.sys\), lost \d+ times/);
    expect(row("Unsaved transactions lost")).toMatch(/^Unsaved transactions lost\s+[1-9]\d*\s+0$/);
    expect(row("Machine downtime")).toMatch(/4\.\d\d s\s+none/);
    expect(row("Restarts")).toMatch(/1 machine reboot\s+\d+ driver restarts?/);
    expect(await page.locator(".summary-sentence").innerText()).toMatch(/^Finished\./);
    expect(await page.locator(".summary-panel .panel-title").innerText()).toBe("Blast radius (final)");
    await screenshot(page, "09-side-by-side-summary");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("runs the infinite-loop driver too: watchdog on the left, heartbeat restarts on the right", async () => {
    const { page, errors } = await browser.open("#/side-by-side");
    await page.selectOption('[data-testid="demo-driver"]', "/drivers/spin.c");
    await page.selectOption('.side-by-side [data-action="speed"]', "16");
    await page.click('[data-action="start-demo"]');
    const demo = page.locator(".side-by-side");
    await expect.poll(() => demo.getAttribute("data-status"), { timeout: 30_000 }).toBe("done");
    const rows = await page.locator('[data-testid="blast-radius"] tbody tr').allInnerTexts();
    expect(rows.find((r) => r.startsWith("What happened"))).toMatch(/DPC_WATCHDOG_VIOLATION in spin\.sys/);
    await expect(page.locator('[data-testid="side-user"] .timeline').innerText()).resolves.toMatch(
      /spin\.sys/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
