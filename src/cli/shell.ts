/**
 * `ringlab shell`: the machine's console in a terminal. Keys go to the machine's console device; the
 * machine runs in real time (one second of machine time per second). On a bugcheck the bluescreen is
 * printed and any key reboots. With input from a pipe, each line is typed as it comes, and the command
 * ends a moment after the input does.
 */

import { bluescreenText } from "../kernel/bugcheck";
import { Kernel } from "../kernel/kernel";
import { CYCLES_PER_SECOND } from "../kernel/layout";
import { ConsoleReader } from "../machine/devices/console";
import type { Command } from "./main";
import { parseOptions } from "./options";
import { visibleControls } from "./visible";

const FRAME_MS = 20;

export const shellCommand: Command = {
  name: "shell",
  args: "[--seed N] [--safe]",
  summary: "boot a machine and use its shell from this terminal (Ctrl-] quits)",
  run(args, io) {
    const options = parseOptions(args, { seed: "u32", safe: "flag" });
    if ("usage" in options) return options;
    if (options.positional.length > 0) return { usage: "shell takes no file" };
    const stdin = process.stdin;
    const interactive = stdin.isTTY === true;
    // At a keyboard the firmware waits a second for S or F8 (safe mode); piped input is never a key press.
    const kernel = new Kernel({
      seed: (options.values.seed as number | undefined) ?? 1,
      bootMenuCycles: interactive ? CYCLES_PER_SECOND : 0,
    });
    kernel.boot(options.values.safe === true ? { safeMode: true } : {});
    const console = kernel.machine.devices.console;
    const write = (text: string) => process.stdout.write(text);
    return new Promise<number>((resolve) => {
      let inputEnded = false;
      let idleFrames = 0;
      let shownBugcheck = false;
      const finish = () => {
        clearInterval(timer);
        if (interactive) stdin.setRawMode(false);
        stdin.pause();
        write("\n");
        resolve(0);
      };
      if (interactive) stdin.setRawMode(true);
      stdin.on("data", (chunk: Buffer) => {
        for (const byte of chunk) {
          if (byte === 0x1d) return finish();
          if (kernel.state === "bugcheck") {
            shownBugcheck = false;
            kernel.reboot();
            continue;
          }
          kernel.input({
            kind: "keys",
            text: String.fromCharCode(byte === 0x0a && !interactive ? 0x0d : byte),
          });
        }
      });
      stdin.on("end", () => {
        inputEnded = true;
      });
      const screen = new ConsoleReader(console);
      const timer = setInterval(() => {
        kernel.run((CYCLES_PER_SECOND * FRAME_MS) / 1000);
        // Carriage return and backspace are the shell's line editing; every other control is shown.
        const output = visibleControls(screen.read(), "\r\b");
        if (output) write(output);
        if (kernel.state === "bugcheck" && kernel.bugcheckRecord && !shownBugcheck) {
          shownBugcheck = true;
          write(
            `${visibleControls(bluescreenText(kernel.bugcheckRecord)).replace(/\n/g, "\r\n")}\r\nPress any key to restart.\r\n`,
          );
        }
        if (kernel.state === "off") finish();
        // Piped input: stop once it has all been typed and the machine has had a second to answer.
        if (inputEnded && console.input.length === 0 && ++idleFrames > 1000 / FRAME_MS) finish();
      }, FRAME_MS);
      if (!interactive) io.out("(reading commands from standard input)");
    });
  },
};
