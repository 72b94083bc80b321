/**
 * The shell's commands, as a table: name, usage, one line of help, and what it does. Each returns its
 * output (errors are one clear line).
 */

import { SYSTEM_FILE } from "../../machine/devices/disk";
import { PAGE_SIZE } from "../../machine/isa";
import { analysisText, analyzeCrash, dumpScene } from "../crashAnalysis";
import { insmodCommand, rmmodCommand } from "../driverCommands";
import type { FailurePolicy } from "../drivers";
import { permissionString } from "../fileAccess";
import type { Kernel } from "../kernel";
import type { DriverMode } from "../kernelLog";
import { CYCLES_PER_TICK } from "../layout";
import { memoryMap } from "../memoryMap";
import { killProcess, startProgram } from "../programs";
import { DEFAULT_RESTART_POLICY, type RestartPolicy } from "../restartPolicy";
import type { Shell } from "./shell";

export interface CommandContext {
  shell: Shell;
  redirect: { append: boolean; path: string } | undefined;
}

export interface Command {
  name: string;
  usage: string;
  help: string;
  run(k: Kernel, args: string[], context: CommandContext): string;
}

export const COMMANDS: Command[] = [
  {
    name: "help",
    usage: "help",
    help: "list the commands",
    run: () => COMMANDS.map((c) => `  ${c.usage.padEnd(44)} ${c.help}`).join("\n"),
  },
  {
    name: "ls",
    usage: "ls [-l] [DIR]",
    help: "list files on the disk (-l: with owners and permissions)",
    run: (k, args) => {
      const long = args.includes("-l");
      const dir = args.find((a) => a !== "-l");
      const prefix = dir ? `${dir.replace(/\/$/, "")}/` : "/";
      const disk = k.machine.devices.disk;
      const files = disk.list().filter((p) => p.startsWith(prefix));
      if (files.length === 0) return `ls: ${dir ?? "/"}: no files`;
      return files
        .map((p) => {
          const size = String(disk.read(p)?.length ?? 0).padStart(7);
          if (!long) return `${size}  ${p}`;
          const meta = disk.metaOf(p) ?? SYSTEM_FILE;
          return `-${permissionString(meta.mode)}  ${meta.owner.padEnd(12)} ${size}  ${p}`;
        })
        .join("\n");
    },
  },
  {
    name: "cat",
    usage: "cat FILE",
    help: "show a file",
    run: (k, args) => {
      if (args.length !== 1) return "usage: cat FILE";
      return k.machine.devices.disk.readText(args[0]) ?? `cat: ${args[0]}: no such file`;
    },
  },
  {
    name: "rm",
    usage: "rm FILE",
    help: "delete a file",
    run: (k, args) => {
      if (args.length !== 1) return "usage: rm FILE";
      if (!k.machine.devices.disk.remove(args[0])) return `rm: ${args[0]}: no such file`;
      k.emit({ kind: "file-removed", path: args[0] });
      return "";
    },
  },
  {
    name: "cp",
    usage: "cp FROM TO",
    help: "copy a file",
    run: (k, args) => {
      if (args.length !== 2) return "usage: cp FROM TO";
      const data = k.machine.devices.disk.read(args[0]);
      if (!data) return `cp: ${args[0]}: no such file`;
      return k.machine.devices.disk.write(args[1], data) ? "" : "cp: the disk is full";
    },
  },
  {
    name: "echo",
    usage: "echo TEXT [> FILE]",
    help: "print text, or write it to a file",
    run: (k, args, { redirect }) => {
      const text = args.join(" ");
      if (!redirect) return text;
      const disk = k.machine.devices.disk;
      const before = redirect.append ? (disk.readText(redirect.path) ?? "") : "";
      return disk.write(redirect.path, `${before}${text}\n`) ? "" : "echo: the disk is full";
    },
  },
  {
    name: "ps",
    usage: "ps",
    help: "list processes and driver threads with their ring",
    run: (k) => {
      const rows = [...k.processes.values()].map(
        (p) =>
          `${String(p.pid).padStart(4)}  ${p.ring.padEnd(6)}  ${p.thread.state.padEnd(8)}  ${String(p.thread.cycles).padStart(10)}  ${p.name}`,
      );
      return [`${"PID".padStart(4)}  RING    STATE     ${"CYCLES".padStart(10)}  NAME`, ...rows].join("\n");
    },
  },
  {
    name: "kill",
    usage: "kill PID",
    help: "end a process",
    run: (k, args) => {
      const process = k.processes.get(Number(args[0]));
      if (args.length !== 1 || !process)
        return args.length === 1 ? `kill: no process ${args[0]}` : "usage: kill PID";
      if (process.ring === "kernel")
        return `kill: ${process.name} runs in kernel mode; the kernel cannot end it (rmmod unloads it)`;
      killProcess(k, process, "killed from the shell", { address: 0, pc: process.thread.pc });
      return "";
    },
  },
  {
    name: "lsmod",
    usage: "lsmod",
    help: "list drivers: mode, state, crashes and restarts",
    run: (k) => {
      const rows = [...k.drivers.values()].map(
        (d) =>
          `${d.name.padEnd(18)} ${d.mode.padEnd(8)} ${d.state.padEnd(10)} ${String(d.crashes).padStart(7)} ${String(d.restarts).padStart(8)}  ${d.boot ? "boot" : ""}`,
      );
      if (rows.length === 0) return "no drivers loaded";
      return [
        `${"DRIVER".padEnd(18)} ${"MODE".padEnd(8)} ${"STATE".padEnd(10)} CRASHES RESTARTS`,
        ...rows,
      ].join("\n");
    },
  },
  {
    name: "insmod",
    usage:
      "insmod FILE --mode kernel|user|verified [--boot] [--checked] [--restarts N] [--backoff MS] [--on-failure allow|block]",
    help: "build and load a driver (--boot: at every boot; --restarts, --backoff: its restart policy; --on-failure: an event with no verdict)",
    run: (k, args) => {
      const parsed = parseInsmod(args);
      return typeof parsed === "string" ? parsed : insmodCommand(k, parsed);
    },
  },
  {
    name: "rmmod",
    usage: "rmmod DRIVER [--boot]",
    help: "unload a driver (--boot: also stop loading it at boot)",
    run: (k, args) => {
      const name = args.find((a) => !a.startsWith("--"));
      if (!name) return "usage: rmmod DRIVER";
      return rmmodCommand(k, name, args.includes("--boot"));
    },
  },
  {
    name: "dmesg",
    usage: "dmesg",
    help: "show the kernel log",
    run: (k) => k.log.lines.join("\n"),
  },
  {
    name: "clear",
    usage: "clear",
    help: "clear the screen",
    // Erase the screen and the scrollback, cursor home (the terminal's own escape sequences).
    run: () => "\x1b[2J\x1b[3J\x1b[H",
  },
  {
    name: "reboot",
    usage: "reboot [--safe]",
    help: "restart the machine (--safe: without boot-start drivers)",
    run: (k, args) => {
      k.record.power.rebootRequested = args.includes("--safe") ? { safeMode: true } : {};
      k.machine.requestStop({ kind: "host", detail: "reboot" });
      return "Rebooting...";
    },
  },
  {
    name: "uptime",
    usage: "uptime",
    help: "machine time since boot, boots and crashes",
    run: (k) =>
      `up ${(k.tick / 100).toFixed(2)} s (${k.machine.cpu.cycles} cycles, ${k.machine.cpu.instructions} instructions); ` +
      `boot ${k.bootNumber}${k.safeMode ? " in safe mode" : ""}; failed boots in a row: ${k.failedBootsInRow}`,
  },
  {
    name: "mem",
    usage: "mem",
    help: "memory map: who owns each page",
    run: (k) => formatMemoryMap(k),
  },
  {
    name: "analyze",
    usage: "analyze [--json]",
    help: "explain the last crash dump: stop code, C line, call stack, memory, events",
    run: (k, args) => {
      const found = dumpScene(k);
      if (!found)
        return "analyze: no crash dump (only a bugcheck leaves one; a user-mode driver's crash is analyzed in the app or with ringlab analyze --mode user)";
      const analysis = analyzeCrash(found.scene, found.facts);
      return args.includes("--json") ? JSON.stringify(analysis) : analysisText(analysis);
    },
  },
  {
    name: "run",
    usage: "run PROGRAM [--checked]",
    help: "build and run a program in user mode; it holds the console until it ends",
    run: (k, args, { shell }) => {
      const path = args.find((a) => !a.startsWith("--"));
      if (!path) return "usage: run PROGRAM";
      const process = startProgram(k, programPath(k, path), [], {
        quiet: true,
        checked: args.includes("--checked"),
      });
      if (!process.ok) return process.error;
      shell.foreground = process.value;
      return "";
    },
  },
];

