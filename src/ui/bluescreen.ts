/**
 * The bluescreen: what the machine's screen becomes when it bugchecks, in the look of Windows 10 and
 * 11 (blue, ":(", the sentence, a progress figure, the stop code and "What failed"), then "Where" (the
 * fault and its C line) and the stop code's four parameters, sized from its panel so it reads from
 * the back of a classroom. It restarts the machine after a countdown, or at once on Enter; H (or the
 * Hold button) holds it on screen by pausing the machine's time, and the same button (now "Resume
 * countdown") lets it go on. The text stacks above the buttons, never under them.
 */

import type { BugcheckView } from "../app/state";
import { hex32 } from "../app/timeline";
import { h, setText } from "./dom";

export interface BluescreenActions {
  restart(): void;
  hold(): void;
  /** Lets a held countdown go on. */
  resume(): void;
  /** Shrinks a full-display bluescreen back into its panel (presenter mode). */
  shrink?(): void;
  /** Whether time is paused (the countdown stands still). */
  held(): boolean;
}

export interface Bluescreen {
  readonly element: HTMLElement;
  show(view: BugcheckView, rebootIn: number | null, total: number): void;
  hide(): void;
  /** Covers the whole display (presenter mode) or stays in its panel. */
  setTakeover(on: boolean): void;
  readonly visible: boolean;
}

export function createBluescreen(
  actions: BluescreenActions,
  options: { compact?: boolean } = {},
): Bluescreen {
  const progress = h("p", { class: "bsod-progress" });
  const stopCode = h("p", { class: "bsod-code" });
  const failed = h("p", { class: "bsod-code" });
  const where = h("p", { class: "bsod-where", "data-testid": "bsod-where" });
  const parameters = h("p", { class: "bsod-where", "data-testid": "bsod-parameters" });
  const countdown = h("span", { class: "bsod-countdown", "aria-live": "off" });
  const holdButton = h("button", { type: "button", class: "bsod-button", "aria-keyshortcuts": "H" }, "Hold");
  const restartButton = h(
    "button",
    { type: "button", class: "bsod-button", "aria-keyshortcuts": "Enter" },
    "Restart now",
  );
  const shrinkButton = h(
    "button",
    { type: "button", class: "bsod-button", "aria-keyshortcuts": "Escape", hidden: true },
    "Back to the workbench",
  );
  const qr = h("div", { class: "bsod-qr", "aria-hidden": "true" });
  const element = h(
    "section",
    {
      class: `bluescreen${options.compact ? " compact" : ""}`,
      hidden: true,
      tabindex: "-1",
      "aria-label": "Bluescreen: the machine stopped",
      "data-testid": "bluescreen",
    },
    h(
      "div",
      { class: "bsod-column" },
      h(
        "div",
        { class: "bsod-inner" },
        h("p", { class: "bsod-face", "aria-hidden": "true" }, ":("),
        h(
          "p",
          { class: "bsod-lead" },
          "Your device ran into a problem and needs to restart. We're just collecting some error info, and then we'll restart for you.",
        ),
        progress,
        h(
          "div",
          { class: "bsod-info" },
          qr,
          h(
            "div",
            { class: "bsod-text" },
            h(
              "p",
              { class: "bsod-small" },
              "For more about this stop code and what it means, open the bugcheck in the event timeline.",
            ),
            h("p", { class: "bsod-small" }, "If you call a support person, give them this info:"),
            stopCode,
            failed,
            where,
            parameters,
          ),
        ),
      ),
      h("div", { class: "bsod-actions" }, restartButton, holdButton, shrinkButton, countdown),
    ),
  );

  restartButton.addEventListener("click", () => actions.restart());
  holdButton.addEventListener("click", () => (actions.held() ? actions.resume() : actions.hold()));
  shrinkButton.addEventListener("click", () => actions.shrink?.());
  element.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Enter" && event.target === element) {
      event.preventDefault();
      actions.restart();
    } else if (event.key === "h" || event.key === "H") {
      event.preventDefault();
      if (actions.held()) actions.resume();
      else actions.hold();
    } else if (event.key === "Escape" && element.classList.contains("takeover")) {
      event.preventDefault();
      actions.shrink?.();
    }
  });

  let shownCode = "";
  return {
    element,
    get visible() {
      return !element.hidden;
    },
    show(view, rebootIn, total) {
      if (shownCode !== view.stopCode + view.message) {
        shownCode = view.stopCode + view.message;
        qr.replaceChildren(qrPicture(`${view.stopCode}/${view.module ?? ""}`));
      }
      setText(stopCode, `Stop code: ${view.stopCode}`);
      setText(
        failed,
        view.module ? `What failed: ${view.module}` : "What failed: (the kernel found its own data corrupt)",
      );
      setText(where, `Where: ${view.source ? `${view.source} · ` : ""}${view.message}`);
      setText(parameters, `Parameters: ${view.parameters.map(hex32).join("  ")}`);
      const done =
        rebootIn === null ? 100 : Math.min(100, Math.max(0, Math.round((1 - rebootIn / total) * 100)));
      setText(progress, `${done}% complete`);
      const held = actions.held();
      setText(
        countdown,
        rebootIn === null
          ? ""
          : held
            ? "Held: the countdown waits for you."
            : `Restarting in ${Math.ceil(rebootIn)} s`,
      );
      setText(holdButton, held ? "Resume countdown" : "Hold");
      holdButton.hidden = rebootIn === null;
      element.hidden = false;
    },
    hide() {
      element.hidden = true;
      element.classList.remove("takeover");
      shrinkButton.hidden = true;
      shownCode = "";
    },
    setTakeover(on) {
      element.classList.toggle("takeover", on);
      shrinkButton.hidden = !on || !actions.shrink;
    },
  };
}

/** A decorative QR-like block, drawn from a hash of the text (it encodes nothing). */
function qrPicture(text: string): SVGSVGElement {
  const size = 25;
  let seed = 2166136261;
  for (let i = 0; i < text.length; i++) seed = Math.imul(seed ^ text.charCodeAt(i), 16777619);
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  const finder = (x: number, y: number, cx: number, cy: number) => {
    const dx = x - cx;
    const dy = y - cy;
    if (dx < 0 || dy < 0 || dx > 6 || dy > 6) return undefined;
    const ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
    return ring !== 2;
  };
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `-2 -2 ${size + 4} ${size + 4}`);
  const background = document.createElementNS(ns, "rect");
  background.setAttribute("x", "-2");
  background.setAttribute("y", "-2");
  background.setAttribute("width", String(size + 4));
  background.setAttribute("height", String(size + 4));
  background.setAttribute("fill", "#fff");
  svg.append(background);
  let path = "";
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const fixed = finder(x, y, 0, 0) ?? finder(x, y, size - 7, 0) ?? finder(x, y, 0, size - 7);
      const nearFinder = (x < 8 && y < 8) || (x >= size - 8 && y < 8) || (x < 8 && y >= size - 8);
      const dark = fixed ?? (nearFinder ? false : next() % 100 < 48);
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }
  }
  const modules = document.createElementNS(ns, "path");
  modules.setAttribute("d", path);
  modules.setAttribute("fill", "#0078d7");
  svg.append(modules);
  return svg;
}
