// The Markdown body: sections as steps, code blocks that become disk files, run blocks that become
// buttons, and HTML that is safe whatever the lesson contains.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/lessons/markdown";
import { lessonText, located, MINIMAL_FRONT, parsed } from "./support";

const body = (text: string) => lessonText(MINIMAL_FRONT, text);

const FULL = `The introduction.

## What you will see

A preview.

## Write the driver

\`\`\`c file=/drivers/x.c
int main(void) { return 0; }
\`\`\`

\`\`\`run
insmod /drivers/x.c --mode kernel
lsmod
\`\`\`

## Look at the data

\`\`\`text file=/data/x.dat
one|two
\`\`\`

\`\`\`c
// shown only, not a file
\`\`\`

## What happened in the real world

Sources.
`;

describe("sections", () => {
  it("splits the body at ## headings: intro, preview, steps in order, real-world note", () => {
    const lesson = parsed(body(FULL));
    expect(lesson.sections.map((s) => [s.kind, s.title, s.line])).toEqual([
      ["intro", "", 13],
      ["preview", "What you will see", 15],
      ["step", "Write the driver", 19],
      ["step", "Look at the data", 30],
      ["realWorld", "What happened in the real world", 40],
    ]);
    expect(lesson.sections[1].markdown).toBe("A preview.");
  });

  it("needs a preview before the first step, and one of each special section", () => {
    const text = FULL.replace("## What you will see\n\nA preview.\n\n", "").replace(
      "## Look at the data",
      "## What you will see\n\nLate.\n\n## What you will see\n\nTwice.\n\n## Look at the data",
    );
    expect(located(body(text))).toEqual([
      '26:1: "What you will see" comes before the first step',
      '30:1: a second "What you will see" section (a lesson has one)',
    ]);
  });
});

describe("files and run blocks", () => {
  it("turns file= blocks into disk files with their language and line, and run blocks into commands", () => {
    const lesson = parsed(body(FULL));
    expect(lesson.files).toEqual([
      {
        path: "/drivers/x.c",
        text: "int main(void) { return 0; }\n",
        language: "c",
        line: 21,
        origin: "body",
      },
      { path: "/data/x.dat", text: "one|two\n", language: "text", line: 32, origin: "body" },
    ]);
    expect(lesson.runs).toEqual([
      { section: 2, commands: ["insmod /drivers/x.c --mode kernel", "lsmod"], line: 25 },
    ]);
  });

  it("adds machine.files and machine.content after the body's files", () => {
    const front = `${MINIMAL_FRONT}\nmachine:\n  files:\n    /etc/a.conf: "a"\n  content:\n    /sensor/c.dat: "c"`;
    const lesson = parsed(lessonText(front, FULL));
    expect(lesson.files.map((f) => [f.path, f.origin, f.line])).toEqual([
      ["/drivers/x.c", "body", 26],
      ["/data/x.dat", "body", 37],
      ["/etc/a.conf", "files", 14],
      ["/sensor/c.dat", "content", 16],
    ]);
  });

  it("reports bad fences: unknown attributes, relative paths, the same file twice, empty run blocks", () => {
    const text = FULL.replace("```c file=/drivers/x.c", "```c fiel=/drivers/x.c")
      .replace("```text file=/data/x.dat", "```text file=data/x.dat")
      .replace("```c\n// shown only", "```c file=/drivers/x.c extra\n// shown only")
      .replace("insmod /drivers/x.c --mode kernel\nlsmod\n", "");
    expect(located(body(text))).toEqual([
      "21:1: unknown fence attribute fiel= (a fence takes file=PATH)",
      "25:1: a run block needs a command",
      "30:1: file=data/x.dat: a file path must be absolute, such as /drivers/sensor.c",
      '34:1: unknown word "extra" after the fence\'s language',
    ]);
  });

  it("refuses a file given both in the front matter and in the body", () => {
    const front = `${MINIMAL_FRONT}\nmachine:\n  files:\n    /drivers/x.c: "int main(void) { return 1; }"`;
    expect(located(lessonText(front, FULL))).toEqual([
      "14:5: machine.files: /drivers/x.c is also given elsewhere in the lesson",
    ]);
  });
});

describe("rendering", () => {
  it("shows raw HTML as text and drops unsafe links", () => {
    const html = renderMarkdown(
      'Hi <script>alert(1)</script> <img src=x onerror="alert(1)"> [bad](javascript:alert(1)) [good](https://example.org) [rel](04-channel-file-291.md)',
      { value: 0 },
    );
    expect(html).not.toMatch(/<script|<img|javascript:/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">good</a>');
    expect(html).toContain('<a href="04-channel-file-291.md">rel</a>');
    expect(html).toContain("bad");
  });

  it("renders file blocks as labelled figures and run blocks as numbered buttons", () => {
    const counter = { value: 3 };
    const html = renderMarkdown("```c file=/drivers/x.c\nint a < b;\n```\n\n```run\nps\n```\n", counter);
    expect(html).toContain(
      '<figure class="lesson-file" data-file="/drivers/x.c"><figcaption>/drivers/x.c</figcaption><pre><code class="language-c">int a &lt; b;</code></pre></figure>',
    );
    expect(html).toContain('<button type="button" data-run="3">Run</button>');
    expect(counter.value).toBe(4);
  });

  it("numbers run buttons across the lesson's sections, matching lesson.runs", () => {
    const lesson = parsed(
      body(FULL.replace("## Look at the data", "```run\nps\n```\n\n## Look at the data")),
    );
    expect(lesson.runs.map((r) => r.commands)).toEqual([
      ["insmod /drivers/x.c --mode kernel", "lsmod"],
      ["ps"],
    ]);
    expect(lesson.sections[2].html).toContain('data-run="0"');
    expect(lesson.sections[2].html).toContain('data-run="1"');
  });

  it("renders hints as inline HTML, safely", () => {
    const front = `${MINIMAL_FRONT}\nhints:\n  - "Type \`ps\`, then <b>look</b>."`;
    expect(parsed(lessonText(front)).hintsHtml).toEqual([
      "Type <code>ps</code>, then &lt;b&gt;look&lt;/b&gt;.",
    ]);
  });
});
