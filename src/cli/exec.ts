/**
 * `ringlab exec FILE.c`: any C program, as a C programmer expects. It builds FILE, runs it as an
 * ordinary process on a fresh machine (no workload programs, no shell), puts the program's own output
 * and nothing else on standard output, and exits with the program's status, POSIX-style:
 *
 *   main's result (or exit's argument)  its low 8 bits
 *   a page fault                        139  (128 + SIGSEGV)
 *   division by zero                    136  (128 + SIGFPE)
 *   an illegal or privileged instruction 132 (128 + SIGILL)
 *   panic, heap corruption, a bugcheck  134  (128 + SIGABRT; a bugcheck prints the bluescreen)
 *   out of cycles                       124  (as `timeout` reports)
 *   a usage or build error              2
 *
 * Everything but the exit status gets one line on standard error. All use of the kernel is in
 * runOnKernel and exitCodeOf at the end of this file: the kernel's API is being reworked, and
 * these two are the only places that need to follow it.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { bluescreenText } from "../kernel/bugcheck";
import { insmod } from "../kernel/drivers";
import { Kernel } from "../kernel/kernel";
import { startProgram } from "../kernel/programs";
import { formatDiagnostic } from "../shared/diagnostic";
import { build } from "../toolchain/build";
import type { Command } from "./main";
import { parseOptions } from "./options";

/** An exec'd program has no heartbeat or watchdog: this is its only limit (100 M cycles = 100 s of machine time). */
export const DEFAULT_EXEC_CYCLES = 100_000_000;

export const EXIT = {
  usage: 2,
  illegalInstruction: 132,
  abort: 134,
  divideByZero: 136,
  pageFault: 139,
  timeout: 124,
} as const;

export interface ExecRequest {
  /** The file's name on the machine (a base name, `NAME.c`). */
  file: string;
  source: string;
  mode: "user" | "kernel";
  checked: boolean;
  cycles: number;
}

/** How the program ended, in the terms the exit status needs. */
export type ExecEnd =
  | { kind: "exit"; code: number }
  | { kind: "fault"; fault: "page" | "divide" | "illegal" | "abort"; message: string }
  | { kind: "bugcheck"; bluescreen: string }
  | { kind: "timeout" }
  | { kind: "not-started"; message: string };

export interface ExecOutcome {
  /** What the program wrote to the console. */
  output: string;
  end: ExecEnd;
  cycles: number;
}

export const execCommand: Command = {
  name: "exec",
  args: "FILE.c [--mode user|kernel] [--checked] [--cycles N]",
  summary: "build FILE and run it as a program; its output on stdout, its status as the exit status",
  run(args, io) {
    const options = parseOptions(args, { mode: "string", checked: "flag", cycles: "number" });
    if ("usage" in options) return options;
    const [file, ...rest] = options.positional;
    if (!file || rest.length > 0) return { usage: "exec needs exactly one FILE" };
    const mode = (options.values.mode as string | undefined) ?? "user";
    if (mode !== "kernel" && mode !== "user")
      return { usage: `--mode must be user or kernel, not '${mode}'` };
    if (!/\.(c|s)$/.test(file)) return { usage: `${file}: expected a .c or .s file` };
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch {
      io.err(`${file}:1:1: error: cannot read the file`);
      return EXIT.usage;
    }
    const checked = options.values.checked === true;
    const built = build(file, source, { checked });
    for (const d of built.diagnostics) io.err(formatDiagnostic(d, source));
    if (!built.image || built.diagnostics.some((d) => d.severity === "error")) return EXIT.usage;
    const cycles = (options.values.cycles as number | undefined) ?? DEFAULT_EXEC_CYCLES;
    const outcome = runOnKernel({ file: basename(file), source, mode, checked, cycles });
    if (outcome.output !== "") io.out(outcome.output.replace(/\n$/, ""));
    const { code, note } = exitStatus(outcome);
    if (note) io.err(`ringlab exec: ${note}`);
    return code;
  },
};

