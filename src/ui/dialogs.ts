/** The share dialog and the keyboard-shortcut help, as native modal dialogs (they keep focus inside). */
import type { App } from "../app/app";
import { h, setText } from "./dom";
import { flushEditors } from "./editor/editorPanel";
import { SHORTCUTS } from "./shortcuts";

function dialog(title: string, id: string, ...content: HTMLElement[]): HTMLDialogElement {
  const close = h("button", { type: "button", class: "control" }, "Close");
  const element = h(
    "dialog",
    { class: "dialog", "aria-labelledby": `${id}-title`, "data-testid": id },
    h("h2", { id: `${id}-title` }, title),
    ...content,
    h("div", { class: "dialog-actions" }, close),
  );
  close.addEventListener("click", () => element.close());
  return element;
}

export function createShareDialog(app: App): { element: HTMLDialogElement; open(): Promise<void> } {
  const link = h("input", {
    type: "text",
    readonly: true,
    class: "share-link mono",
    "aria-label": "Share link",
    "data-testid": "share-link",
  });
  const copy = h("button", { type: "button", class: "control primary" }, "Copy link");
  const status = h("p", { class: "share-status", role: "status" });
  const element = dialog(
    "Share this machine",
    "share-dialog",
    h(
      "p",
      {},
      "The link carries your files (the open one as you see it), the open file, its mode and the checked setting, the seed and the page. Nothing is uploaded: it all lives in the link itself.",
    ),
    link,
    h("div", { class: "dialog-row" }, copy, status),
  );
  copy.addEventListener("click", async () => {
    link.select();
    try {
      await navigator.clipboard.writeText(link.value);
      setText(status, "Copied to the clipboard.");
    } catch {
      setText(
        status,
        "Select the link and copy it (Ctrl+C): this browser did not allow copying from the page.",
      );
    }
  });
  return {
    element,
    async open() {
      setText(status, "");
      link.value = "Making the link…";
      if (!element.open) element.showModal();
      flushEditors();
      const fragment = await app.shareFragment();
      const base = location.href.replace(/#.*$/, "");
      link.value = `${base}#${fragment}`;
      setText(status, `${link.value.length.toLocaleString("en")} characters.`);
      link.focus();
      link.select();
    },
  };
}

export function createHelpDialog(): { element: HTMLDialogElement; open(): void } {
  const table = h(
    "table",
    { class: "table shortcuts" },
    h("caption", { class: "visually-hidden" }, "Keyboard shortcuts"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Keys"),
        h("th", { scope: "col" }, "In presenter mode"),
        h("th", { scope: "col" }, "Does"),
      ),
    ),
    h(
      "tbody",
      {},
      SHORTCUTS.map((s) =>
        h(
          "tr",
          {},
          h("td", {}, s.code ? h("kbd", {}, s.keys) : s.keys),
          h(
            "td",
            {},
            s.presenterKey
              ? h(
                  "kbd",
                  {},
                  s.presenterKey === " "
                    ? "Space"
                    : s.presenterKey.length === 1
                      ? s.presenterKey.toUpperCase()
                      : s.presenterKey,
                )
              : "—",
          ),
          h("td", {}, s.description),
        ),
      ),
    ),
  );
  const element = dialog(
    "Keyboard shortcuts",
    "help-dialog",
    h(
      "p",
      {},
      "Alt shortcuts work everywhere, even while typing in the console or the editor. In presenter mode the single keys work too, when the focus is not in something you type into. Tab and Shift+Tab move between every control; Enter or Space presses a button.",
    ),
    table,
    h(
      "p",
      {},
      "In the console: select text with the mouse and press Ctrl+C to copy it (with nothing selected, Ctrl+C interrupts the program); Ctrl+V pastes. On the bluescreen: Enter restarts now, H holds it on screen.",
    ),
  );
  return {
    element,
    open() {
      if (!element.open) element.showModal();
    },
  };
}
