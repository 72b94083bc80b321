// Travelling back: "just before the fault" lands on the instruction that made the bad access, for every
// buggy sample driver (the system's null-driver in both modes, and every lesson whose solution crashes
// a driver on a memory fault); one instruction, one line and one trap back land where they should.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { History } from "../../src/kernel/history";
import { Kernel } from "../../src/kernel/kernel";
import type { KernelEvent } from "../../src/kernel/kernelLog";
import {
  beforeFault,
  lineAt,
  previousTrap,
  STEP_CAUSES,
  stepBack,
  stepBackLine,
} from "../../src/kernel/travel";
import { parseLesson } from "../../src/lessons/lesson";
import { LessonSession } from "../../src/lessons/session";
import { ACCESS, decode } from "../../src/machine/isa";
import { crashedHistory } from "../support/crashedHistory";

interface Fault {
  time: number;
  pc: number;
  address: number;
}

/** The first crash on a memory fault in the log: a bugcheck with fault facts, or a process page fault. */
function firstFault(events: readonly KernelEvent[]): Fault | undefined {
  for (const e of events) {
    if (e.kind === "bugcheck" && e.fault) return { time: e.time, pc: e.fault.pc, address: e.fault.address };
    if (e.kind === "process-fault" && e.pageFault) return { time: e.time, pc: e.pc, address: e.address };
  }
  return undefined;
}

/** Checks that the system stands just before `fault`: pc on a load or store whose address is the fault's. */
function expectJustBefore(h: History, fault: Fault): void {
  const k = h.kernel;
  const m = k.machine;
  expect(m.cpu.pc >>> 0).toBe(fault.pc >>> 0);
  const physical = m.mmu.peek(m.cpu.pc >>> 0, ACCESS.EXECUTE, m.userMode);
  expect(physical).toBeGreaterThanOrEqual(0);
  const instruction = decode(m.memory.read32(physical) >>> 0);
  expect(instruction?.info.mnemonic).toMatch(/^(ld|st)/);
  if (!instruction) return;
  expect(((m.cpu.regs[instruction.b] + instruction.imm) >>> 0) >>> 0).toBe(fault.address >>> 0);
  // And the very next instruction faults.
  const faults = m.trapCounts[1] + m.trapCounts[2];
  h.runTo(h.now + 1);
  expect(m.trapCounts[1] + m.trapCounts[2]).toBe(faults + 1);
}

describe("just before the fault", () => {
  for (const mode of ["kernel", "user"] as const) {
    it(`lands on null-driver's bad read in ${mode} mode`, () => {
      const k = new Kernel({ seed: 1 });
      k.boot();
      const h = new History(k);
      h.run(200_000);
      k.input({ kind: "insmod", path: "/drivers/null-driver.c", mode });
      h.run(3_000_000);
      const fault = firstFault(k.log.events);
      expect(fault).toBeDefined();
      if (!fault) return;
      expect(beforeFault(h, fault)).toBe(true);
      expectJustBefore(h, fault);
    });
  }

  const lessons = readdirSync("lessons").filter((f) => f.endsWith(".md"));
  const crashed: string[] = [];
  for (const file of lessons) {
    it(`lands on the bad access in ${file}, if its solution crashes a driver`, () => {
      const parsed = parseLesson(file, readFileSync(`lessons/${file}`, "utf8"));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const started = LessonSession.start(parsed.lesson, { history: true });
      expect(started.ok).toBe(true);
      if (!started.ok) return;
      const session = started.session;
      const h = session.history as History;
      let fault: Fault | undefined;
      for (const step of parsed.lesson.solution) {
        session.perform(step);
        fault = firstFault(session.kernel.log.events);
        if (fault) break;
      }
      session.dispose();
      if (!fault) return;
      crashed.push(file);
      expect(beforeFault(h, fault)).toBe(true);
      expectJustBefore(h, fault);
    });
  }

  it("covered the lessons with crashing drivers", () => {
    expect(crashed).toEqual(
      expect.arrayContaining([
        "01-rings.md",
        "02-first-driver-kernel-mode.md",
        "03-same-driver-user-mode.md",
        "04-channel-file-291.md",
        "05-boot-loop.md",
        "09-restart-policy.md",
      ]),
    );
  });
});

describe("stepping back", () => {
  it("one instruction back, then forward, is where it was; the boundaries are consecutive", () => {
    const h = crashedHistory();
    const fault = firstFault(h.kernel.log.events) as Fault;
    beforeFault(h, fault);
    const at = h.now;
    expect(stepBack(h)).toBe(true);
    const back = h.now;
    expect(back).toBeLessThan(at);
    h.runTo(back + 1);
    expect(h.now).toBe(at);
    expect(h.kernel.machine.cpu.pc >>> 0).toBe(fault.pc >>> 0);
  });

  it("one C line back lands on the start of a different line of the driver", () => {
    const h = crashedHistory();
    beforeFault(h, firstFault(h.kernel.log.events) as Fault);
    const line = lineAt(h.kernel);
    expect(line).toMatch(/null-driver\.c:\d+$/);
    expect(stepBackLine(h)).toBe(true);
    const previous = lineAt(h.kernel);
    expect(previous).toBeDefined();
    expect(previous).not.toBe(line);
    // It is the start of that line's run: one instruction earlier was another line (or no line).
    const here = h.now;
    stepBack(h);
    expect(lineAt(h.kernel)).not.toBe(previous);
    h.seek(here);
  });

  it("the previous trap: the next instruction enters a fault or system call", () => {
    const h = crashedHistory();
    beforeFault(h, firstFault(h.kernel.log.events) as Fault);
    expect(previousTrap(h)).toBe(true);
    const counts = [...h.kernel.machine.trapCounts];
    const before = STEP_CAUSES.reduce((n, c) => n + counts[c], 0);
    h.runTo(h.now + 1);
    const after = STEP_CAUSES.reduce((n, c) => n + h.kernel.machine.trapCounts[c], 0);
    expect(after).toBe(before + 1);
  });
});
