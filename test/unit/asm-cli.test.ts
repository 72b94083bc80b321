// The `ringlab` command line: the command table in-process, and two real runs through npm (tsx start-up is slow).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, runCli, usage } from "../../src/cli/main";

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "ringlab-asm-"));
const good = join(dir, "good.s");
const bad = join(dir, "bad.s");
writeFileSync(good, "_start:\n    li a0, 3\n    halt\n");
writeFileSync(bad, "_start:\n    addi a0, a0, 70000\n    mvo a0, a1\n");

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("ringlab (in-process)", () => {
  it("has asm in its command table and in the usage", () => {
    expect(COMMANDS.map((c) => c.name)).toContain("asm");
    expect(usage()).toContain("asm FILE.s [--base ADDRESS]");
  });

  it("asm prints the listing and the image summary", async () => {
    const r = await cli("asm", good, "--base", "0x1000");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out.split("\n").slice(0, 3)).toEqual([
      "00001000                                          ; _start:",
      "00001000  10100003  addi a0, zero, 3              ;     li a0, 3",
      "00001004  34000000  halt                          ;     halt",
    ]);
    expect(r.out).toContain("entry 0x00001000 (_start)");
  });

  it("asm prints every error with file:line:col and exits 2", async () => {
    const r = await cli("asm", bad);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain(`${bad}:2:18: error: 70000 (0x11170) does not fit: 'addi' takes -32768..32767`);
    expect(r.err).toContain(
      `${bad}:3:5: error: unknown instruction 'mvo'\n      mvo a0, a1\n      ^~~\n  note: did you mean 'mov'?`,
    );
  });

  it("usage errors print one line and the usage, and exit 2", async () => {
    for (const [argv, line] of [
      [[], "ringlab: missing command"],
      [["frobnicate"], "ringlab: unknown command 'frobnicate'"],
      [["asm"], "ringlab asm: missing the assembly file to assemble"],
      [["asm", good, "--base"], "ringlab asm: --base needs an address such as 0x400000, not ''"],
      [["asm", good, "--fast"], "ringlab asm: unknown option '--fast'"],
    ] as const) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`${line}\n${usage()}`);
    }
  });

  it("an unreadable file is one line and exit 2", async () => {
    const r = await cli("asm", join(dir, "missing.s"));
    expect(r).toEqual({
      code: 2,
      out: "",
      err: `ringlab asm: cannot read ${join(dir, "missing.s")} (ENOENT)`,
    });
  });
});

describe("ringlab (spawned through npm run)", () => {
  const run = (...args: string[]) =>
    spawnSync("npm", ["run", "--silent", "ringlab", "--", ...args], { cwd: ROOT, encoding: "utf8" });

  it("asm FILE.s prints the listing, exit 0", () => {
    const r = run("asm", good);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("00400000  10100003  addi a0, zero, 3");
  });

  it("asm on a bad file prints diagnostics to stderr, exit 2", () => {
    const r = run("asm", bad);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("note: did you mean 'mov'?");
  });
});
