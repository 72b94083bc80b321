/**
 * The machine's console in an xterm.js terminal: what the machine writes is drawn, what is typed goes
 * to the machine's console device (where the shell reads it). It fits its panel as the panel resizes.
 * Lines wrap between words (wordWrap.ts). Copy: select with the mouse, then Ctrl+C (or Ctrl+Shift+C); with nothing selected Ctrl+C goes to
 * the machine as usual. Paste: Ctrl+V or Ctrl+Shift+V. Tab completes; Escape then Tab (or Shift+Tab)
 * leaves the console.
 */
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import { reducedMotion } from "./dom";
import { WordWrapper } from "./wordWrap";

export interface TerminalOptions {
  /** Where typed text goes; omit for a read-only console. */
  onData?: (data: string) => void;
  fontSize: number;
  label: string;
}

export interface MachineTerminal {
  write(text: string): void;
  reset(): void;
  fit(): void;
  focus(): void;
  setFontSize(size: number): void;
  /** The text on screen and in the scrollback, for tests and copying. */
  text(): string;
  readonly element: HTMLElement;
  dispose(): void;
}

const THEME = {
  background: "#0b1220",
  foreground: "#e6edf7",
  cursor: "#ffd400",
  cursorAccent: "#0b1220",
  selectionBackground: "#3b5b8f",
  black: "#0b1220",
  brightBlack: "#6b7a90",
};

export function createTerminal(host: HTMLElement, options: TerminalOptions): MachineTerminal {
  const terminal = new Terminal({
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
    fontSize: options.fontSize,
    lineHeight: 1.15,
    cursorBlink: !reducedMotion(),
    disableStdin: options.onData === undefined,
    convertEol: false,
    scrollback: 5000,
    theme: THEME,
    screenReaderMode: false,
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(host);
  const textarea = host.querySelector("textarea");
  textarea?.setAttribute("aria-label", options.label);

  // Tab completes in the shell, so Tab alone stays in the console; Shift+Tab, or Escape then Tab,
  // moves the focus on, so a keyboard user is never trapped here.
  let escaped = false;
  terminal.attachCustomKeyEventHandler((event) => {
    if (event.type !== "keydown") return true;
    if (event.key === "Tab" && (event.shiftKey || escaped)) {
      escaped = false;
      return false;
    }
    if (event.key === "Escape") {
      // The shell has no use for a lone Escape (arrow keys arrive as whole sequences): keep it here.
      escaped = true;
      return false;
    }
    if (event.key !== "Shift") escaped = false;
    const ctrl = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    // Copy the selection instead of sending Ctrl+C when there is one.
    if (ctrl && key === "c" && (event.shiftKey || terminal.hasSelection())) {
      const selected = terminal.getSelection();
      if (selected) void navigator.clipboard?.writeText(selected).catch(() => undefined);
      event.preventDefault();
      return false;
    }
    // Let the browser paste (xterm reads the paste event).
    if (ctrl && key === "v") return false;
    // Alt shortcuts belong to the page.
    if (event.altKey && !ctrl) return false;
    return true;
  });
  if (options.onData) terminal.onData(options.onData);

  // Lines break between words, not inside them; the wrapper follows the terminal's width.
  const wrapper = new WordWrapper(terminal.cols);
  terminal.onResize(({ cols }) => {
    wrapper.columns = cols;
    wrapper.column = Math.min(terminal.buffer.active.cursorX, cols);
  });

  let frame = 0;
  const refit = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
    });
  };
  const observer = new ResizeObserver(refit);
  observer.observe(host);
  refit();

  return {
    element: host,
    write: (text) => {
      if (text) terminal.write(wrapper.feed(text));
    },
    reset: () => {
      terminal.reset();
      wrapper.column = 0;
    },
    fit: refit,
    focus: () => terminal.focus(),
    setFontSize: (size) => {
      terminal.options.fontSize = size;
      refit();
    },
    text: () => {
      const buffer = terminal.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? "");
      return lines.join("\n");
    },
    dispose: () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      terminal.dispose();
    },
  };
}
