// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText is what a person sees
// The classroom, on a 1024 x 768 projector: the documented keyboard-only run in presenter mode
// (M, K, H, Enter, U, Space) ends with both outcomes on screen; presenter mode with a lesson open keeps
// the machine; no page scrolls sideways, in either mode.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/kernel/shell/commands";

/** What the page exposes for tests (src/main.ts). */
interface RinglabWindow {
  ringlab: { app: { state: { machine: { state: string; safeMode: boolean; bootNumber: number } } } };
}

import {
  type Browser,
  consoleText,
  launchBrowser,
  screenshot,
  typeInConsole,
  waitForConsole,
  waitForWorkbench,
} from "./support/browser";

const PROJECTOR = { width: 1024, height: 768 };

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The element that has the focus: its tag and class, and whether it is in the console or the editor. */
function focused(page: Page): Promise<{ what: string; typing: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      what: `${el?.tagName ?? "none"}.${el?.className ?? ""}`,
      typing: !!el?.closest(".xterm, .cm-editor, input, textarea, select"),
    };
  });
}

function runStatus(page: Page): Promise<string> {
  return page.evaluate("window.ringlab.app.state.run.status") as Promise<string>;
}

/** Two boxes overlap (by more than a pixel each way). */
function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return (
    a.x + 1 < b.x + b.width && b.x + 1 < a.x + a.width && a.y + 1 < b.y + b.height && b.y + 1 < a.y + a.height
  );
}

