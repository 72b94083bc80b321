// `ringlab exec`: a C program run as a program, with the conventions shells know: its own output on
// stdout, its status as the exit status, 128 + a signal for a fault, 124 out of cycles, 134 for a
// bugcheck, 2 for usage and build errors. Each case runs in both rings where both make sense.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, runCli, usage } from "../../src/cli/main";

const dir = mkdtempSync(join(tmpdir(), "ringlab-exec-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const hello = file(
  "hello.c",
  '#include <stdio.h>\nint main(void) {\n    printf("hello\\n");\n    return 300;\n}\n',
);
const segv = file(
  "segv.c",
  'int main(void) {\n    int *p = 0;\n    printf("before\\n");\n    *p = 1;\n    return 0;\n}\n',
);
const divide = file("divide.c", "int zero = 0;\nint main(void) {\n    return 5 / zero;\n}\n");
const divideWide = file(
  "wide.c",
  "long long zero = 0;\nlong long ratio(long long a, long long b) {\n    return a / b;\n}\nint main(void) {\n    return (int)ratio(5, zero);\n}\n",
);
const spin = file("spin.c", "int main(void) {\n    for (;;) {\n    }\n}\n");
const panics = file("panics.c", 'int main(void) {\n    panic("stop");\n    return 0;\n}\n');
const exits = file("exits.c", "int main(void) {\n    exit(-1);\n    return 0;\n}\n");
const privileged = file("privileged.s", "_start:\n    cli\n");
const broken = file("broken.c", "int main(void) {\n    return missing;\n}\n");

describe("ringlab exec", () => {
  it("is in the command table and the usage", () => {
    expect(COMMANDS.map((c) => c.name)).toContain("exec");
    expect(usage()).toContain("exec FILE.c [--mode user|kernel] [--checked] [--cycles N]");
  });

  for (const mode of ["user", "kernel"]) {
    it(`${mode} mode: only the program's output, and its status's low 8 bits`, async () => {
      expect(await cli("exec", hello, "--mode", mode)).toEqual({ code: 300 & 0xff, out: "hello", err: "" });
      expect(await cli("exec", exits, "--mode", mode)).toEqual({ code: 255, out: "", err: "" });
    });

    it(`${mode} mode: out of cycles is 124`, async () => {
      const r = await cli("exec", spin, "--mode", mode, "--cycles", "400000");
      expect(r.code).toBe(124);
      expect(r.out).toBe("");
      expect(r.err).toMatch(/^ringlab exec: out of cycles: still running after \d+ cycles \(--cycles\)$/);
    });
  }

  it("user mode: a page fault is 139, a division by zero 136, a panic 134, each with a line on stderr", async () => {
    const page = await cli("exec", segv);
    expect(page.code).toBe(139);
    expect(page.out).toBe("before");
    expect(page.err).toBe(
      "ringlab exec: the program was stopped: page fault writing 0x00000000 (not mapped) (segv.c:4 in main)",
    );
    const div = await cli("exec", divide);
    expect([div.code, div.out]).toEqual([136, ""]);
    expect(div.err).toContain("divide by zero (divide.c:3 in main)");
    // A 64-bit division is a library call, but the fault is at the program's line, not the library's.
    const wide = await cli("exec", divideWide);
    expect([wide.code, wide.out]).toEqual([136, ""]);
    expect(wide.err).toContain("divide by zero (wide.c:3 in ratio)");
    const panic = await cli("exec", panics);
    expect([panic.code, panic.out]).toEqual([134, ""]);
    expect(panic.err).toContain("panicked: stop");
  });

  it("user mode: a privileged instruction is 132", async () => {
    const r = await cli("exec", privileged);
    expect(r.code).toBe(132);
    expect(r.err).toMatch(/^ringlab exec: the program was stopped: privileged instruction/);
  });

  it("kernel mode: a fault is a bugcheck, 134, with the bluescreen on stderr", async () => {
    const r = await cli("exec", segv, "--mode", "kernel");
    expect(r.code).toBe(134);
    expect(r.out).toBe("before");
    expect(r.err).toContain("Stop code: PAGE_FAULT_IN_NONPAGED_AREA");
    expect(r.err).toContain("Where: segv.c:4 in main");
  });

  it("--checked runs the bounds checks", async () => {
    const path = file(
      "oob.c",
      "int a[4];\nint get(int i) {\n    return a[i];\n}\nint main(void) {\n    return get(4);\n}\n",
    );
    expect((await cli("exec", path)).code).toBe(0);
    const r = await cli("exec", path, "--checked");
    expect(r.code).toBe(134);
    expect(r.err).toContain("index out of bounds: the len is 4 but the index is 4 at oob.c:3");
  });

  it("a build error is 2 with the diagnostic; so is a usage mistake", async () => {
    const r = await cli("exec", broken);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain("broken.c:2:12: error: use of undeclared identifier 'missing'");
    expect((await cli("exec")).code).toBe(2);
    expect((await cli("exec", hello, "--mode", "verified")).code).toBe(2);
    expect((await cli("exec", join(dir, "absent.c"))).code).toBe(2);
  });
});

describe("ringlab run --json", () => {
  it("gives the exit code of a driver that returned from main, and null for one still running", async () => {
    const done = await cli("run", hello, "--json", "--cycles", "500000");
    expect(JSON.parse(done.out.split("\n").at(-1)!).exitCode).toBe(300);
    const running = await cli("run", spin, "--json", "--cycles", "500000");
    expect(JSON.parse(running.out.split("\n").at(-1)!).exitCode).toBeNull();
  });
});