/**
 * --restarts N: restart a crashed user-mode driver at most N times in the policy's window (the next
 * failure gives up). --backoff MS: the delay before the second restart, in milliseconds of machine
 * time (10 ms = 1 tick), doubling after that.
 */
/** Machine time: 1,000,000 cycles a second. */
const MS_PER_TICK = CYCLES_PER_TICK / 1000;

function restartOption(name: string, text: string | undefined): number | string {
  if (text === undefined || !/^\d{1,6}$/.test(text))
    return `insmod: ${name} needs a whole number, not '${text ?? ""}'`;
  return Number(text);
}

function parseInsmod(args: string[]):
  | {
      path: string;
      mode: DriverMode;
      boot: boolean;
      checked: boolean;
      policy: Partial<RestartPolicy>;
      onFailure?: FailurePolicy;
    }
  | string {
  const usage =
    "usage: insmod FILE --mode kernel|user|verified [--boot] [--checked] [--restarts N] [--backoff MS] [--on-failure allow|block]";
  const policy: Partial<RestartPolicy> = {};
  let path: string | undefined;
  let mode: DriverMode | undefined;
  let boot = false;
  let checked = false;
  let onFailure: FailurePolicy | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--mode") {
      const m = args[++i];
      if (m !== "kernel" && m !== "user" && m !== "verified")
        return `insmod: --mode must be kernel, user or verified, not '${m ?? ""}'`;
      mode = m;
    } else if (a.startsWith("--mode=")) {
      const m = a.slice(7);
      if (m !== "kernel" && m !== "user" && m !== "verified")
        return `insmod: --mode must be kernel, user or verified, not '${m}'`;
      mode = m;
    } else if (a === "--restarts") {
      const n = restartOption(a, args[++i]);
      if (typeof n === "string") return n;
      policy.maxFailures = n + 1;
    } else if (a === "--backoff") {
      const ms = restartOption(a, args[++i]);
      if (typeof ms === "string") return ms;
      policy.backoffTicks = Math.ceil(ms / MS_PER_TICK);
      policy.maxBackoffTicks = Math.max(DEFAULT_RESTART_POLICY.maxBackoffTicks, policy.backoffTicks);
    } else if (a === "--on-failure") {
      const policy = args[++i];
      if (policy !== "allow" && policy !== "block")
        return `insmod: --on-failure must be allow or block, not '${policy ?? ""}'`;
      onFailure = policy;
    } else if (a === "--boot") boot = true;
    else if (a === "--checked") checked = true;
    else if (a.startsWith("--")) return `insmod: unknown option ${a}\n${usage}`;
    else if (path === undefined) path = a;
    else return usage;
  }
  if (!path) return usage;
  if (!mode) return `insmod: say which ring: --mode kernel or --mode user\n${usage}`;
  if (mode === "kernel" && Object.keys(policy).length > 0)
    return "insmod: --restarts and --backoff are for user mode: in kernel mode a crash stops the machine";
  return { path, mode, boot, checked, policy, ...(onFailure ? { onFailure } : {}) };
}

