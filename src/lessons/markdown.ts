/**
 * Lesson Markdown to HTML, safe without a DOM: raw HTML in a lesson is shown as text, links go only
 * to places in the app or explicitly to another site (see linkTarget), images only from https. The browser sanitizes the result
 * once more (DOMPurify) before it touches the page; this layer makes sure nothing in a lesson file
 * was ever meant to run.
 *
 * A file block becomes <figure class="lesson-file" data-file="PATH">; a run block becomes a
 * <div class="lesson-run"> with a <button data-run="N">, N indexing the lesson's runs, so the UI
 * takes the command from the parsed lesson, never from the HTML.
 *
 * A link to another lesson names it by id, never by number: `[lesson](lesson:checked-mode)` or
 * `[](lesson:checked-mode)`. It becomes <a class="lesson-link" data-lesson="ID" ...> with the id as
 * a stand-in text; the course (course.ts, linkLessons) writes in the lesson's current number, and
 * for an empty text its title too, so inserting a lesson renumbers every link with it.
 */
import { Marked, type Tokens } from "marked";
import { parseInfo } from "./body";

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A link to a lesson by id: lesson:channel-file-291 */
export const LESSON_LINK = /^lesson:([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The anchor a lesson link renders to, before the course numbers it. */
export function lessonAnchor(id: string, word: string, inner: string): string {
  const form = word ? "short" : "full";
  return `<a class="lesson-link" href="#/lessons/${id}" data-lesson="${id}" data-word="${escapeHtml(word)}" data-form="${form}">${inner}</a>`;
}

/**
 * Where a lesson's link may go: "external" (explicitly http(s) or mailto, opened with
 * rel="noopener noreferrer"), "app" (a place in Ringlab itself), or nowhere (the link shows as text).
 *
 * A browser reads an href more loosely than it looks: it drops tabs and newlines, turns `\` into `/`
 * in http(s) URLs and takes `//host` as another site, so `/\evil.example/x` is an off-site link. Any
 * control character, space or backslash therefore disqualifies a link, and an in-app link is a
 * fragment, a root path whose second character is not a slash, `./` or `../`, or a bare file name.
 */
export function linkTarget(href: string): "app" | "external" | undefined {
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(href)) return undefined;
  if (/^https?:\/\/[^/?#]/.test(href) || /^mailto:[^/]/.test(href)) return "external";
  if (/^(#|\/(?![/])|\.{1,2}\/)/.test(href)) return "app";
  if (/^[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)?(#.*)?$/.test(href)) return "app";
  return undefined;
}

/** Renders one section; `nextRun` numbers the run blocks across the whole lesson. */
export function renderMarkdown(markdown: string, nextRun: { value: number }): string {
  return safeMarked(nextRun).parse(markdown) as string;
}

/** Renders one line of Markdown (a hint) without a paragraph around it. */
export function renderInline(markdown: string): string {
  return safeMarked({ value: 0 }).parseInline(markdown) as string;
}

function safeMarked(nextRun: { value: number }): Marked {
  return new Marked({
    gfm: true,
    async: false,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(token.text);
      },
      link(token: Tokens.Link): string {
        const text = this.parser.parseInline(token.tokens);
        const lesson = LESSON_LINK.exec(token.href);
        if (lesson) return lessonAnchor(lesson[1], token.text.trim(), `${text || "lesson"} ${lesson[1]}`);
        const target = linkTarget(token.href);
        if (target === undefined) return text;
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
        const external = target === "external" ? ' rel="noopener noreferrer"' : "";
        return `<a href="${escapeHtml(token.href)}"${title}${external}>${text}</a>`;
      },
      image(token: Tokens.Image): string {
        if (!/^https:\/\//.test(token.href)) return escapeHtml(token.text);
        return `<img src="${escapeHtml(token.href)}" alt="${escapeHtml(token.text)}">`;
      },
      code(token: Tokens.Code): string {
        const { language, attributes } = parseInfo(token.lang ?? "");
        const cls = language && language !== "run" ? ` class="language-${escapeHtml(language)}"` : "";
        const body = `<pre><code${cls}>${escapeHtml(token.text)}</code></pre>`;
        if (language === "run") {
          const index = nextRun.value++;
          return `<div class="lesson-run">${body}<button type="button" data-run="${index}">Run</button></div>\n`;
        }
        const file = attributes.get("file");
        if (file)
          return `<figure class="lesson-file" data-file="${escapeHtml(file)}"><figcaption>${escapeHtml(file)}</figcaption>${body}</figure>\n`;
        return `${body}\n`;
      },
    },
  });
}
