/**
 * Issue 10, item 9 (web): a lesson's links go only to places in the app, or explicitly to another site
 * with rel="noopener noreferrer". The hrefs below are the ones a hostile lesson author would try: each
 * is read by a browser as a link to another site (or a script), and none may become one.
 */
import { describe, expect, test } from "vitest";
import { linkTarget, renderInline, renderMarkdown } from "../../src/lessons/markdown";

const render = (markdown: string) => renderMarkdown(markdown, { value: 0 });

const OFF_SITE = [
  "/\\evil.example/x",
  "\\\\evil.example/x",
  "/\\/evil.example",
  "//evil.example/x",
  "/\t/evil.example",
  "https:/\\evil.example",
  "https:evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox",
  "ftp://evil.example",
  " //evil.example",
];

describe("links in lesson Markdown", () => {
  for (const href of OFF_SITE) {
    test(`${JSON.stringify(href)} is shown as text, not a link`, () => {
      expect(linkTarget(href)).toBeUndefined();
      // Written as the author would: in the body and in a hint; the angle-bracket form keeps odd
      // characters in the href as they are.
      for (const html of [render(`[x](<${href}>)`), renderInline(`[x](<${href}>)`)]) {
        expect(html).not.toMatch(/<a\b/);
        expect(html).toContain("x");
      }
    });
  }

  test("the first case, as issue 10 reported it, in its plain form", () => {
    expect(render("[x](/\\evil.example/x)")).not.toMatch(/<a\b/);
  });

  test("in-app links stay links, without rel", () => {
    for (const href of [
      "04-channel-file-291.md",
      "#goals",
      "/lessons/01-rings",
      "./notes.md",
      "../docs/isa.md",
    ]) {
      expect(linkTarget(href)).toBe("app");
      expect(render(`[x](${href})`)).toContain(`<a href="${href}">x</a>`);
    }
  });

  test("explicitly external links open with rel=noopener noreferrer", () => {
    for (const href of ["https://example.org/a?b=c#d", "http://example.org", "mailto:someone@example.org"]) {
      expect(linkTarget(href)).toBe("external");
      expect(render(`[x](${href})`)).toContain(`<a href="${href}" rel="noopener noreferrer">x</a>`);
    }
  });
});
