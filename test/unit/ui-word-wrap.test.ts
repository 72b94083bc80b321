// The console's word wrapping: lines break before a word that would not fit, never inside one.
import { describe, expect, it } from "vitest";
import { WordWrapper } from "../../src/ui/wordWrap";

/**
 * What a 'columns'-wide screen shows for `text` (hard-wrapping what is still too long, as xterm does;
 * blanks at a line's end are not seen).
 */
function screen(columns: number, ...chunks: string[]): string[] {
  const wrapper = new WordWrapper(columns);
  const text = chunks.map((c) => wrapper.feed(c)).join("");
  const lines: string[] = [];
  for (const line of text.split("\r\n")) {
    for (let i = 0; i < Math.max(1, line.length); i += columns)
      lines.push(line.slice(i, i + columns).trimEnd());
  }
  return lines;
}

describe("word wrap", () => {
  it("breaks before the word that would not fit", () => {
    expect(screen(20, "page fault reading 0x00000004 (not mapped)\r\n")).toEqual([
      "page fault reading",
      "0x00000004 (not",
      "mapped)",
      "",
    ]);
  });

  it("keeps counting across chunks, and starts again after a carriage return", () => {
    expect(screen(12, "$ ", "insmod ", "/drivers/x.c\r\n", "ok ok ok ok ok")).toEqual([
      "$ insmod",
      "/drivers/x.c",
      "ok ok ok ok",
      "ok",
    ]);
  });

  it("leaves a word longer than the line to the terminal, and follows where it ends", () => {
    expect(screen(8, "ab 0123456789abc de")).toEqual(["ab 01234", "56789abc", "de"]);
  });

  it("passes escape sequences unchanged and does not count them", () => {
    const wrapper = new WordWrapper(10);
    expect(wrapper.feed("\x1b[2J\x1b[3J\x1b[Hhello")).toBe("\x1b[2J\x1b[3J\x1b[Hhello");
    expect(wrapper.column).toBe(5);
    // Backspace, blank, backspace: the shell rubbing out the last letter leaves the cursor one back.
    expect(wrapper.feed("\b \b")).toBe("\b \b");
    expect(wrapper.column).toBe(4);
  });

  it("fills a line exactly without an empty line after it", () => {
    expect(screen(5, "abcde fghij")).toEqual(["abcde", "fghij"]);
  });
});