function formatMemoryMap(k: Kernel): string {
  const map = memoryMap(k);
  const symbols = new Map<string, string>([
    ["kernel", "K"],
    ["pool", "P"],
    ["free", "."],
  ]);
  const legend: string[] = ["K kernel", "P kernel pool", ". free"];
  const letters = "abcdefghijklmnopqrstuvwxyz0123456789";
  let next = 0;
  const symbolFor = (owner: string, label: string) => {
    let symbol = symbols.get(owner);
    if (symbol === undefined) {
      symbol = letters[next++ % letters.length];
      symbols.set(owner, symbol);
      legend.push(`${symbol} ${label}`);
    }
    return symbol;
  };
  const cells = map.frames.map((f) => symbolFor(f.owner, f.label));
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 64) {
    rows.push(`${`0x${(i * PAGE_SIZE).toString(16).padStart(6, "0")}`}  ${cells.slice(i, i + 64).join("")}`);
  }
  const regions = map.regions.map(
    (r) => `  ${r.owner.padEnd(20)} ${r.start} - ${r.end}  ${r.permissions}  ${r.what}`,
  );
  return [
    `physical memory: ${map.frames.length} pages of 4 KiB, ${map.free} free`,
    ...rows,
    legend.join("   "),
    "",
    "virtual regions:",
    ...regions,
  ].join("\n");
}

/**
 * Where `run NAME` finds its program: a path as given; a bare name in /bin, as NAME.c, or NAME.s when
 * only that exists (`run quiet` runs /bin/quiet.s).
 */
function programPath(k: Kernel, name: string): string {
  if (name.includes("/")) return name;
  if (/\.(c|s)$/.test(name)) return `/bin/${name}`;
  const disk = k.machine.devices.disk;
  return disk.read(`/bin/${name}.c`) === undefined && disk.read(`/bin/${name}.s`) !== undefined
    ? `/bin/${name}.s`
    : `/bin/${name}.c`;
}

/** Completes the last word of a line: a command name first, then a file path. */
export function completeWord(k: Kernel, line: string): string {
  const words = line.split(" ");
  const last = words[words.length - 1];
  const candidates =
    words.length === 1
      ? COMMANDS.map((c) => c.name)
      : k.machine.devices.disk.list().concat([...k.drivers.keys()]);
  const matches = candidates.filter((c) => c.startsWith(last));
  if (matches.length === 0 || last === "") return line;
  let common = matches[0];
  for (const m of matches) while (!m.startsWith(common)) common = common.slice(0, -1);
  words[words.length - 1] = matches.length === 1 ? `${common}${words.length === 1 ? " " : ""}` : common;
  return words.join(" ");
}
