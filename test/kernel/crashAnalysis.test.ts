// Crash analysis: the dump explains itself (stop code and parameter meanings, C line, call stack through
// the frame-pointer chain, the faulting instruction, memory owners, the last events), after a reboot too,
// and a user-mode driver's crash is analyzed by going back to just before its fault.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { analyzeCrash, dumpScene } from "../../src/kernel/crashAnalysis";
import { Kernel } from "../../src/kernel/kernel";
import { runUntil } from "../../src/kernel/replay";
import { SYSTEM_FILES } from "../../src/kernel/systemSources";
import { parseLesson } from "../../src/lessons/lesson";
import { LessonSession } from "../../src/lessons/session";

function crashed(): Kernel {
  const k = new Kernel({ seed: 1 });
  k.boot();
  runUntil(k, 200_000);
  k.input({ kind: "insmod", path: "/drivers/null-driver.c", mode: "kernel" });
  runUntil(k, 3_000_000);
  expect(k.state).toBe("bugcheck");
  return k;
}

describe("crash analysis", () => {
  it("explains a bugcheck from its dump, after the reboot too", () => {
    const k = crashed();
    k.reboot();
    runUntil(k, k.cyclesSincePowerOn + 200_000);
    const found = dumpScene(k);
    expect(found).toBeDefined();
    if (!found) return;
    const a = analyzeCrash(found.scene, found.facts);
    expect(a.stopCode).toBe("PAGE_FAULT_IN_NONPAGED_AREA");
    expect(a.parameters[0]).toEqual({ value: 4, meaning: "the address referenced" });
    expect(a.parameters[1].meaning).toBe("0 read, 1 write, 2 execute");
    expect(a.module).toBe("null-driver.sys");
    expect(a.location).toMatchObject({ file: "/drivers/null-driver.c", line: 17, function: "main" });
    expect(a.stack[0]).toMatchObject({ function: "main", line: 17 });
    expect(a.instruction?.text).toMatch(/^ldw t0, \[t0 \+ 4\]/);
    expect(a.registers.t0).toBe(0);
    expect(a.memory.find((row) => row.address === 0)?.owner).toBe("not mapped");
    expect(a.events.at(-1)?.kind).toBe("bugcheck");
    expect(a.boot).toBe(1);
  });

  it("the shell's analyze says when there is no dump, and prints one after a crash and reboot", () => {
    const k = new Kernel({ seed: 1 });
    k.boot();
    k.input({ kind: "command", line: "analyze" });
    expect(k.machine.devices.console.transcript).toContain("analyze: no crash dump");
    const c = crashed();
    c.reboot();
    runUntil(c, c.cyclesSincePowerOn + 200_000);
    c.input({ kind: "command", line: "analyze" });
    const text = c.machine.devices.console.transcript;
    expect(text).toContain("Stop code:   PAGE_FAULT_IN_NONPAGED_AREA (0x50)");
    expect(text).toContain("#0 0xc0000064 main  /drivers/null-driver.c:17");
  });

  it("walks the stack of Channel File 291 from contains up to matches, its caller, where the bug is", () => {
    const file = "04-channel-file-291.md";
    const parsed = parseLesson(file, readFileSync(`lessons/${file}`, "utf8"));
    if (!parsed.ok) throw new Error("lesson does not parse");
    const started = LessonSession.start(parsed.lesson);
    if (!started.ok) throw new Error("lesson does not start");
    const session = started.session;
    for (const step of parsed.lesson.solution) {
      session.perform(step);
      if (session.kernel.state === "bugcheck") break;
    }
    const found = dumpScene(session.kernel);
    session.dispose();
    if (!found) throw new Error("no dump");
    const a = analyzeCrash(found.scene, found.facts);
    expect(a.stack.map((f) => f.function).slice(0, 3)).toEqual(["contains", "matches", "main"]);
    expect(a.stack[1].file).toBe("/drivers/sensor.c");
    // The C start-up code has no source a learner could open (it is the compiler's own assembly).
    expect(a.stack.at(-1)).toMatchObject({ function: "_start", file: null, line: null });
    // The address read is a pid (640, 1788 or 3316) taken for a pointer.
    expect([0x280, 0x6fc, 0xcf4]).toContain(a.parameters[0].value);
  });

  it("ringlab analyze --mode user goes back to the driver's first crash; --json's last line has every field", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const path = `${mkdtempSync(`${process.env.TMPDIR ?? "/tmp"}/ringlab-analyze-`)}/null-driver.c`;
    writeFileSync(path, SYSTEM_FILES["/drivers/null-driver.c"]);
    const out: string[] = [];
    const code = await runCli(["analyze", path, "--mode", "user", "--json"], {
      out: (t) => out.push(t),
      err: (t) => out.push(t),
    });
    expect(code).toBe(0);
    const json = JSON.parse(out.at(-1) as string);
    expect(json).toMatchObject({
      crashed: true,
      kind: "process-fault",
      stopCode: null,
      module: "null-driver.sys",
      location: { line: 17, function: "main" },
      instruction: { address: 0x400064 },
    });
    for (const key of ["parameters", "stack", "registers", "memory", "events"])
      expect(json).toHaveProperty(key);
    expect(json.registers.pc).toBe(0x400064);
    expect(json.events.at(-1).kind).toBe("process-fault");

    const kernelOut: string[] = [];
    await runCli(["analyze", path, "--json"], {
      out: (t) => kernelOut.push(t),
      err: (t) => kernelOut.push(t),
    });
    expect(JSON.parse(kernelOut.at(-1) as string)).toMatchObject({ stopCode: "PAGE_FAULT_IN_NONPAGED_AREA" });
  });
});
