/**
 * The shell: holds the console when no program does. It reads keys from the console (with line
 * editing, history and tab completion), runs commands from the command table, and hands the console
 * to a program started with `run` until that program ends (Ctrl-C ends it early).
 */
import type { Kernel } from "../kernel";
import type { Process } from "../process";
import { COMMANDS, completeWord } from "./commands";

const PROMPT = "$ ";

export class Shell {
  private line = "";
  private history: string[] = [];
  private historyIndex = 0;
  private started = false;
  private escape = "";
  /** The program that holds the console, if any. */
  foreground: Process | undefined;
  /** Keys typed for the foreground program, not yet read. */
  private pendingInput: number[] = [];
  /** A menu that reads each line instead of the commands (the recovery screen, recovery.ts). */
  private menu: ((line: string) => string) | undefined;

  constructor(private readonly k: Kernel) {}

  start(greeting = "Type 'help' for the commands.", menu?: (line: string) => string): void {
    this.started = true;
    this.line = "";
    this.foreground = undefined;
    this.pendingInput = [];
    this.menu = menu;
    this.k.print(`${greeting}\r\n`);
    this.prompt();
  }

  /** From a menu to the commands. */
  leaveMenu(): void {
    this.menu = undefined;
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
    if (!this.started) return;
    if (this.foreground) {
      this.foregroundKey(byte);
      return;
    }
    if (this.escape || byte === 0x1b) {
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
        if (this.line.length > 0) {
          this.line = this.line.slice(0, -1);
          this.k.print("\b \b");
        }
        return;
      case 0x03: // Ctrl-C
        this.k.print("^C\r\n");
        this.line = "";
        this.prompt();
        return;
      case 0x15: // Ctrl-U
        this.replaceLine("");
        return;
      case 0x09:
        this.complete();
        return;
      default:
        if (byte >= 0x20 && byte < 0x7f && this.line.length < 512) {
          this.line += String.fromCharCode(byte);
          this.k.print(String.fromCharCode(byte));
        }
    }
  }

  /** Arrow keys arrive as ESC [ A / B; up and down walk the history. */
  private escapeKey(byte: number): void {
    this.escape += String.fromCharCode(byte);
    if (this.escape.length < 3) return;
    const sequence = this.escape;
    this.escape = "";
    if (sequence === "\x1b[A" && this.historyIndex > 0) {
      this.historyIndex--;
      this.replaceLine(this.history[this.historyIndex]);
    } else if (sequence === "\x1b[B" && this.historyIndex < this.history.length) {
      this.historyIndex++;
      this.replaceLine(this.history[this.historyIndex] ?? "");
    }
  }

  private replaceLine(text: string): void {
    this.k.print("\b \b".repeat(this.line.length));
    this.line = text;
    this.k.print(text);
  }

  private complete(): void {
    const completed = completeWord(this.k, this.line);
    if (completed.length > this.line.length) {
      this.k.print(completed.slice(this.line.length));
      this.line = completed;
    }
  }

  private foregroundKey(byte: number): void {
    const process = this.foreground as Process;
    if (byte === 0x03) {
      this.k.print("^C\r\n");
      this.k.killProcess(process, "interrupted (Ctrl-C)", { address: 0, pc: process.thread.pc });
      return;
    }
    const echoed = byte === 0x0d ? 0x0a : byte;
    this.k.print(echoed === 0x0a ? "\r\n" : String.fromCharCode(byte));
    this.pendingInput.push(echoed);
    if (process.thread.state === "blocked" && process.thread.wait?.kind === "input") {
      process.thread.regs[1] = this.pendingInput.shift() as number;
      this.k.makeReady(process);
    }
  }

  /** A key for the foreground program, if it is `process` and a key is waiting. */
  takeInputFor(process: Process): number | undefined {
    if (this.foreground !== process) return undefined;
    return this.pendingInput.shift();
  }

  isForeground(process: Process): boolean {
    return this.foreground === process;
  }

  /** Runs one command line, as if typed (also used by lesson solutions and tests). */
  execute(commandLine: string): void {
    const text = commandLine.trim();
    if (text) {
      this.history.push(text);
      if (this.history.length > 100) this.history.shift();
    }
    this.historyIndex = this.history.length;
    const output = this.menu && text ? this.menu(text) : runCommandLine(this.k, text, this);
    if (output) this.k.print(`${output.replace(/\r?\n/g, "\r\n")}\r\n`);
    if (!this.foreground && this.k.state === "running" && this.started) this.prompt();
  }

  private submit(): void {
    const text = this.line;
    this.line = "";
    this.execute(text);
  }

  /** A program that held the console has ended: the shell takes it back. */
  onProcessEnded(process: Process): void {
    if (this.foreground !== process) return;
    this.foreground = undefined;
    this.pendingInput = [];
    if (this.k.state === "running") this.prompt();
  }

  /** The shell's view of the console is reset by a reboot. */
  stop(): void {
    this.started = false;
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
