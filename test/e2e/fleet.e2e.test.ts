// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText is what a person sees
// The fleet page in real Chromium: linked from the start page, runs both policies in a worker, draws
// its pictures, reports policy errors at their place; at a laptop's and a projector's size.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser, screenshot } from "./support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Whether a canvas has painted anything but one colour. */
function painted(selector: string): string {
  return `(() => {
    const c = document.querySelector(${JSON.stringify(selector)});
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add(d[i] * 65536 + d[i + 1] * 256 + d[i + 2]);
    return seen.size > 2;
  })()`;
}

describe("the fleet page", () => {
  for (const size of [
    { width: 1024, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    it(`replays the push against rings at ${size.width}x${size.height}`, async () => {
      const { page, errors } = await browser.open("#/", size);
      await page.click('[data-action="open-fleet"]');
      const status = page.locator('[data-testid="fleet-status"]');
      await expect.poll(() => status.innerText(), { timeout: 60_000 }).toMatch(/^Done: 12,400,000 machines/);
      const left = await page.locator('[data-testid="totals-left"]').innerText();
      const right = await page.locator('[data-testid="totals-right"]').innerText();
      const crashed = (text: string) =>
        Number(/Machines crashed\s+([\d,]+)/.exec(text)?.[1].replace(/,/g, ""));
      expect(crashed(left)).toBeGreaterThan(8_000_000);
      expect(crashed(left)).toBeLessThan(9_000_000);
      expect(crashed(right)).toBeLessThan(100_000);
      expect(right).toMatch(/halted at ring 1/);
      for (const canvas of ['[data-testid="map-left"]', '[data-testid="map-right"]', ".fleet-chart"])
        expect(await page.evaluate(painted(canvas))).toBe(true);
      expect(
        await page
          .locator('[data-testid="fleet-progress"]')
          .evaluate((p) => (p as HTMLProgressElement).value),
      ).toBe(1);
      const fleet = page.locator(".page.fleet");
      const ms = await fleet.getAttribute("data-simulation-ms");
      const classes = await fleet.getAttribute("data-classes-ms");
      expect(ms).toMatch(/^\d+ \d+$/);
      console.log(
        `fleet page at ${size.width}x${size.height}: ten days of each policy ${ms} ms, machine classes ${classes} ms (Chromium, in the worker)`,
      );
      await screenshot(page, `fleet-${size.width}x${size.height}`);
      expect(errors).toEqual([]);
    });
  }

  it("shows a policy file's errors at their line and column, and runs nothing", async () => {
    const { page } = await browser.open("#/fleet", { width: 1280, height: 900 });
    const status = page.locator('[data-testid="fleet-status"]');
    await expect.poll(() => status.innerText(), { timeout: 60_000 }).toMatch(/^Done/);
    await page.fill('[data-testid="policy-right"]', "rings:\n  - { percent: 50, soakMinutes: soon }\n");
    await page.click('[data-action="fleet-run"]');
    expect(await status.innerText()).toMatch(/fix the policy errors/);
    const errors = await page.locator(".fleet-side-right .fleet-errors").innerText();
    expect(errors).toContain('policy 2:2:33: rings[0].soakMinutes: expected a number, got "soon"');
    expect(errors).toContain(
      "policy 2:2:3: rings: the rings' percents must add up to 100, they add up to 50",
    );
  });
});
