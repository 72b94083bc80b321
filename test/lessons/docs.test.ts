// docs/authoring-lessons.md is checked against the code: its reference tables are generated from the
// schema and the check table, the field list matches the schema's real keys, every check example is a
// valid check, and its complete example lesson passes `lesson check`.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { CHECK_KINDS, checkSchema } from "../../src/lessons/checkSchema";
import { formatLessonError } from "../../src/lessons/lesson";
import { checkTable, fieldTable, qualifierTable, stepTable } from "../../src/lessons/lessonDoc";
import { checkLessonText } from "../../src/lessons/runner";
import { FRONT_MATTER_FIELDS, frontMatterSchema } from "../../src/lessons/schema";
import { between, normalize } from "../support/docTables";

const doc = readFileSync(join(import.meta.dirname, "../../docs/authoring-lessons.md"), "utf8");

describe("docs/authoring-lessons.md", () => {
  it.each([
    ["fields", fieldTable],
    ["steps", stepTable],
    ["checks", checkTable],
    ["qualifiers", qualifierTable],
  ])("has the %s table as the code defines it", (name, table) => {
    expect(between(doc, `<!-- ${name}:start -->`, `<!-- ${name}:end -->`)).toBe(normalize(table()));
  });

  it("documents exactly the keys the schema accepts", () => {
    type Node = {
      shape?: Record<string, Node>;
      element?: Node;
      unwrap?: () => Node;
      _zod: { def: { type: string } };
    };
    const required = (node: Node): Node =>
      node._zod.def.type === "optional" && node.unwrap ? node.unwrap() : node;
    const keysOf = (schema: Node, prefix: string): string[] =>
      Object.entries(schema.shape ?? {}).flatMap(([key, node]) => {
        const inner = required(node);
        const path = `${prefix}${key}`;
        if (key === "machine" || key === "wrongTry") return [path, ...keysOf(inner, `${path}.`)];
        if (key === "goals" && inner.element) return [path, ...keysOf(inner.element, `${path}[].`)];
        return [path];
      });
    expect(keysOf(frontMatterSchema as unknown as Node, "").sort()).toEqual(
      Object.keys(FRONT_MATTER_FIELDS).sort(),
    );
  });

  it("gives a valid example for every check", () => {
    for (const [name, kind] of Object.entries(CHECK_KINDS)) {
      const parsed = checkSchema.safeParse(parseYaml(kind.example));
      expect(parsed.success, `${name}: ${kind.example}`).toBe(true);
    }
  });

  it("walks through a complete lesson that passes lesson check", () => {
    const example = doc.match(/<!-- example:start -->\n````text\n([\s\S]*?)````\n<!-- example:end -->/);
    expect(example).not.toBeNull();
    const result = checkLessonText("docs/authoring-lessons.md#example", example?.[1] ?? "");
    expect(result.errors.map(formatLessonError)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.goalsMet).toBe(2);
  });
});

describe("docs/sources.md", () => {
  const sources = readFileSync(join(import.meta.dirname, "../../docs/sources.md"), "utf8");

  it("is linked from the authoring guide", () => {
    expect(doc).toContain("(sources.md)");
  });

  it("names lessons by ids that are in the course, and marks uncertain facts", () => {
    const lessonIds = new Set(
      readdirSync(join(import.meta.dirname, "../../lessons")).map(
        (f) => /^id: (\S+)$/m.exec(readFileSync(join(import.meta.dirname, "../../lessons", f), "utf8"))?.[1],
      ),
    );
    const rows = sources.split("\n").filter((l) => l.startsWith("| ") && !/^\| (Fact|-)/.test(l));
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      const cells = row.split("|").map((c) => c.trim());
      for (const id of cells[cells.length - 2].split(", ")) expect(lessonIds, row).toContain(id);
    }
    expect(sources).toMatch(/⚠ Three more IPC instances/);
    expect(sources).toContain("Many secondary sources swap 20 and 21");
  });
});
