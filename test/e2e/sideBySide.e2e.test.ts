// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText is what a person sees
// The classroom demo in real Chromium: one click from the start page, the three outcomes (kernel,
// user, verified), the summary; a driver verified mode accepts; the choice of modes to show.
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
  it("starts with one click from the start page and ends with the three outcomes and the blast radius", async () => {
    const { page, errors } = await browser.open("#/", { width: 1600, height: 1200 });
    await page.click('[data-action="start-side-by-side"]');
    const demo = page.locator(".side-by-side");
    await expect.poll(() => demo.getAttribute("data-status")).toBe("running");
    // Watch the crash at the speed of a classroom, then fast-forward the rest.
    const left = page.locator('[data-testid="side-kernel"]');
    await left.locator('[data-testid="bluescreen"]').waitFor({ state: "visible", timeout: 20_000 });
    expect(await left.innerText()).toMatch(/PAGE_FAULT_IN_NONPAGED_AREA/);
    expect(await left.innerText()).toMatch(/What failed: null-handler\.sys/);
    // Verified mode at the same moment: refused at the C line of the bad read, and the machine runs on.
    const third = page.locator('[data-testid="side-verified"]');
    const report = third.locator('[data-testid="verifier-report"]');
    await report.waitFor({ state: "visible" });
    const said = await report.innerText();
    expect(said).toMatch(/Refused: the verifier kept null-handler\.c out before it ran/);
    expect(said).toMatch(/null-handler\.c, line 12/);
    expect(said).toContain("if (ev->kind == EV_PIPE_OPEN) table->count = table->count + 1;");
    expect(said).toMatch(/not a pointer the verifier can trust/);
    expect(said).toMatch(/Suggestion: index a global array/);
    expect(await third.locator('[data-testid="verdict-verified"]').innerText()).toMatch(
      /Nothing was lost: the driver never ran/,
    );
    expect(await third.locator('[data-testid="bluescreen"]').isVisible()).toBe(false);
    await page.waitForTimeout(400);
    await screenshot(page, "08-side-by-side-crash");
    await page.selectOption('.side-by-side [data-action="speed"]', "16");
    await expect.poll(() => demo.getAttribute("data-status"), { timeout: 30_000 }).toBe("done");

    const right = page.locator('[data-testid="side-user"]');
    expect(await right.locator('[data-testid="bluescreen"]').isVisible()).toBe(false);
    expect(await right.innerText()).toMatch(
      /null-handler\.sys \(pid \d+\) faulted and was stopped|Restarted null-handler\.sys|Gave up/,
    );
    // The kernel-mode machine rebooted and runs its workloads again.
    expect(await left.locator('[data-testid="bluescreen"]').isVisible()).toBe(false);
    expect(await left.innerText()).toMatch(/boot 2/);

    const summary = page.locator('[data-testid="blast-radius"]');
    const rows = await summary.locator("tbody tr").allInnerTexts();
    const row = (label: string) => rows.find((r) => r.startsWith(label)) ?? "";
    expect(row("What happened")).toMatch(
      /whole machine stopped: PAGE_FAULT_IN_NONPAGED_AREA in null-handler\.sys/,
    );
    expect(row("What happened")).toMatch(/process was stopped; the machine kept running/);
    expect(row("What happened")).toMatch(
      /The verifier refused the driver before it ran; the machine kept running$/,
    );
    expect(row("Processes lost")).toMatch(/3: every process \(clock, bank, null-handler\.sys\)/);
    expect(row("Processes lost")).toMatch(
      /1 process, the driver's own \(null-handler\.sys\), lost \d+ times; nothing else stopped\s+0$/,
    );
    expect(row("Unsaved transactions lost")).toMatch(/^Unsaved transactions lost\s+[1-9]\d*\s+0\s+0$/);
    expect(row("Machine downtime")).toMatch(/4\.\d\d s\s+none\s+none$/);
    expect(row("Driver out of service")).toMatch(
      /never loaded: it waits for a fix that the verifier accepts$/,
    );
    expect(row("Restarts")).toMatch(/1 machine reboot\s+\d+ driver restarts?.*\s+0 driver restarts$/);
    expect(await page.locator(".summary-sentence").innerText()).toMatch(
      /^Finished\. .*Verified mode: refused before it ran, nothing lost\.$/,
    );
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

  it("refuses a driver written the old way (a main loop) in verified mode, and says why", async () => {
    const { page, errors } = await browser.open("#/side-by-side");
    await page.selectOption('[data-testid="demo-driver"]', "/drivers/null-driver.c");
    await page.click('[data-action="start-demo"]');
    await page.click('[data-action="skip"]');
    await page.waitForSelector('.side-by-side[data-status="done"]');
    const third = page.locator('[data-testid="side-verified"]');
    const report = await third.locator('[data-testid="verifier-report"]').innerText();
    expect(report).toMatch(/Refused: the verifier kept null-driver\.c out before it ran/);
    expect(report).toMatch(
      /has no on_event: a loop that waits for events forever can never be proved to end/,
    );
    expect(report).toMatch(
      /Suggestion: define int on_event\(const struct event \*ev\), which the kernel calls once per event/,
    );
    // The kernel-mode machine still bluescreened on the same driver.
    const rows = await page.locator('[data-testid="blast-radius"] tbody tr').allInnerTexts();
    expect(rows.find((r) => r.startsWith("What happened"))).toMatch(
      /PAGE_FAULT_IN_NONPAGED_AREA in null-driver\.sys/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it("runs a handler the verifier accepts in ring 0: the report says so, and its verdicts are counted", async () => {
    const { page, errors } = await browser.open("#/side-by-side", { width: 1920, height: 1080 });
    await page.selectOption('[data-testid="demo-driver"]', "/drivers/guard.c");
    await page.selectOption('.side-by-side [data-action="speed"]', "16");
    await page.click('[data-action="start-demo"]');
    const demo = page.locator(".side-by-side");
    await expect.poll(() => demo.getAttribute("data-status"), { timeout: 30_000 }).toBe("done");
    const third = page.locator('[data-testid="side-verified"]');
    const report = third.locator('[data-testid="verifier-report"]');
    expect(await report.getAttribute("data-accepted")).toBe("true");
    // The column's badge says which ring a verified driver runs in, as the other two do.
    expect(await third.locator(".panel-header .badge").innerText()).toBe("✓ ring 0 · verified");
    expect(await report.innerText()).toMatch(
      /Verified: guard\.c was proved safe, then loaded[\s\S]*\d+ instructions, 1 loop bounded, [\d,]+ states checked\. It runs in ring 0/,
    );
    expect(await third.locator('[data-testid="verdicts-verified"]').innerText()).toMatch(
      /Verdicts given: \d+ allowed · [1-9]\d* blocked/,
    );
    expect(await third.locator(".terminal-host").innerText()).toMatch(
      /guard\.sys loaded in verified mode \(ring 0\)/,
    );
    expect(await third.locator(".timeline").innerText()).toMatch(/Blocked by guard\.sys/);
    const rows = await page.locator('[data-testid="blast-radius"] tbody tr').allInnerTexts();
    expect(rows.find((r) => r.startsWith("What happened"))).toMatch(
      /No fault\s+No fault\s+The verifier proved the driver safe; it runs in ring 0 with no fault$/,
    );
    // At 1920 x 1080 the three machines stand side by side, on one row.
    const tops = await page
      .locator(".machine-side")
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    expect(tops).toHaveLength(3);
    await screenshot(page, "side-by-side-verified-accepted-1920");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lets the presenter choose the modes to show with the keyboard, and never none", async () => {
    const { page, errors } = await browser.open("#/side-by-side", { width: 1024, height: 768 });
    const shown = () =>
      page
        .locator(".machine-side:not([hidden])")
        .evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")));
    expect(await shown()).toEqual(["side-kernel", "side-user", "side-verified"]);
    expect(await page.locator(".column-chooser").innerText()).toMatch(
      /At 1024 pixels three columns are narrow: show the two you are talking about/,
    );
    await page.focus('[data-testid="show-user"]');
    await page.keyboard.press("Space");
    expect(await shown()).toEqual(["side-kernel", "side-verified"]);
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Space");
    expect(await shown()).toEqual(["side-verified"]);
    // The last mode shown stays shown.
    await page.focus('[data-testid="show-verified"]');
    await page.keyboard.press("Space");
    expect(await page.isChecked('[data-testid="show-verified"]')).toBe(true);
    expect(await shown()).toEqual(["side-verified"]);
    // The summary has a column for each mode shown.
    await page.focus('[data-testid="show-kernel"]');
    await page.keyboard.press("Space");
    await page.click('[data-action="start-demo"]');
    await page.click('[data-action="skip"]');
    await page.waitForSelector('.side-by-side[data-status="done"]');
    expect(await page.locator('[data-testid="blast-radius"] thead th').allInnerTexts()).toEqual([
      "",
      "Kernel mode",
      "Verified mode",
    ]);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1024);
    await screenshot(page, "side-by-side-two-modes-1024");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("does not wait at a bluescreen that is not on show", async () => {
    const { page, errors } = await browser.open("#/side-by-side", { width: 1024, height: 768 });
    await page.keyboard.press("Alt+M");
    expect(await page.isChecked('[data-testid="hold-bluescreen"]')).toBe(true);
    await page.uncheck('[data-testid="show-kernel"]');
    await page.click('[data-action="start-demo"]');
    await expect
      .poll(() => page.evaluate("window.ringlab.app.state.sideBySide.kernel?.bugcheck != null"), {
        timeout: 20_000,
      })
      .toBe(true);
    await page.waitForTimeout(300);
    expect(await page.evaluate("window.ringlab.app.state.run.status")).toBe("running");
    expect(errors).toEqual([]);
    await page.close();
  });
});
