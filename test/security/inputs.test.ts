/**
 * Issue 10, item 8 (inputs to the command line): each hostile input gets one clear error that says
 * where, and the exit status docs/cli.md gives (2 for usage errors and for files that cannot be used).
 * Each case is the input as an attacker would hand it over; each was accepted, wrapped or flooded before.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../../src/cli/main";
import { MAX_FEED_ERRORS, parseEventFeed } from "../../src/kernel/eventFeed";

const dir = mkdtempSync(join(tmpdir(), "ringlab-inputs-"));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const DRIVER = file("idle.s", ".text\nmain:\n  j main\n");

async function cli(
  ...argv: string[]
): Promise<{ code: number; out: string[]; err: string[]; firstError: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err, firstError: (err[0] ?? "").split("\n")[0] };
}

describe("event files", () => {
  for (const kind of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
    test(`kind "${kind}" is refused at its line, not taken as kind 0`, async () => {
      const events = file(`${kind}.jsonl`, `# a feed\n{"t": 0.5, "kind": "${kind}", "pid": 1}\n`);
      const { code, err } = await cli("run", DRIVER, "--events", events, "--cycles", "1000");
      expect(code).toBe(2);
      expect(err).toEqual([
        `${events}:2:1: error: "kind" must be one of process_start, pipe_open, file_write, net_connect, module_load, registry_set or a whole number, not "${kind}"`,
      ]);
    });
  }

  test("kind 1e300 (and pid 2^32) are refused, not wrapped to 0", () => {
    const { events, errors } = parseEventFeed(
      '{"t": 1, "kind": 1e300}\n{"t": 1, "kind": 2, "pid": 4294967296}\n{"t": 1, "kind": -2147483648, "pid": 2147483647}\n',
    );
    expect(errors).toEqual([
      {
        line: 1,
        message: '"kind" 1e+300 does not fit the event\'s int: it must be from -2147483648 to 2147483647',
      },
      { line: 2, message: '"pid" must be a whole number from 0 to 2147483647' },
    ]);
    expect(events.map((e) => [e.kind, e.pid])).toEqual([[-2147483648, 2147483647]]);
  });

  test("a time past 2^53 cycles is refused", () => {
    expect(parseEventFeed('{"t": 1e300, "kind": 1}').errors).toEqual([
      { line: 1, message: "the time is too far off: at most 9007199254740991 cycles" },
    ]);
  });

  test(`a garbage file prints ${MAX_FEED_ERRORS} located errors and "... and N more", not one per line`, async () => {
    const lines = 50_000;
    const garbage = file("garbage.jsonl", "\u0000garbage{\n".repeat(lines));
    const { code, err } = await cli("run", DRIVER, "--events", garbage);
    expect(code).toBe(2);
    expect(err).toHaveLength(MAX_FEED_ERRORS + 1);
    expect(err[0]).toBe(`${garbage}:1:1: error: not valid JSON`);
    expect(err[MAX_FEED_ERRORS - 1]).toBe(`${garbage}:${MAX_FEED_ERRORS}:1: error: not valid JSON`);
    expect(err[MAX_FEED_ERRORS]).toBe(`${garbage}: ... and ${lines - MAX_FEED_ERRORS} more errors`);
  });
});

describe("numeric options", () => {
  test('--cycles "" is a usage error, not 0 cycles', async () => {
    const { code, out, firstError } = await cli("run", DRIVER, "--cycles", "");
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(firstError).toBe("ringlab run: --cycles needs a whole number >= 0, not ''");
  });

  test("--cycles ' ' and --cycles=12abc are usage errors too", async () => {
    expect((await cli("run", DRIVER, "--cycles", " ")).firstError).toBe(
      "ringlab run: --cycles needs a whole number >= 0, not ' '",
    );
    expect((await cli("run", DRIVER, "--cycles=12abc")).code).toBe(2);
  });

  test("--seed 4294967296 is a usage error, not seed 0", async () => {
    const { code, firstError } = await cli("run", DRIVER, "--seed", "4294967296");
    expect(code).toBe(2);
    expect(firstError).toBe(
      "ringlab run: --seed needs a whole number from 0 to 4294967295, not '4294967296'",
    );
  });

  test("--seed 4294967295 and 0x10 are accepted", async () => {
    expect((await cli("run", DRIVER, "--seed", "4294967295", "--cycles", "1000")).code).toBe(0);
    expect((await cli("run", DRIVER, "--seed", "0x10", "--cycles", "1000")).code).toBe(0);
  });

  test('cc --base "" is a usage error, not address 0', async () => {
    const { code, firstError } = await cli("cc", file("x.c", "int main(void) { return 0; }\n"), "--base", "");
    expect(code).toBe(2);
    expect(firstError).toBe("ringlab cc: --base needs a whole number from 0 to 4294967295, not ''");
  });
});

describe("source files", () => {
  test("a source over 1 MiB is refused at 1:1 with exit 2, before it is built", async () => {
    const big = file("big.s", `.text\nmain:\n  j main\n${"; padding\n".repeat(110_000)}`);
    const { code, out, err } = await cli("run", big, "--cycles", "1000");
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `${big}:1:1: error: the file is 1100021 bytes; the machine's disk holds files of at most 1048576 bytes (1 MiB)`,
    ]);
  });
});
