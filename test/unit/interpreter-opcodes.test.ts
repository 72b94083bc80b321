/**
 * The CPU's switch uses opcode literals (a switch over literals compiles to a jump table), each labelled
 * with a `// mnemonic` comment. This test reads the interpreter's source and checks every label against
 * the ISA table, so a reordered or inserted instruction cannot silently run the wrong case.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { BY_OPCODE, INSTRUCTIONS, OP } from "../../src/machine/isa";

const source = readFileSync(
  fileURLToPath(new URL("../../src/machine/interpreter.ts", import.meta.url)),
  "utf8",
);

interface Label {
  opcode: number;
  name: string;
  /** Offset of the `case` in the source. */
  at: number;
  /** Labels that share one body with this one (consecutive cases). */
  group: number;
}

/**
 * `case 26: // ldw` or, when the case opens a block, `case 26: {` with `// ldw` on the next line.
 * Consecutive labels with nothing but a comment between them share a body.
 */
function caseLabels(text: string): Label[] {
  const labels: Label[] = [];
  const pattern = /case\s+(\d+)\s*:\s*(\{\s*)?\/\/\s*([a-z]+)/g;
  let group = 0;
  let previousEnd = -1;
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    if (previousEnd < 0 || text.slice(previousEnd, at).trim() !== "") group++;
    labels.push({ opcode: Number(match[1]), name: match[3], at, group });
    previousEnd = at + match[0].length;
    // The rest of the comment line belongs to the label.
    const lineEnd = text.indexOf("\n", previousEnd);
    previousEnd = lineEnd < 0 ? text.length : lineEnd;
  }
  return labels;
}

const labels = caseLabels(source);

describe("the interpreter's case labels", () => {
  test("the source has case labels at all (the parser works)", () => {
    expect(labels.length).toBeGreaterThanOrEqual(INSTRUCTIONS.length);
    expect(caseLabels("case 3: // mul\n x;\ncase 4: {\n // div\n")).toEqual([
      { opcode: 3, name: "mul", at: 0, group: 1 },
      { opcode: 4, name: "div", at: 19, group: 2 },
    ]);
  });

  test("every case without a comment is flagged", () => {
    const bare = [...source.matchAll(/case\s+(\d+)\s*:/g)].map((m) => m.index);
    expect(bare.filter((at) => !labels.some((l) => l.at === at))).toEqual([]);
  });

  test.each(labels.map((l) => [l.opcode, l.name] as const))("case %i is %s", (opcode, name) => {
    expect(BY_OPCODE[opcode]?.mnemonic).toBe(name);
    expect(OP[name.toUpperCase() as keyof typeof OP]).toBe(opcode);
  });

  test("every opcode of the table has a case", () => {
    const labelled = new Set(labels.map((l) => l.opcode));
    expect(INSTRUCTIONS.filter((i) => !labelled.has(i.opcode)).map((i) => i.mnemonic)).toEqual([]);
  });

  test("no opcode has two cases in one switch", () => {
    // The main switch and the privileged switch each label an opcode at most once.
    const privilegedStart = source.indexOf("function privileged(");
    expect(privilegedStart).toBeGreaterThan(0);
    for (const part of [
      labels.filter((l) => l.at < privilegedStart),
      labels.filter((l) => l.at > privilegedStart),
    ]) {
      const opcodes = part.map((l) => l.opcode);
      expect(new Set(opcodes).size).toBe(opcodes.length);
    }
  });

  test("`op === N` tests inside a shared case body name an opcode of that body", () => {
    const privilegedRange = /op >= (\d+) && op <= (\d+)/.exec(source);
    expect(privilegedRange).not.toBeNull();
    const [low, high] = [Number(privilegedRange?.[1]), Number(privilegedRange?.[2])];
    const rangeAt = privilegedRange?.index ?? 0;
    for (const match of source.matchAll(/op === (\d+)/g)) {
      const opcode = Number(match[1]);
      if (match.index > rangeAt) {
        // Inside the privileged branch of the default case.
        expect(opcode).toBeGreaterThanOrEqual(low);
        expect(opcode).toBeLessThanOrEqual(high);
        continue;
      }
      const before = labels.filter((l) => l.at < match.index).at(-1);
      expect(before).toBeDefined();
      const body = labels.filter((l) => l.group === before?.group).map((l) => l.opcode);
      expect(body).toContain(opcode);
    }
  });

  test("the privileged range `op >= low && op <= high` is exactly the privileged instructions", () => {
    const range = /op >= (\d+) && op <= (\d+)/.exec(source);
    const privileged = INSTRUCTIONS.filter((i) => i.privileged).map((i) => i.opcode);
    const inRange = INSTRUCTIONS.filter(
      (i) => i.opcode >= Number(range?.[1]) && i.opcode <= Number(range?.[2]),
    );
    expect(inRange.map((i) => i.opcode)).toEqual(privileged);
    expect(Number(range?.[2]) - Number(range?.[1]) + 1).toBe(privileged.length);
  });
});
