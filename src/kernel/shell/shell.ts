/**
 * The shell: holds the console when no program does. It reads keys from the console (with line
 * editing, history and tab completion), runs commands from the command table, and hands the console
 * to a program started with `run` until that program ends (Ctrl-C ends it early).
 *
 * A view: everything the shell remembers is in the kernel's record (record.shell), so it snapshots and
 * restores with the rest of the kernel.
 */

import { REG } from "../../machine/isa";
import type { Kernel } from "../kernel";
import type { ShellMenu, ShellRecord } from "../kernelState";
import type { Process } from "../process";
import { killProcess } from "../programs";
import { chooseOnRecoveryScreen } from "../recovery";
import { makeReady } from "../scheduler";
import { COMMANDS, completeWord } from "./commands";

const PROMPT = "$ ";

/** The menus a shell can read lines for, by name (the record holds the name, never a function). */
const MENUS: Record<ShellMenu, (k: Kernel, line: string) => string> = {
  recovery: chooseOnRecoveryScreen,
};

export class Shell {
  constructor(private readonly k: Kernel) {}

  private get s(): ShellRecord {
    return this.k.record.shell;
  }

  /** The program that holds the console, if any. */
  get foreground(): Process | undefined {
    const pid = this.s.foreground;
    return pid === undefined ? undefined : this.k.record.processes.get(pid);
  }

  set foreground(process: Process | undefined) {
    this.s.foreground = process?.pid;
  }

  /** Starts reading the console: the commands, or a menu that reads each line instead (recovery.ts). */
  start(greeting = "Type 'help' for the commands.", menu?: ShellMenu): void {
    const s = this.s;
    s.started = true;
    s.line = "";
    s.foreground = undefined;
    s.pendingInput = [];
    s.menu = menu;
    this.k.print(`${greeting}\r\n`);
    this.prompt();
  }

  /** From a menu to the commands. */
  leaveMenu(): void {
    this.s.menu = undefined;
  }

  private prompt(): void {
    this.k.print(PROMPT);
  }

  /** Console input arrived: read every byte the console has. */
  onConsoleInput(): void {
    const console = this.k.machine.devices.console;
    for (let byte = console.read(); byte >= 0; byte = console.read()) this.key(byte);
  }

  private key(byte: number): void {
    if (!this.s.started) return;
    if (this.foreground) {
      this.foregroundKey(byte);
      return;
    }
    if (this.s.escape || byte === 0x1b) {
      this.escapeKey(byte);
      return;
    }
    switch (byte) {
      case 0x0d:
      case 0x0a:
        this.k.print("\r\n");
        this.submit();
        return;
      case 0x7f:
      case 0x08:
        if (this.s.line.length > 0) {
          this.s.line = this.s.line.slice(0, -1);
          this.k.print("\b \b");
        }
        return;
      case 0x03: // Ctrl-C
        this.k.print("^C\r\n");
        this.s.line = "";
        this.prompt();
        return;
      case 0x15: // Ctrl-U
        this.replaceLine("");
        return;
      case 0x09:
        this.complete();
        return;
      default:
        if (byte >= 0x20 && byte < 0x7f && this.s.line.length < 512) {
          this.s.line += String.fromCharCode(byte);
          this.k.print(String.fromCharCode(byte));
        }
    }
  }

  /** Arrow keys arrive as ESC [ A / B; up and down walk the history. */
  private escapeKey(byte: number): void {
    this.s.escape += String.fromCharCode(byte);
    if (this.s.escape.length < 3) return;
    const sequence = this.s.escape;
    this.s.escape = "";
    if (sequence === "\x1b[A" && this.s.historyIndex > 0) {
      this.s.historyIndex--;
      this.replaceLine(this.s.history[this.s.historyIndex]);
    } else if (sequence === "\x1b[B" && this.s.historyIndex < this.s.history.length) {
      this.s.historyIndex++;
      this.replaceLine(this.s.history[this.s.historyIndex] ?? "");
    }
  }

  private replaceLine(text: string): void {
    this.k.print("\b \b".repeat(this.s.line.length));
    this.s.line = text;
    this.k.print(text);
  }

  private complete(): void {
    const completed = completeWord(this.k, this.s.line);
    if (completed.length > this.s.line.length) {
      this.k.print(completed.slice(this.s.line.length));
      this.s.line = completed;
    }
  }

  private foregroundKey(byte: number): void {
    const process = this.foreground as Process;
    if (byte === 0x03) {
      this.k.print("^C\r\n");
      killProcess(this.k, process, "interrupted (Ctrl-C)", { address: 0, pc: process.thread.pc });
      return;
    }
    const echoed = byte === 0x0d ? 0x0a : byte;
    this.k.print(echoed === 0x0a ? "\r\n" : String.fromCharCode(byte));
    this.s.pendingInput.push(echoed);
    if (process.thread.state === "blocked" && process.thread.wait?.kind === "input") {
      process.thread.regs[REG.A0] = this.s.pendingInput.shift() as number;
      makeReady(this.k, process);
    }
  }

  /** A key for the foreground program, if it is `process` and a key is waiting. */
  takeInputFor(process: Process): number | undefined {
    if (this.s.foreground !== process.pid) return undefined;
    return this.s.pendingInput.shift();
  }

  isForeground(process: Process): boolean {
    return this.s.foreground === process.pid;
  }

  /**
   * Runs one command line, as if typed (also used by lesson solutions and tests). Returns what the
   * command printed.
   */
  execute(commandLine: string): string {
    const text = commandLine.trim();
    if (text) {
      this.s.history.push(text);
      if (this.s.history.length > 100) this.s.history.shift();
    }
    this.s.historyIndex = this.s.history.length;
    const menu = this.s.menu;
    return this.show(menu && text ? MENUS[menu](this.k, text) : runCommandLine(this.k, text, this));
  }

  /** Prints a command's output, then the prompt again if the shell holds the console; returns the output. */
  show(output: string): string {
    if (output) this.k.print(`${output.replace(/\r?\n/g, "\r\n")}\r\n`);
    if (this.s.foreground === undefined && this.k.state === "running" && this.s.started) this.prompt();
    return output;
  }

  private submit(): void {
    const text = this.s.line;
    this.s.line = "";
    this.execute(text);
  }

  /** A program that held the console has ended: the shell takes it back. */
  onProcessEnded(process: Process): void {
    if (this.s.foreground !== process.pid) return;
    this.s.foreground = undefined;
    this.s.pendingInput = [];
    if (this.k.state === "running") this.prompt();
  }

  /** The shell's view of the console is reset by a reboot. */
  stop(): void {
    this.s.started = false;
  }
}

/** Splits a command line into words; double quotes group words. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) words.push(match[1] ?? match[2]);
  return words;
}

function runCommandLine(k: Kernel, text: string, shell: Shell): string {
  if (!text) return "";
  // `echo TEXT > FILE` writes a file: the one redirection the shell knows.
  const redirect = /^(.*?)\s*(>>?)\s*(\S+)$/.exec(text);
  const words = splitWords(redirect ? redirect[1] : text);
  const name = words[0];
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return `${name}: unknown command (type 'help' for the list)`;
  if (redirect && name !== "echo") return "only echo can write to a file with >";
  return command.run(k, words.slice(1), {
    shell,
    redirect: redirect ? { append: redirect[2] === ">>", path: redirect[3] } : undefined,
  });
}
