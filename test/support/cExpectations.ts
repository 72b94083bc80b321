/**
 * Expectations written inside a driver C test program, next to the code they are about:
 *
 *   // expect: TEXT                   one line of output, in order
 *   // expect error: LINE:COL MESSAGE a compile error (the program does not run)
 *   // expect warning: LINE:COL MESSAGE
 *   // expect trap: page fault        the run stops on this unhandled trap
 *   // expect panic: MESSAGE          the program calls panic with this message
 *   // expect exit: N                 main returns N (default 0 when nothing else is expected)
 *   // flags: --checked               compile in checked mode
 */

export interface Located {
  line: number;
  col: number;
  message: string;
}

export interface Expectations {
  output: string[];
  errors: Located[];
  warnings: Located[];
  trap?: string;
  panic?: string;
  exit?: number;
  checked: boolean;
}

export function readExpectations(source: string): Expectations {
  const e: Expectations = { output: [], errors: [], warnings: [], checked: false };
  for (const raw of source.split("\n")) {
    const m = /\/\/ (expect(?: error| warning| trap| panic| exit)?|flags): ?(.*)$/.exec(raw);
    if (!m) continue;
    const [, kind, rest] = m as unknown as [string, string, string];
    switch (kind) {
      case "expect":
        e.output.push(rest);
        break;
      case "expect error":
      case "expect warning": {
        const loc = /^(\d+):(\d+) (.*)$/.exec(rest);
        if (!loc) throw new Error(`bad expectation: ${raw}`);
        const item = { line: Number(loc[1]), col: Number(loc[2]), message: loc[3]! };
        (kind === "expect error" ? e.errors : e.warnings).push(item);
        break;
      }
      case "expect trap":
        e.trap = rest;
        break;
      case "expect panic":
        e.panic = rest;
        break;
      case "expect exit":
        e.exit = Number(rest);
        break;
      case "flags":
        e.checked = rest.split(/\s+/).includes("--checked");
        break;
    }
  }
  return e;
}
