/**
 * The front matter as YAML source: parse it, keeping every node's place, so that a schema error found
 * at a path (goals[2].check.restarted) can be reported at the line and column where that value is
 * written. Positions are of the whole file (a lesson's front matter starts on its second line; a fleet
 * policy file is YAML from its first).
 */
import { isAlias, isMap, isNode, isSeq, LineCounter, type Node, parseDocument } from "yaml";

export type Path = readonly PropertyKey[];

export interface Position {
  line: number;
  col: number;
}

export interface YamlProblem extends Position {
  message: string;
}

/**
 * The most values a document may hold with every alias expanded. Lessons need few aliases, if any; a
 * "billion laughs" document (aliases of lists of aliases) would hold 10^9, and checking it would never end.
 */
export const MAX_EXPANDED_VALUES = 10_000;

export class YamlSource {
  private readonly lineCounter = new LineCounter();
  private readonly doc;

  /** `firstLine`: the line of the lesson file the YAML text starts on. */
  constructor(
    private readonly text: string,
    private readonly firstLine: number,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: true });
  }

  /**
   * The first syntax error or warning (a lesson must have none), or aliases that expand too far. Only
   * the first: the parser's later errors are mostly its confusion after the first one, and they hid it.
   */
  problems(): YamlProblem[] {
    const first = [...this.doc.errors, ...this.doc.warnings].sort((a, b) => a.pos[0] - b.pos[0])[0];
    if (first) {
      // Only an error about a flow collection ({...} or [...]) can be an unclosed bracket's doing.
      const bracket = /flow|[}\]]/.test(first.message) ? this.unclosedBracket(first.pos[0]) : undefined;
      return [bracket ?? { ...this.position(first.pos[0]), message: plainYamlMessage(first.message) }];
    }
    const bomb = this.aliasBomb();
    return bomb ? [bomb] : [];
  }

  /**
   * After a syntax error, a `{` or `[` still open where the parser gave up is almost always the cause,
   * and the parser reports it where it gave up: on the next line. Point at the bracket instead.
   */
  private unclosedBracket(errorAt: number): YamlProblem | undefined {
    const open: number[] = [];
    let quote = "";
    for (let i = 0; i < Math.min(errorAt, this.text.length); i++) {
      const c = this.text[i];
      if (quote) {
        if (c === quote) quote = "";
        else if (c === "\\" && quote === '"') i++;
        continue;
      }
      if (c === "#" && (i === 0 || /\s/.test(this.text[i - 1]))) {
        while (i < this.text.length && this.text[i] !== "\n") i++;
        continue;
      }
      if ((c === '"' || c === "'") && (open.length > 0 || /[\s:[{,-]/.test(this.text[i - 1] ?? " ")))
        quote = c;
      else if (c === "{" || c === "[") open.push(i);
      else if ((c === "}" || c === "]") && open.length > 0) open.pop();
    }
    const at = open.pop();
    if (at === undefined) return undefined;
    const bracket = this.text[at];
    const close = bracket === "{" ? "}" : "]";
    return {
      ...this.position(at),
      message: `YAML: this ${bracket} is not closed: end the ${bracket === "{" ? "mapping" : "list"} with ${close}`,
    };
  }

  /**
   * Counts the values the document would hold with every alias expanded, without expanding them; the
   * first collection at which the count passes MAX_EXPANDED_VALUES is where the bomb is. An alias
   * that names no earlier anchor is a problem too (the library would throw on it).
   */
  private aliasBomb(): YamlProblem | undefined {
    const sizes = new Map<unknown, number>();
    const anchors = new Map<string, unknown>();
    let found: YamlProblem | undefined;
    const size = (node: unknown): number => {
      if (found) return 0;
      const known = sizes.get(node);
      if (known !== undefined) return known;
      let n = 1;
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target === undefined) {
          // An alias must name an anchor written before it (and outside it): YAML cannot resolve it.
          found = {
            ...(this.nodePosition(node) ?? { line: this.firstLine, col: 1 }),
            message: `YAML: *${node.source} names no anchor &${node.source} written before it`,
          };
          return 0;
        }
        n = sizes.get(target) ?? 1;
      } else if (isMap(node)) for (const pair of node.items) n += size(pair.key) + size(pair.value);
      else if (isSeq(node)) for (const item of node.items) n += size(item);
      if (found) return 0;
      // Anchors count from the end of their node, so an alias inside its own anchor cannot loop.
      if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
      sizes.set(node, n);
      if (n > MAX_EXPANDED_VALUES && (isMap(node) || isSeq(node))) {
        found = {
          ...(this.nodePosition(node) ?? { line: this.firstLine, col: 1 }),
          message: `YAML: the aliases here expand to more than ${MAX_EXPANDED_VALUES.toLocaleString("en")} values (an alias bomb); write the values out, or use fewer aliases`,
        };
      }
      return n;
    };
    size(this.doc.contents);
    return found;
  }

  /** The document as plain data (only meaningful when there are no problems). */
  value(): unknown {
    // problems() has bounded what aliases expand to; the library's own count would stop far sooner.
    return this.doc.toJS({ maxAliasCount: -1 });
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