/** The exit status for an outcome, and the line for standard error (none for a plain exit). */
export function exitStatus(outcome: ExecOutcome): { code: number; note?: string } {
  const end = outcome.end;
  switch (end.kind) {
    case "exit":
      return { code: end.code & 0xff };
    case "fault": {
      const code = {
        page: EXIT.pageFault,
        divide: EXIT.divideByZero,
        illegal: EXIT.illegalInstruction,
        abort: EXIT.abort,
      }[end.fault];
      return { code, note: `the program was stopped: ${end.message}` };
    }
    case "bugcheck":
      return { code: EXIT.abort, note: `the machine stopped (bugcheck):${end.bluescreen}` };
    case "timeout":
      return {
        code: EXIT.timeout,
        note: `out of cycles: still running after ${outcome.cycles} cycles (--cycles)`,
      };
    case "not-started":
      return { code: EXIT.usage, note: `could not start the program: ${end.message}` };
  }
}

// ---- The kernel adapter: the only code here that knows the kernel's API -------------------------------

/** Cycles run between looks at whether the program has ended. */
const SLICE = 200_000;

/**
 * Boots a fresh machine with nothing else running, starts the program (user mode: an ordinary
 * process; kernel mode: loaded as a kernel-mode driver, ring 0 being where drivers run), and runs it
 * until it ends or `cycles` have passed.
 */
export function runOnKernel(request: ExecRequest): ExecOutcome {
  const onDisk = request.mode === "user" ? `/bin/${request.file}` : `/drivers/${request.file}`;
  const kernel = new Kernel({
    seed: 1,
    services: [],
    shell: false,
    files: { [onDisk]: request.source },
    // A program is not a driver: no watchdog ends a long computation, only --cycles does.
    watchdogTicks: Number.MAX_SAFE_INTEGER,
  });
  kernel.boot();
  const console = kernel.machine.devices.console;
  const before = console.transcript.length;
  const started =
    request.mode === "user"
      ? startProgram(kernel, onDisk, [], { checked: request.checked, quiet: true })
      : insmod(kernel, onDisk, "kernel", { checked: request.checked });
  if (!started.ok) return { output: "", end: { kind: "not-started", message: started.error }, cycles: 0 };
  const pid = started.value.pid;
  const startCycles = kernel.machine.cpu.cycles;
  const ended = () => kernel.state !== "running" || (pid !== undefined && !kernel.processes.has(pid));
  while (!ended() && kernel.machine.cpu.cycles - startCycles < request.cycles) {
    const left = request.cycles - (kernel.machine.cpu.cycles - startCycles);
    kernel.run(Math.min(SLICE, left));
  }
  let output = console.transcript.slice(before);
  const cycles = kernel.machine.cpu.cycles - startCycles;
  const finish = (end: ExecEnd): ExecOutcome => ({ output: output.replace(/\r\n/g, "\n"), end, cycles });

  if (kernel.bugcheckRecord)
    return finish({ kind: "bugcheck", bluescreen: bluescreenText(kernel.bugcheckRecord) });
  const last = [...kernel.log.events].reverse().find((e) => "pid" in e && e.pid === pid);
  if (last?.kind === "process-exit") return finish({ kind: "exit", code: last.code });
  if (last?.kind === "process-fault") {
    // The kernel tells the console why it stopped the process; that line goes to stderr instead.
    const notice = `\r\n[${last.name} (pid ${last.pid}) was stopped: ${last.message}]\r\n`;
    if (output.endsWith(notice)) output = output.slice(0, -notice.length);
    const fault = last.pageFault
      ? "page"
      : last.message.startsWith("divide by zero")
        ? "divide"
        : /^(illegal|privileged) instruction/.test(last.message)
          ? "illegal"
          : "abort";
    return finish({ kind: "fault", fault, message: last.message });
  }
  if (kernel.state === "off") return finish({ kind: "exit", code: 0 });
  return finish({ kind: "timeout" });
}

/** `run --json`: the status of a driver that returned from main (or called exit), else null. */
export function exitCodeOf(kernel: Kernel, driver: string): number | null {
  const events = kernel.log.events;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.kind === "process-exit" && e.name === driver) return e.code;
  }
  return null;
}
