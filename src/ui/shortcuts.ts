/**
 * Keyboard shortcuts, as one table: the help dialog prints it, the key handler reads it. Alt
 * shortcuts work everywhere, even while typing in the console or the editor. In presenter mode the
 * plain keys work too, whenever the focus is not in something you type into.
 */
import type { App } from "../app/app";
import { isTypingTarget } from "./dom";
import { flushEditors } from "./editor/editorPanel";

export interface ShortcutContext {
  app: App;
  openShare(): void;
  openHelp(): void;
  focusConsole(): void;
}

export interface Shortcut {
  /** As shown: "Alt+P" ("—" for a key of presenter mode only). */
  keys: string;
  /** KeyboardEvent.code of the key, with Alt; none for a key of presenter mode only. */
  code?: string;
  /** The plain key that does the same in presenter mode, if any (KeyboardEvent.key). */
  presenterKey?: string;
  description: string;
  /** Whether the key means something now; when not, the key goes on to the page as usual. */
  when?(context: ShortcutContext): boolean;
  run(context: ShortcutContext): void;
}

/** A workbench machine whose firmware is waiting for the safe-mode key. */
const inFirmware = ({ app }: ShortcutContext) =>
  app.state.route === "workbench" && app.state.machine.state === "firmware";

/** A workbench machine on its bluescreen. */
const onBluescreen = ({ app }: ShortcutContext) =>
  app.state.route === "workbench" && app.state.machine.bugcheck !== null;

export const SHORTCUTS: Shortcut[] = [
  {
    keys: "—",
    presenterKey: "s",
    description: "Safe mode, while the firmware waits for the key at power-on (then S steps again)",
    when: inFirmware,
    run: ({ app }) => app.session.type("s"),
  },
  {
    keys: "—",
    presenterKey: "F8",
    description: "Safe mode, while the firmware waits for the key at power-on",
    when: inFirmware,
    run: ({ app }) => app.session.type("s"),
  },
  {
    keys: "Alt+P",
    code: "KeyP",
    presenterKey: " ",
    description: "Run or pause the machine",
    run: ({ app }) => app.toggleRun(),
  },
  {
    keys: "Alt+S",
    code: "KeyS",
    presenterKey: "s",
    description: "Step one instruction",
    run: ({ app }) => app.state.route === "workbench" && app.stepInstruction(),
  },
  {
    keys: "Alt+L",
    code: "KeyL",
    presenterKey: "l",
    description: "Step one C line",
    run: ({ app }) => app.state.route === "workbench" && app.stepLine(),
  },
  {
    keys: "Alt+R",
    code: "KeyR",
    presenterKey: "r",
    description: "Reset: a new machine (side by side: run the demo again)",
    run: ({ app }) => {
      if (app.state.route === "side-by-side") {
        app.resume();
        app.sideBySide.start();
      } else app.reset();
    },
  },
  {
    keys: "Alt+B",
    code: "KeyB",
    presenterKey: "b",
    description: "Restart the machine now (after a bluescreen)",
    run: ({ app }) =>
      app.state.route === "workbench" && app.state.machine.state !== "running" && app.reboot(),
  },
  {
    keys: "—",
    presenterKey: "Enter",
    description: "Restart now (on a bluescreen)",
    when: onBluescreen,
    run: ({ app }) => app.reboot(),
  },
  {
    keys: "—",
    presenterKey: "h",
    description: "Hold the bluescreen, or let its countdown go on",
    when: onBluescreen,
    run: ({ app }) => app.toggleRun(),
  },
  {
    keys: "Alt+K",
    code: "KeyK",
    presenterKey: "k",
    description: "Load the open driver in kernel mode",
    run: ({ app }) => {
      flushEditors();
      return app.state.route === "workbench" && app.editor.load("kernel");
    },
  },
  {
    keys: "Alt+U",
    code: "KeyU",
    presenterKey: "u",
    description: "Load the open driver in user mode",
    run: ({ app }) => {
      flushEditors();
      return app.state.route === "workbench" && app.editor.load("user");
    },
  },
  {
    keys: "Alt+.",
    code: "Period",
    presenterKey: ".",
    description: "Faster (next speed)",
    run: ({ app }) => changeSpeed(app, +1),
  },
  {
    keys: "Alt+,",
    code: "Comma",
    presenterKey: ",",
    description: "Slower (previous speed)",
    run: ({ app }) => changeSpeed(app, -1),
  },
  {
    keys: "Alt+M",
    code: "KeyM",
    presenterKey: "m",
    description: "Presenter mode on or off",
    run: ({ app }) => app.togglePresenter(),
  },
  {
    keys: "Alt+T",
    code: "KeyT",
    presenterKey: "t",
    description: "Focus the console",
    run: (c) => c.focusConsole(),
  },
  {
    keys: "Alt+1",
    code: "Digit1",
    presenterKey: "1",
    description: "Start page",
    run: ({ app }) => app.navigate("start"),
  },
  {
    keys: "Alt+2",
    code: "Digit2",
    presenterKey: "2",
    description: "Workbench",
    run: ({ app }) => app.navigate("workbench"),
  },
  {
    keys: "Alt+3",
    code: "Digit3",
    presenterKey: "3",
    description: "Side by side",
    run: ({ app }) => app.navigate("side-by-side"),
  },
  {
    keys: "Alt+4",
    code: "Digit4",
    presenterKey: "4",
    description: "Fleet",
    run: ({ app }) => app.navigate("fleet"),
  },
  { keys: "Alt+H", code: "KeyH", description: "Share a link to this machine", run: (c) => c.openShare() },
  {
    keys: "Alt+/",
    code: "Slash",
    presenterKey: "?",
    description: "Show these shortcuts",
    run: (c) => c.openHelp(),
  },
];

const SPEED_ORDER = [0.25, 1, 4, 16, 64];

function changeSpeed(app: App, direction: number): void {
  const index = SPEED_ORDER.indexOf(app.state.run.speed);
  const next = SPEED_ORDER[Math.min(SPEED_ORDER.length - 1, Math.max(0, index + direction))];
  app.setSpeed(next);
}

/** Installs the key handler (capture phase, so the console and the editor do not swallow Alt keys). */
export function installShortcuts(context: ShortcutContext): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
    // No shortcuts while a dialog is open: it has its own keys.
    if (document.querySelector("dialog[open]")) return;
    let shortcut: Shortcut | undefined;
    if (event.altKey && !event.shiftKey) shortcut = SHORTCUTS.find((s) => s.code === event.code);
    else if (event.altKey && event.shiftKey && event.code === "Slash")
      shortcut = SHORTCUTS.find((s) => s.code === "Slash");
    else if (!event.altKey && context.app.state.presenter && !isTypingTarget(event.target)) {
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      // Space and Enter on a button press the button; only elsewhere are they shortcuts.
      if (
        (key === " " || key === "Enter") &&
        event.target instanceof HTMLElement &&
        event.target.closest("button, a, summary, [role=button]")
      )
        return;
      // The first that means something now: S is the safe-mode key while the firmware waits.
      shortcut = SHORTCUTS.find((s) => s.presenterKey === key && (!s.when || s.when(context)));
    }
    if (!shortcut || (shortcut.when && !shortcut.when(context))) return;
    event.preventDefault();
    event.stopPropagation();
    shortcut.run(context);
  };
  window.addEventListener("keydown", onKey, true);
  return () => window.removeEventListener("keydown", onKey, true);
}
