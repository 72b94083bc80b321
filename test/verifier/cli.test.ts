// `ringlab verify FILE [--json] [--log]`: exit codes, the text report, the JSON shape.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";

const dir = mkdtempSync(join(tmpdir(), "ringlab-verify-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(["verify", ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const GOOD = `#include <ringlab.h>
int seen[8];
int on_event(const struct event *ev) { if (ev->kind >= 0 && ev->kind < 8) seen[ev->kind]++; return 0; }
`;
const BAD = `#include <ringlab.h>
int table[20];
int on_event(const struct event *ev) {
  int i = ev->pid;
  if (i < 0 || i > 20) return 0;
  return table[i];
}
`;

describe("ringlab verify", () => {
  it("accepts a safe handler with exit 0 and one line of figures", async () => {
    const r = await cli(file("good.c", GOOD));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^verified: \d+ instructions, 0 loops bounded, [\d,]+ states in [\d.]+ ms/);
  });

  it("rejects with exit 1 and names the line, the reason and a fix", async () => {
    const r = await cli(file("sensor.c", BAD));
    expect(r.code).toBe(1);
    expect(r.out).toContain("sensor.c:6:");
    expect(r.out).toContain("reads table[i] where i can be 20, but table has 20 elements, 0..19");
    expect(r.out).toContain("suggestion: check `i < 20` before line 6");
  });

  it("prints the JSON shape with --json", async () => {
    const r = await cli(file("sensor2.c", BAD), "--json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(["accepted", "instructions", "states", "ms", "messages"]);
    expect(json.accepted).toBe(false);
    expect(json.messages).toHaveLength(1);
    expect(Object.keys(json.messages[0])).toEqual(["file", "line", "col", "message", "suggestion"]);
    expect(json.messages[0]).toMatchObject({ file: "sensor2.c", line: 6 });
    expect(typeof json.ms).toBe("number");
  });

  it("prints the per-instruction log with --log", async () => {
    const r = await cli(file("good2.c", GOOD), "--log");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/good2\.c:3 +ldw t0, \[s0\]/);
  });

  it("exits 2 on a build error, a missing file and misuse", async () => {
    expect((await cli(file("broken.c", "int on_event(const struct event *ev) { return x; }"))).code).toBe(2);
    expect((await cli(join(dir, "missing.c"))).code).toBe(2);
    expect((await cli()).code).toBe(2);
    expect((await cli(file("x.txt", ""))).code).toBe(2);
    expect((await cli(file("good3.c", GOOD), "--fast")).code).toBe(2);
  });
});
