/**
 * The front matter as YAML source: parse it, keeping every node's place, so that a schema error found
 * at a path (goals[2].check.restarted) can be reported at the line and column where that value is
 * written. Positions are of the whole file (a lesson's front matter starts on its second line; a fleet
 * policy file is YAML from its first).
 */
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";

export type Path = readonly PropertyKey[];

export interface Position {
  line: number;
  col: number;
}

export interface YamlProblem extends Position {
  message: string;
}

export class YamlSource {
  private readonly lineCounter = new LineCounter();
  private readonly doc;

  /** `firstLine`: the line of the lesson file the YAML text starts on. */
  constructor(
    text: string,
    private readonly firstLine: number,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: true });
  }

  /** Syntax errors and warnings, in source order (a lesson must have none). */
  problems(): YamlProblem[] {
    return [...this.doc.errors, ...this.doc.warnings]
      .map((e) => ({
        ...this.position(e.pos[0]),
        message: plainYamlMessage(e.message),
      }))
      .sort((a, b) => a.line - b.line || a.col - b.col);
  }

  /** The document as plain data (only meaningful when there are no problems). */
  value(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  /**
   * Where the value at `path` is written; with `at: "key"`, where its key is. A path that does not
   * exist (a missing key) resolves to the deepest part that does.
   */
  locate(path: Path, at: "value" | "key" = "value"): Position {
    let node: unknown = this.doc.contents;
    let place: Position = this.nodePosition(node) ?? { line: this.firstLine, col: 1 };
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(segment));
        if (!pair) return place;
        const keyPlace = this.nodePosition(pair.key);
        if (last && at === "key" && keyPlace) return keyPlace;
        node = pair.value;
        place = this.nodePosition(node) ?? keyPlace ?? place;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (item === undefined) return place;
        node = item;
        place = this.nodePosition(node) ?? place;
      } else return place;
    }
    return place;
  }

  private nodePosition(node: unknown): Position | undefined {
    const range = (node as Node | null)?.range;
    return range ? this.position(range[0]) : undefined;
  }

  private position(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line: line + this.firstLine - 1, col };
  }
}

function keyText(key: unknown): string | undefined {
  if (key === null || key === undefined) return undefined;
  if (typeof key === "object" && "value" in key) return String((key as { value: unknown }).value);
  return String(key);
}

/** The yaml package's message without its own "at line L, column C:" and source excerpt. */
function plainYamlMessage(message: string): string {
  const first = message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  return `YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

/** goals[2].check.restarted, machine.files["/drivers/sensor.c"] */
export function formatPath(path: Path): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else {
      const key = String(segment);
      text += /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${text ? "." : ""}${key}` : `[${JSON.stringify(key)}]`;
    }
  }
  return text;
}
