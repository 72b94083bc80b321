// `ringlab cc`: the command in-process, and one real run through npm (tsx start-up is slow).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, runCli, usage } from "../../src/cli/main";

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "ringlab-cc-"));
const good = join(dir, "good.c");
const bad = join(dir, "bad.c");
const warned = join(dir, "warned.c");
writeFileSync(good, "int table[4];\nint main(void) {\n    return table[1];\n}\n");
writeFileSync(bad, "int main(void) {\n    return missing;\n}\n");
writeFileSync(warned, "int main(void) {\n    int a[2] = {1, 2};\n    return a[2];\n}\n");

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("ringlab cc (in-process)", () => {
  it("is in the command table and the usage", () => {
    expect(COMMANDS.map((c) => c.name)).toContain("cc");
    expect(usage()).toContain("cc FILE.c [--checked]");
  });

  it("prints C lines over the code they became", async () => {
    const r = await cli("cc", good);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const lines = r.out.split("\n");
    const at = lines.indexOf(`// ${good}:3  return table[1];`);
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^[0-9a-f]{8} {2}[0-9a-f]{8} {2}lui t0, 0x40 +; {5}la {4}t0, table$/);
  });

  it("--checked compiles the bounds checks in", async () => {
    const plain = await cli("cc", good);
    const checked = await cli("cc", good, "--checked");
    expect(plain.out).not.toContain("__rl_bounds_fail");
    expect(checked.out).toContain("__rl_bounds_fail");
  });

  it("errors go to stderr with the line and a caret, exit 2", async () => {
    const r = await cli("cc", bad);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      `${bad}:2:12: error: use of undeclared identifier 'missing'\n      return missing;\n             ^~~~~~~`,
    );
  });

  it("warnings go to stderr and the listing still prints", async () => {
    const r = await cli("cc", warned);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      "warning: array index 2 is past the end of the array (which contains 2 elements)",
    );
    expect(r.out).toContain("return a[2];");
  });

  it("usage errors print one line and the usage, and exit 2", async () => {
    for (const [argv, line] of [
      [["cc"], "ringlab cc: missing the driver C file to compile"],
      [["cc", good, "--fast"], "ringlab cc: unknown option --fast"],
      [["cc", good, bad], `ringlab cc: one file at a time ('${good}' and '${bad}' were given)`],
      [["cc", "prog.s"], "ringlab cc: prog.s: expected a .c file (use 'asm' for assembly)"],
      [["cc", good, "--base", "100"], "ringlab cc: --base must be a multiple of 4096, not 100"],
    ] as const) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`${line}\n${usage()}`);
    }
  });

  it("an unreadable file is one line and exit 2", async () => {
    const r = await cli("cc", join(dir, "missing.c"));
    expect(r).toEqual({
      code: 2,
      out: "",
      err: `ringlab cc: cannot read ${join(dir, "missing.c")} (ENOENT)`,
    });
  });
});

describe("ringlab cc (spawned through npm run)", () => {
  it("prints the listing, exit 0; errors exit 2", () => {
    const run = (...args: string[]) =>
      spawnSync("npm", ["run", "--silent", "ringlab", "--", ...args], { cwd: ROOT, encoding: "utf8" });
    const ok = run("cc", good, "--checked");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("return table[1];");
    const failed = run("cc", bad);
    expect(failed.status).toBe(2);
    expect(failed.stdout).toBe("");
    expect(failed.stderr).toContain("use of undeclared identifier 'missing'");
  });
});
