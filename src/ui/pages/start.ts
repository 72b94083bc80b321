/** The start page: what Ringlab is, and one click to the demo, the lessons or the workbench. */
import type { App } from "../../app/app";
import { h } from "../dom";
import type { Page } from "./workbench";

export function createStartPage(app: App): Page {
  const demo = h(
    "button",
    { type: "button", class: "card-action primary", "data-action": "start-side-by-side" },
    "▶ Run the side-by-side demo",
  );
  demo.addEventListener("click", () => {
    app.navigate("side-by-side");
    app.resume();
    app.sideBySide.start();
  });
  const workbench = h(
    "button",
    { type: "button", class: "card-action", "data-action": "open-workbench" },
    "Open the workbench",
  );
  workbench.addEventListener("click", () => app.navigate("workbench"));
  const lessons = h(
    "a",
    { class: "card-action", href: "#/lessons", "data-action": "open-lessons" },
    "Start the course",
  );

  const element = h(
    "section",
    { class: "page start", tabindex: "-1", "aria-label": "Start" },
    h(
      "section",
      { class: "hero" },
      h("p", { class: "eyebrow" }, "Fault isolation, live"),
      h("h1", {}, "One bug. Two rings. Very different days."),
      h(
        "p",
        { class: "lead" },
        "On 19 July 2024 an out-of-bounds read in a security driver running in kernel mode crashed about 8.5 million Windows machines. Ringlab is a small machine in your browser, with a kernel ring and a user ring, where you can load the same buggy driver in either and watch what it takes down.",
      ),
    ),
    h(
      "div",
      { class: "cards" },
      h(
        "section",
        { class: "card featured", "aria-labelledby": "card-demo" },
        h("h2", { id: "card-demo" }, "Side by side"),
        h(
          "p",
          {},
          "Three identical machines, the same driver with a null-pointer bug: in kernel mode one bluescreens and loses everything; in user mode one loses a process and carries on; in verified mode the verifier refuses the driver before it runs. Made for a projector.",
        ),
        demo,
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "card-lessons" },
        h("h2", { id: "card-lessons" }, "Lessons"),
        h(
          "p",
          {},
          "Fifteen lessons of 10 to 25 minutes, each on the machine beside it: rings, your first driver, Channel File 291, rewinding to the bad read, the boot loop and safe mode, a crash far from its bug, checked mode, a verifier that says no, the price of isolation, restart policies, testing content where it runs, whether canaries would have caught it, failing open, and least privilege.",
        ),
        lessons,
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "card-fleet" },
        h("h2", { id: "card-fleet" }, "The fleet"),
        h(
          "p",
          {},
          "The same bug on millions of machines: replay the 19 July push against a ringed rollout with a health gate, and watch machines go down and come back over ten days.",
        ),
        h("a", { class: "card-action", href: "#/fleet", "data-action": "open-fleet" }, "Open the fleet"),
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "card-workbench" },
        h("h2", { id: "card-workbench" }, "Workbench"),
        h(
          "p",
          {},
          "A console with a shell, an editor for drivers in C or assembly, and the machine's insides: processes and rings, the memory map, the CPU, every event.",
        ),
        workbench,
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "card-keys" },
        h("h2", { id: "card-keys" }, "Teaching with it"),
        h(
          "p",
          {},
          "Presenter mode (Alt+M) enlarges everything and hides the secondary panels. Press Alt+/ for every keyboard shortcut. Share links carry your files and settings.",
        ),
      ),
    ),
  );
  return { element, frame: () => undefined, shown: () => undefined, dispose: () => undefined };
}
