// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators, whose innerText is what a person sees
// Share links in real Chromium: a link round-trips the files and settings; a tampered one is refused
// with a clear message and a clean default machine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
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

const DRIVER = `// shared.c: a driver written in the browser
int main(void) {
  printf("shared driver says hello\\n");
  return 0;
}
`;

describe("share links", () => {
  let link = "";

  it("carry a new file, the mode and the checked setting to another tab", async () => {
    const { page, errors } = await browser.open("#/workbench");
    await waitForWorkbench(page);
    await page.waitForSelector('[data-testid="editor"][data-editor-ready]');
    await page.click(".new-file-details > summary");
    await page.fill('.new-file input[type="text"]', "/drivers/shared.c");
    await page.click('.new-file button[type="submit"]');
    await expect.poll(() => page.inputValue('[data-testid="file-select"]')).toBe("/drivers/shared.c");
    // Replace the template with our own text, typed into the editor.
    await page.click(".cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(DRIVER);
    await page.check('[data-testid="checked"]');
    // Toggling "checked" right after typing keeps what was typed.
    await expect.poll(() => page.locator(".cm-content").innerText()).toMatch(/shared driver says hello/);
    await expect.poll(() => page.locator('[data-testid="build-status"]').innerText()).toMatch(/Builds/);
    await page.click('[data-action="share"]');
    const input = page.locator('[data-testid="share-link"]');
    await expect.poll(() => input.inputValue()).toMatch(/#share=1\.[0-9a-f]{8}\./);
    link = await input.inputValue();
    await screenshot(page, "10-share-dialog");
    await page.keyboard.press("Escape");
    expect(errors).toEqual([]);
    await page.close();

    const other = await browser.context.newPage();
    const otherErrors: string[] = [];
    other.on("pageerror", (e) => otherErrors.push(e.message));
    other.on("console", (m) => m.type() === "error" && otherErrors.push(m.text()));
    await other.goto(link);
    await waitForWorkbench(other);
    await expect.poll(() => other.inputValue('[data-testid="file-select"]')).toBe("/drivers/shared.c");
    expect(await other.isChecked('[data-testid="checked"]')).toBe(true);
    expect(await other.locator('[data-testid="notice"]').innerText()).toMatch(/Opened a shared machine/);
    await expect.poll(() => other.locator(".cm-content").innerText()).toMatch(/shared driver says hello/);
    // The file is on the new machine's disk: load it and it runs.
    await typeInConsole(other, "insmod /drivers/shared.c --mode user");
    await waitForConsole(other, /shared driver says hello/);
    expect(other.url()).toMatch(/#\/workbench$/);
    expect(otherErrors).toEqual([]);
    await other.close();
  });

  it("refuse a tampered link with a clear message and start a clean default machine", async () => {
    expect(link).not.toBe("");
    const at = link.length - 10;
    const tampered = `${link.slice(0, at)}${link[at] === "A" ? "B" : "A"}${link.slice(at + 1)}`;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(tampered);
    await waitForWorkbench(page);
    const notice = page.locator('[data-testid="notice"]');
    await expect
      .poll(() => notice.innerText())
      .toMatch(/damaged or was changed.*Starting a clean default machine/);
    expect(await notice.getAttribute("role")).toBe("alert");
    expect(await page.inputValue('[data-testid="file-select"]')).toBe("/drivers/null-driver.c");
    const files = await page.locator('[data-testid="file-select"] option').allInnerTexts();
    expect(files).not.toContain("shared.c");
    await waitForConsole(page, /Ringlab kernel, boot 1/);
    // The views redraw a few times a second: let them catch up with the boot before the picture.
    await page.waitForTimeout(600);
    await screenshot(page, "11-tampered-link");
    expect(errors).toEqual([]);
    await page.close();
  });
});