describe("the classroom", () => {
  it("offers the safe-mode key after a bluescreen too: Enter, then S, boots in safe mode", async () => {
    const { page, errors } = await browser.open("#/workbench", PROJECTOR);
    await waitForWorkbench(page);
    await page.keyboard.press("Alt+M");
    await page.keyboard.press("k");
    const bluescreen = page.locator('[data-testid="bluescreen"]');
    await bluescreen.waitFor({ state: "visible", timeout: 20_000 });
    const machine = (key: "state" | "safeMode" | "bootNumber") =>
      page.evaluate((k) => (window as unknown as RinglabWindow).ringlab.app.state.machine[k], key);
    await page.keyboard.press("Enter");
    // The firmware waits a second of machine time for S or F8; in presenter mode S goes to it.
    await expect.poll(() => machine("state"), { timeout: 10_000 }).toBe("firmware");
    await page.keyboard.press("s");
    await expect.poll(() => machine("state"), { timeout: 20_000 }).toBe("running");
    expect(await machine("safeMode")).toBe(true);
    expect(await machine("bootNumber")).toBe(2);
    expect(errors).toEqual([]);
  });

  it("runs the demo by keys alone in presenter mode at 1024 x 768: M, K, H, Enter, U, Space", async () => {
    const { page, errors } = await browser.open("#/workbench", PROJECTOR);
    await waitForWorkbench(page);
    await page.keyboard.press("Alt+M");
    await expect.poll(() => page.evaluate("document.body.classList.contains('presenter')")).toBe(true);

    // K: the open driver (null-driver.c) in kernel mode bluescreens the machine, on the whole display.
    await page.keyboard.press("k");
    const bluescreen = page.locator('[data-testid="bluescreen"]');
    await bluescreen.waitFor({ state: "visible", timeout: 20_000 });
    await expect.poll(() => bluescreen.getAttribute("class")).toMatch(/takeover/);

    const runButton = page.locator('.workbench [data-action="run"]');
    expect(await runButton.getAttribute("aria-label")).toBe("Hold");
    // H holds it: time stands still, and what the screen says matches its buttons.
    await page.keyboard.press("h");
    await expect.poll(() => runStatus(page)).toBe("paused");
    expect(await runButton.getAttribute("aria-label")).toBe("Resume countdown");
    await expect.poll(() => bluescreen.innerText()).toMatch(/Held/);
    expect(await bluescreen.innerText()).not.toMatch(/Press Run/);
    expect(await bluescreen.locator("button:visible").allInnerTexts()).toContain("Resume countdown");
    // It shows what lesson 2 asks the learner to read: Where (the C line) and the Parameters.
    expect(await bluescreen.innerText()).toMatch(/Where: null-driver\.c:\d+ in main/);
    expect(await bluescreen.innerText()).toMatch(/Parameters: 0x00000004 /);
    // Nothing of the text lies on the buttons.
    const buttons = await bluescreen
      .locator("button:visible")
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()));
    for (const part of ["bsod-where", "bsod-parameters"]) {
      const box = await bluescreen.locator(`[data-testid="${part}"]`).boundingBox();
      expect(box, part).not.toBeNull();
      for (const button of buttons) expect(box && overlaps(box, button), part).toBe(false);
    }
    await screenshot(page, "classroom-1-held");

    // Enter restarts at once, running again, and the keys stay the presenter's (not the console's).
    await page.keyboard.press("Enter");
    await bluescreen.waitFor({ state: "hidden" });
    await expect.poll(() => runStatus(page)).toBe("running");
    expect((await focused(page)).typing).toBe(false);
    // Every boot offers the safe-mode key for a second first (the firmware's wait), then runs. Polled
    // through page.evaluate, which the page's content security policy allows (a string predicate it does not).
    await expect
      .poll(() => page.evaluate(() => (window as unknown as RinglabWindow).ringlab.app.state.machine.state), {
        timeout: 20_000,
      })
      .toBe("running");

    // U: the same driver in user mode faults, is restarted, and the kernel gives up on it; the machine runs on.
    await page.keyboard.press("u");
    await page.locator('.event[data-kind="driver-give-up"]').waitFor({ timeout: 30_000 });
    expect((await focused(page)).typing).toBe(false);
    const drivers = page.locator('[data-testid="processes"] table.drivers');
    await expect.poll(() => drivers.innerText()).toMatch(/null-driver\.sys[\s\S]*failed/);
    expect(await page.locator('[data-testid="bluescreen"]').isVisible()).toBe(false);
    // Both outcomes are on screen: the bugcheck of boot 1 and the give-up of boot 2.
    expect(await page.locator('.event[data-kind="bugcheck"]').count()).toBe(1);
    const processes = await page.locator('[data-testid="processes"] table.processes').innerText();
    expect(processes).toMatch(/clock/);
    expect(processes).toMatch(/bank/);

    // The timeline follows its newest entries, though presenter mode made its panel smaller.
    await expect
      .poll(() =>
        page
          .locator('section[data-testid="timeline"] .event')
          .last()
          .evaluate((el) => {
            const panel = (el.closest(".panel-body") as HTMLElement).getBoundingClientRect();
            const box = el.getBoundingClientRect();
            return box.top >= panel.top - 1 && box.bottom <= panel.bottom + 1;
          }),
      )
      .toBe(true);

    // Space pauses, and Space again runs.
    await page.keyboard.press(" ");
    await expect.poll(() => runStatus(page)).toBe("paused");
    await page.keyboard.press(" ");
    await expect.poll(() => runStatus(page)).toBe("running");
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(PROJECTOR.width);
    await screenshot(page, "classroom-2-both-outcomes");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("keeps the machine's panels in presenter mode with a lesson open, nothing on top of another", async () => {
    for (const viewport of [PROJECTOR, { width: 1920, height: 1080 }]) {
      const { page, errors } = await browser.open("#/lessons/first-driver-kernel-mode", viewport);
      await page.waitForSelector('[data-slot="lesson"]:not([hidden]) .lesson-title');
      await page.keyboard.press("Alt+M");
      await page.waitForTimeout(300);
      for (const testid of ["console", "timeline", "processes", "memory", "editor"]) {
        const box = await page.locator(`.workbench section[data-testid="${testid}"]`).boundingBox();
        expect(box, `${testid} at ${viewport.width}`).not.toBeNull();
        expect(box?.width ?? 0, `${testid} at ${viewport.width}`).toBeGreaterThan(200);
        expect(box?.height ?? 0, `${testid} at ${viewport.width}`).toBeGreaterThan(40);
      }
      const titles = await page.locator(".workbench .panel-title:visible").evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { text: el.textContent ?? "", x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      );
      for (let i = 0; i < titles.length; i++)
        for (let j = i + 1; j < titles.length; j++)
          expect(overlaps(titles[i], titles[j]), `${titles[i].text} / ${titles[j].text}`).toBe(false);
      const fullScreen = await page.getByRole("button", { name: "Full screen" }).boundingBox();
      for (const action of ["load-kernel", "load-user"]) {
        const load = await page.locator(`[data-action="${action}"]`).boundingBox();
        expect(fullScreen && load && overlaps(fullScreen, load), action).toBe(false);
      }
      expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, `classroom-lesson-presenter-${viewport.width}`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("scrolls no page sideways at 1024 x 768, in either mode", async () => {
    const { page, errors } = await browser.open("#/", PROJECTOR);
    for (const presenter of [false, true]) {
      if (presenter) await page.keyboard.press("Alt+M");
      for (const hash of ["#/", "#/workbench", "#/side-by-side", "#/lessons/channel-file-291"]) {
        await page.evaluate((h) => {
          location.hash = h;
        }, hash);
        await page.waitForTimeout(400);
        if (hash === "#/side-by-side") {
          // The demo's widest moment: both machines running, then the summary at the end.
          await page.click('[data-action="start-demo"]');
          await page.click('[data-action="skip"]');
          await page.waitForSelector('.side-by-side[data-status="done"]');
          // Nothing is left to pause once the demo has ended.
          expect(await page.locator('.side-by-side [data-action="run"]').isVisible()).toBe(false);
        }
        const width = await page.evaluate("document.documentElement.scrollWidth");
        expect(width, `${hash}${presenter ? " (presenter)" : ""}`).toBeLessThanOrEqual(PROJECTOR.width);
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("wraps the console between words, and `clear` empties it", async () => {
    const { page, errors } = await browser.open("#/workbench", PROJECTOR);
    await waitForWorkbench(page);
    await page.keyboard.press("Alt+M");
    await page.waitForTimeout(300);
    await typeInConsole(page, "help");
    const text = await waitForConsole(page, /run PROGRAM[\s\S]*\$ $/);
    // Every help text reads whole once the line breaks are spaces again: no word was cut in two.
    const flowing = text.replace(/\s+/g, " ");
    for (const command of COMMANDS) expect(flowing).toContain(command.help);
    expect(text.split("\n").some((line) => line.length > 0 && line.length < 60)).toBe(true);
    await screenshot(page, "classroom-console-wrap");
    await typeInConsole(page, "clear");
    await expect.poll(() => consoleText(page)).not.toMatch(/list the commands/);
    expect((await consoleText(page)).trim()).toBe("$");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("describes a fault by its kind in the memory panel: a privileged instruction reads no address", async () => {
    const { page, errors } = await browser.open("#/lessons/rings");
    await page.waitForSelector('[data-slot="lesson"]:not([hidden]) .lesson-title');
    await waitForConsole(page, /\$\s*$/);
    await typeInConsole(page, "run /bin/quiet.s");
    const note = page.locator('[data-testid="memory"] .fault-note');
    await expect.poll(() => note.innerText(), { timeout: 20_000 }).toMatch(/privileged instruction/);
    expect(await note.innerText()).not.toMatch(/reading|No page backs/);
    expect(await page.locator('[data-testid="memory"] .cell.faulted').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens the workbench at its top from a scrolled start page; full screen scales the console's text", async () => {
    const { page, errors } = await browser.open("#/", PROJECTOR);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate("window.scrollY")).toBeGreaterThan(100);
    await page.click('[data-action="open-workbench"]');
    await waitForWorkbench(page);
    expect(await page.evaluate("window.scrollY")).toBe(0);

    const fontSize = () =>
      page.evaluate(() => {
        const rows = document.querySelector('[data-testid="console"] .xterm-rows') as HTMLElement | null;
        return rows ? Number.parseFloat(getComputedStyle(rows).fontSize) : 0;
      });
    const before = await fontSize();
    await page.getByRole("button", { name: "Full screen" }).click();
    await page.waitForFunction("document.fullscreenElement !== null");
    await expect.poll(fontSize).toBeGreaterThan(before);
    await page.getByRole("button", { name: "Exit full screen" }).click();
    await page.waitForFunction("document.fullscreenElement === null");
    await expect.poll(fontSize).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fits every column of the drivers table beside a lesson on a 1366 x 768 screen", async () => {
    const { page, errors } = await browser.open("#/lessons/same-driver-user-mode", {
      width: 1366,
      height: 768,
    });
    await page.waitForSelector('[data-slot="lesson"]:not([hidden]) .lesson-title');
    await waitForConsole(page, /\$\s*$/);
    await typeInConsole(page, "insmod /drivers/pipes.c --mode user");
    const panel = page.locator('[data-testid="processes"] .panel-body');
    await panel.locator("table.drivers").waitFor();
    const fit = await panel.evaluate((body) => {
      const restarts = [...body.querySelectorAll("th")].find((th) => th.textContent === "Restarts");
      return {
        overflow: body.scrollWidth - body.clientWidth,
        restartsInside:
          !!restarts && restarts.getBoundingClientRect().right <= body.getBoundingClientRect().right,
      };
    });
    expect(fit).toEqual({ overflow: 0, restartsInside: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("holds side by side at the bluescreen in presenter mode, then keeps what each side lost, large", async () => {
    const { page, errors } = await browser.open("#/side-by-side", PROJECTOR);
    await page.keyboard.press("Alt+M");
    await page.click('[data-action="start-demo"]');
    const left = page.locator('[data-testid="side-kernel"]');
    await left.locator('[data-testid="bluescreen"]').waitFor({ state: "visible", timeout: 20_000 });
    // Held: the demo waits for the presenter, however long they talk.
    await expect.poll(() => runStatus(page)).toBe("paused");
    const elapsed = await page.evaluate("window.ringlab.app.state.sideBySide.elapsed");
    await page.waitForTimeout(1500);
    expect(await page.evaluate("window.ringlab.app.state.sideBySide.elapsed")).toBe(elapsed);
    expect(await left.locator('[data-testid="bluescreen"]').innerText()).toMatch(/Held/);
    const stopCodeSize = await left
      .locator(".bsod-code")
      .first()
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(stopCodeSize).toBeGreaterThanOrEqual(18);
    await screenshot(page, "classroom-side-by-side-held");
    // Space goes on; at the end each side says, large, what it lost.
    await page.keyboard.press(" ");
    await expect.poll(() => runStatus(page)).toBe("running");
    await page.click('[data-action="skip"]');
    await page.waitForSelector('.side-by-side[data-status="done"]');
    const kernel = page.locator('[data-testid="verdict-kernel"]');
    const user = page.locator('[data-testid="verdict-user"]');
    const verified = page.locator('[data-testid="verdict-verified"]');
    expect(await kernel.innerText()).toMatch(
      /whole machine stopped: 3 processes and \d+ unsaved transactions? lost/,
    );
    expect(await user.innerText()).toMatch(/Only the driver's process was lost/);
    expect(await verified.innerText()).toMatch(/Nothing was lost: the driver never ran/);
    // The verifier's reason and suggestion in type the back row can read.
    for (const part of [".verifier-reason", ".verifier-suggestion"])
      expect(
        await page
          .locator(`[data-testid="side-verified"] ${part}`)
          .first()
          .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
        part,
      ).toBeGreaterThanOrEqual(18);
    for (const verdict of [kernel, user, verified])
      expect(
        await verdict.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
      ).toBeGreaterThanOrEqual(24);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(PROJECTOR.width);
    await screenshot(page, "classroom-side-by-side-done");
    expect(errors).toEqual([]);
    await page.close();
  });
});
