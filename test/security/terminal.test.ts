/**
 * Issue 10, item 9 (terminal): a driver's output reaches the host's terminal through `ringlab run` and
 * `ringlab shell`; its escape sequences must show there as text, not act (retitle the window, plant
 * an OSC 8 link, write the clipboard with OSC 52, erase lines, or hide behind a C1 CSI).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../../src/cli/main";
import { visibleControls } from "../../src/cli/visible";

const dir = mkdtempSync(join(tmpdir(), "ringlab-term-"));

/** Every control character a terminal might obey, and printable text around them. */
const HOSTILE =
  "\\033]0;pwned\\007" + // window title
  "\\033]52;c;ZXZpbA==\\007" + // OSC 52: write the clipboard
  "\\033]8;;https://evil.example\\007click\\033]8;;\\007" + // OSC 8: a hyperlink
  "\\033[2K\\033[1A" + // erase the line, move up
  "\\015\\010\\23331m\\177" + // carriage return, backspace, a C1 CSI, DEL
  "done\\n";

async function run(source: string, name: string, ...flags: string[]): Promise<string[]> {
  const path = join(dir, name);
  writeFileSync(path, source);
  const out: string[] = [];
  const code = await runCli(["run", path, "--cycles", "3000000", ...flags], {
    out: (t) => out.push(t),
    err: (t) => out.push(t),
  });
  expect(code).toBe(0);
  return out;
}

const NO_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe("ringlab run shows the guest's control characters instead of obeying them", () => {
  test("a user-mode driver printing terminal escapes", async () => {
    const out = await run(`int main(void) { printf("${HOSTILE}"); return 0; }\n`, "escapes.c");
    const text = out.join("\n");
    expect(text).not.toMatch(NO_CONTROLS);
    expect(text).toContain(
      "^[]0;pwned^G^[]52;c;ZXZpbA==^G^[]8;;https://evil.example^Gclick^[]8;;^G^[[2K^[[1A^M^HM-^[31m^?done",
    );
  });

  test("a kernel-mode driver panicking with escapes in its message: the bluescreen shows them too", async () => {
    const out = await run(
      `int main(void) { panic("${HOSTILE}"); return 0; }\n`,
      "panic.c",
      "--mode",
      "kernel",
    );
    const text = out.join("\n");
    expect(text).toContain("KERNEL_SECURITY_CHECK_FAILURE");
    expect(text).not.toMatch(NO_CONTROLS);
    expect(text).toContain("^[]0;pwned^G");
  });
});

describe("ringlab shell's filter", () => {
  test("keeps carriage return and backspace for line editing and shows every other control", () => {
    expect(visibleControls("ls\b \b\r\n\x1b]0;t\x07\x9b", "\r\b")).toBe("ls\b \b\r\n^[]0;t^GM-^[");
  });
});
