/**
 * The Markdown body of a lesson: sections headed by `## `, code blocks that become files on the
 * machine's disk, and `run` blocks that become buttons which type a command into the console.
 *
 *   text before the first `## `         the introduction
 *   ## What you will see                the preview (required)
 *   ## <anything else>                  a step, in order (at least one)
 *   ## What happened in the real world  the real-world note with its sources (required)
 *
 * A fence tagged ```c file=/drivers/sensor.c (any language, or none: ```text file=...) puts its text
 * on the disk at that path; a fence tagged ```run holds command lines, one per line.
 */
import { Lexer, type Token, type Tokens } from "marked";
import type { Position } from "./yamlSource";

export type SectionKind = "intro" | "preview" | "step" | "realWorld";

export const SPECIAL_SECTIONS: Record<string, SectionKind> = {
  "what you will see": "preview",
  "what happened in the real world": "realWorld",
};

export interface LessonSection {
  kind: SectionKind;
  title: string;
  /** The section's Markdown, heading excluded. */
  markdown: string;
  line: number;
}

export interface LessonFile {
  path: string;
  text: string;
  /** The fence's language (c, s, text, ...), or "" when it has none. */
  language: string;
  line: number;
}

export interface LessonRun {
  /** Index of the section it is in. */
  section: number;
  commands: string[];
  line: number;
}

export interface BodyProblem extends Position {
  message: string;
}

export interface ParsedBody {
  sections: LessonSection[];
  files: LessonFile[];
  runs: LessonRun[];
  problems: BodyProblem[];
}

/** Splits `info` ("c file=/drivers/sensor.c") into its language and attributes. */
export function parseInfo(info: string): {
  language: string;
  attributes: Map<string, string>;
  bad: string[];
} {
  const words = info.trim().split(/\s+/).filter(Boolean);
  const attributes = new Map<string, string>();
  const bad: string[] = [];
  let language = "";
  words.forEach((word, i) => {
    const eq = word.indexOf("=");
    if (eq > 0) attributes.set(word.slice(0, eq), word.slice(eq + 1));
    else if (i === 0) language = word;
    else bad.push(word);
  });
  return { language, attributes, bad };
}

/** `firstLine`: the line of the lesson file the body starts on. */
export function parseBody(markdown: string, firstLine: number): ParsedBody {
  const sections: LessonSection[] = [];
  const files: LessonFile[] = [];
  const runs: LessonRun[] = [];
  const problems: BodyProblem[] = [];
  let tokens: Token[];
  try {
    tokens = new Lexer({ gfm: true }).lex(markdown);
  } catch {
    return {
      sections,
      files,
      runs,
      problems: [{ line: firstLine, col: 1, message: "the Markdown could not be read" }],
    };
  }
  let line = firstLine;
  let current: LessonSection = { kind: "intro", title: "", markdown: "", line: firstLine };
  const seen = new Map<SectionKind, number>();
  for (const token of tokens) {
    const here = line;
    line += countLines(token.raw);
    if (token.type === "heading" && (token as Tokens.Heading).depth === 2) {
      if (current.kind !== "intro" || current.markdown.trim()) sections.push(finish(current));
      const title = (token as Tokens.Heading).text.trim();
      const kind = SPECIAL_SECTIONS[title.toLowerCase()] ?? "step";
      if (kind !== "step" && seen.has(kind))
        problems.push({ line: here, col: 1, message: `a second "${title}" section (a lesson has one)` });
      seen.set(kind, here);
      current = { kind, title, markdown: "", line: here };
      continue;
    }
    current.markdown += token.raw;
    if (token.type === "code") readFence(token as Tokens.Code, here);
  }
  sections.push(finish(current));

  if (!seen.has("preview"))
    problems.push({ line: firstLine, col: 1, message: 'the body needs a "## What you will see" section' });
  if (!sections.some((s) => s.kind === "step"))
    problems.push({ line: firstLine, col: 1, message: "the body needs at least one step: a ## section" });
  if (!seen.has("realWorld"))
    problems.push({
      line: firstLine,
      col: 1,
      message: 'the body needs a "## What happened in the real world" section',
    });
  const preview = sections.findIndex((s) => s.kind === "preview");
  const firstStep = sections.findIndex((s) => s.kind === "step");
  if (preview >= 0 && firstStep >= 0 && firstStep < preview)
    problems.push({
      line: sections[preview].line,
      col: 1,
      message: '"What you will see" comes before the first step',
    });
  return { sections, files, runs, problems };

  function readFence(code: Tokens.Code, at: number): void {
    if (code.codeBlockStyle === "indented") return;
    const { language, attributes, bad } = parseInfo(code.lang ?? "");
    for (const word of bad)
      problems.push({ line: at, col: 1, message: `unknown word "${word}" after the fence's language` });
    if (language === "run") {
      const commands = code.text
        .split("\n")
        .map((c) => c.trim())
        .filter(Boolean);
      if (attributes.size > 0)
        problems.push({ line: at, col: 1, message: "a run block takes no attributes" });
      if (commands.length === 0) problems.push({ line: at, col: 1, message: "a run block needs a command" });
      else runs.push({ section: sections.length, commands, line: at });
      return;
    }
    for (const key of attributes.keys()) {
      if (key !== "file")
        problems.push({
          line: at,
          col: 1,
          message: `unknown fence attribute ${key}= (a fence takes file=PATH)`,
        });
    }
    const path = attributes.get("file");
    if (path === undefined) return;
    if (!/^\/\S+$/.test(path)) {
      problems.push({
        line: at,
        col: 1,
        message: `file=${path}: a file path must be absolute, such as /drivers/sensor.c`,
      });
      return;
    }
    if (files.some((f) => f.path === path))
      problems.push({ line: at, col: 1, message: `file=${path} is already given by a block above` });
    files.push({ path, text: code.text.endsWith("\n") ? code.text : `${code.text}\n`, language, line: at });
  }
}

function finish(section: LessonSection): LessonSection {
  return { ...section, markdown: section.markdown.trim() };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
