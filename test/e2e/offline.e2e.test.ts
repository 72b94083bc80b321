// The built app: a strict content security policy (no inline script, no eval) that the page keeps to,
// and it works offline after the first load (the service worker stores every file of the build), on a
// plain static server and under `vite preview`, which answers with Vary: Origin.
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { preview } from "vite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { E2E_DIST } from "./globalSetup";
import { type Browser, launchBrowser, waitForWorkbench } from "./support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("the built app", () => {
  it("has a strict content security policy, no inline script, and breaks none of it", async () => {
    const html = await (await fetch(`${inject("baseUrl")}index.html`)).text();
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc.trim()).toBe("'self'");
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/object-src 'none'/);
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
      expect(tag).toMatch(/\bsrc="\.\/assets\//);
      expect(tag).toMatch(/><\/script>$/);
    }
    // Relative asset paths: the build works from any folder of any static host.
    expect(html).not.toMatch(/(src|href)="\/(?!\/)/);

    await browser.context.addInitScript(`
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
    `);
    const { page, errors } = await browser.open("#/workbench");
    await waitForWorkbench(page);
    await page.waitForSelector('[data-testid="editor"][data-editor-ready]');
    await page.click('[data-action="load-kernel"]');
    await page.locator('[data-testid="bluescreen"]').waitFor({ state: "visible", timeout: 20_000 });
    expect(await page.evaluate("window.__violations")).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("works offline after the first load", async () => {
    const first = await browser.open("#/workbench");
    await waitForWorkbench(first.page);
    await first.page.waitForSelector('[data-testid="editor"][data-editor-ready]');
    // The service worker is active once it has stored every file of the build.
    const active = await first.page.evaluate(
      "Promise.race([navigator.serviceWorker.ready.then((r) => r.active !== null), new Promise((done) => setTimeout(() => done('no service worker'), 15000))])",
    );
    expect(active).toBe(true);
    await first.page.close();

    await browser.context.setOffline(true);
    try {
      const offline = await browser.open("#/workbench");
      await waitForWorkbench(offline.page);
      // The editor is loaded lazily: it came from the store too.
      await offline.page.waitForSelector('[data-testid="editor"][data-editor-ready]', { timeout: 20_000 });
      await offline.page.click('[data-action="load-user"]');
      await offline.page.locator('.event[data-kind="driver-load"]').waitFor({ timeout: 20_000 });
      expect(offline.errors).toEqual([]);
      await offline.page.close();
    } finally {
      await browser.context.setOffline(false);
    }
  });

  it("works offline under vite preview too, whose answers vary by Origin", async () => {
    const server = await preview({
      root: resolve(import.meta.dirname, "../.."),
      logLevel: "error",
      build: { outDir: E2E_DIST },
      preview: { host: "127.0.0.1", port: 0, strictPort: false },
    });
    const url = server.resolvedUrls?.local[0] ?? "";
    try {
      // The case that broke the hand-written worker: module scripts are fetched with an Origin header,
      // and this server says its answer varies with it.
      const html = await (await fetch(url)).text();
      const entry = /src="\.\/(assets\/index-[^"]+\.js)"/.exec(html)?.[1] ?? "";
      const asset = await fetch(`${url}${entry}`, { headers: { origin: url.replace(/\/$/, "") } });
      expect(asset.headers.get("vary") ?? "").toMatch(/Origin/i);

      const open = async (): Promise<{ page: Page; errors: string[] }> => {
        const page = await browser.context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        page.on("console", (message) => {
          if (message.type() === "error") errors.push(message.text());
        });
        await page.goto(`${url}#/workbench`);
        await page.waitForSelector("#app:not(.loading) .top", { timeout: 20_000 });
        return { page, errors };
      };
      const first = await open();
      await waitForWorkbench(first.page);
      await first.page.waitForSelector('[data-testid="editor"][data-editor-ready]');
      expect(
        await first.page.evaluate(
          "Promise.race([navigator.serviceWorker.ready.then((r) => r.active !== null), new Promise((done) => setTimeout(() => done('no service worker'), 15000))])",
        ),
      ).toBe(true);
      await first.page.close();

      await browser.context.setOffline(true);
      try {
        const offline = await open();
        await waitForWorkbench(offline.page);
        await offline.page.waitForSelector('[data-testid="editor"][data-editor-ready]', { timeout: 20_000 });
        // A reload while offline starts the machine again too.
        await offline.page.reload();
        await waitForWorkbench(offline.page);
        expect(offline.errors).toEqual([]);
        await offline.page.close();
      } finally {
        await browser.context.setOffline(false);
      }
    } finally {
      await server.close();
    }
  });
});
