/**
 * The side-by-side page, the classroom demo: the same driver loaded into three identical machines, in
 * kernel mode, in user mode and in verified mode, then the blast radius of each. The presenter picks
 * which modes to show: on a 1024-pixel projector two columns read better from the back of the room.
 */

import type { App } from "../../app/app";
import type { SideBySideRunner } from "../../app/sideBySide";
import { SIDE_BY_SIDE_DRIVERS, SIDE_MODES, type SideView } from "../../app/sideBySideState";
import type { DriverMode } from "../../kernel/kernelLog";
import { ConsoleReader } from "../../machine/devices/console";
import { createControls } from "../controls";
import { h, reducedMotion, replaceChildren, setText, uniqueId } from "../dom";
import { blastRadiusRows, finishedSentence } from "../views/blastRadiusSummary";
import { createSideColumn, MODE_TITLES } from "../views/sideColumn";
import { watch } from "../watch";
import type { Page } from "./workbench";

export function createSideBySide(app: App): Page {
  const controls = createControls(app, { stepping: false });
  const driverId = uniqueId("driver");
  const driverSelect = h(
    "select",
    { id: driverId, "data-testid": "demo-driver" },
    SIDE_BY_SIDE_DRIVERS.map((d) => h("option", { value: d.path }, d.label)),
  );
  const seedId = uniqueId("seed");
  const seedInput = h("input", {
    id: seedId,
    type: "number",
    min: "0",
    max: "4294967295",
    step: "1",
    class: "seed",
  });
  const start = h(
    "button",
    { type: "button", class: "control primary", "data-action": "start-demo" },
    "▶ Start the demo",
  );
  start.addEventListener("click", () => {
    const seed = Math.max(0, Math.min(0xffffffff, Math.floor(Number(seedInput.value) || 0)));
    app.resume();
    app.sideBySide.start({ driver: driverSelect.value, seed });
  });
  // A room needs time at the bluescreen: in presenter mode the demo waits there (paused) until the
  // presenter goes on (Space, Run, or Resume countdown); unticked, it restarts after the scenario's
  // seconds, as it does by default outside presenter mode.
  const holdBox = h("input", { type: "checkbox", "data-testid": "hold-bluescreen" });
  holdBox.checked = app.state.presenter;
  const holdLabel = h("label", { class: "hold-setting" }, holdBox, " Wait at the bluescreen");
  const skip = h("button", { type: "button", class: "control", "data-action": "skip" }, "Skip to the end »");
  skip.addEventListener("click", () => app.sideBySide.finish());
  const progress = h("progress", { max: "1", value: "0", "aria-label": "Scenario time" });
  const progressText = h("span", { class: "progress-text" });

  const columns = SIDE_MODES.map((mode) => createSideColumn(app, mode));
  // Which modes to show: every machine runs either way, so a mode shown again has missed nothing.
  const choices = SIDE_MODES.map((mode) => {
    const box = h("input", { type: "checkbox", "data-testid": `show-${mode}`, value: mode });
    box.addEventListener("change", () => {
      if (!app.sideBySide.showColumn(mode, box.checked)) box.checked = true;
    });
    return { mode, box };
  });
  const chooserHint = uniqueId("columns-hint");
  const chooser = h(
    "fieldset",
    { class: "column-chooser", "aria-describedby": chooserHint },
    h("legend", {}, "Show"),
    choices.map(({ mode, box }) => h("label", {}, box, ` ${MODE_TITLES[mode].replace("Driver in ", "")}`)),
    h(
      "p",
      { class: "chooser-hint", id: chooserHint },
      "At 1024 pixels three columns are narrow: show the two you are talking about.",
    ),
  );

  const summaryHeading = h("h2", { class: "panel-title", id: uniqueId("summary") }, "Blast radius");
  const summaryTable = h("table", { class: "table summary", "data-testid": "blast-radius" });
  const summarySentence = h("p", { class: "summary-sentence", "aria-live": "polite" });
  const summary = h(
    "section",
    { class: "panel summary-panel", "aria-labelledby": summaryHeading.id },
    h("header", { class: "panel-header" }, summaryHeading),
    summaryTable,
    summarySentence,
  );

  const sidesGrid = h(
    "div",
    { class: "sides" },
    columns.map((c) => c.element),
  );

  const element = h(
    "section",
    { class: "page side-by-side", tabindex: "-1", "aria-label": "Side by side" },
    h(
      "section",
      { class: "demo-bar", "aria-label": "The demo" },
      h(
        "div",
        { class: "demo-intro" },
        h("h1", {}, "One driver, three ways to run it"),
        h(
          "p",
          {},
          "Three identical machines run a clock and a bank. After one second the same driver is loaded into each: in kernel mode, in user mode, and in verified mode, where the verifier must prove it safe before it may run.",
        ),
      ),
      h(
        "div",
        { class: "demo-form" },
        h("label", { for: driverId }, "Driver "),
        driverSelect,
        h("label", { for: seedId }, "Seed "),
        seedInput,
        start,
        skip,
        holdLabel,
      ),
      chooser,
      h("div", { class: "demo-progress" }, progress, progressText),
      controls.element,
    ),
    sidesGrid,
    summary,
  );

  let generation = -1;
  let lastStatus = app.state.sideBySide.status;
  let heldFor = -1;
  const draw = () => {
    const v = app.state.sideBySide;
    // The kernel-mode machine has just bugchecked: hold the demo there (once per run) if asked to, and
    // if its column is on show: a pause at a bluescreen nobody sees would look like a hang.
    if (
      holdBox.checked &&
      v.status === "running" &&
      v.kernel?.bugcheck &&
      v.columns.includes("kernel") &&
      heldFor !== v.generation &&
      app.state.route === "side-by-side"
    ) {
      heldFor = v.generation;
      app.pause();
    }
    if (v.status === "done" && lastStatus === "running" && !element.hidden)
      summary.scrollIntoView({ block: "nearest", behavior: reducedMotion() ? "auto" : "smooth" });
    lastStatus = v.status;
    if (v.generation !== generation) {
      generation = v.generation;
      for (const c of columns) c.terminal.reset();
    }
    const shown = new Set<DriverMode>(v.columns);
    for (const { mode, box } of choices) box.checked = shown.has(mode);
    for (const c of columns) c.element.hidden = !shown.has(c.mode);
    sidesGrid.dataset.columns = String(v.columns.length);
    if (document.activeElement !== seedInput) seedInput.value = String(v.seed);
    driverSelect.value = v.driver;
    start.replaceChildren(v.status === "idle" ? "▶ Start the demo" : "↻ Run it again");
    skip.disabled = v.status !== "running";
    // Nothing runs before the demo starts or after it ended, so there is nothing to pause then.
    const runButton = controls.element.querySelector<HTMLButtonElement>('[data-action="run"]');
    if (runButton) runButton.hidden = v.status !== "running";
    progress.value = v.duration > 0 ? v.elapsed / v.duration : 0;
    setText(
      progressText,
      v.status === "idle"
        ? "Not started."
        : `${v.elapsed.toFixed(1)} s of ${v.duration} s · driver loaded at ${v.loadAt} s${v.status === "done" ? " · finished" : ""}`,
    );
    element.dataset.status = v.status;
    for (const c of columns) c.draw(v[c.mode], v.driver);
    setText(summaryHeading, v.status === "done" ? "Blast radius (final)" : "Blast radius (so far)");
    const views = v.columns.map((mode) => v[mode]).filter((view): view is SideView => view !== null);
    if (views.length === 0) {
      replaceChildren(summaryTable);
      setText(summarySentence, "Start the demo to compare the outcomes.");
      return;
    }
    replaceChildren(summaryTable, blastRadiusRows(views, v.status === "done"));
    setText(summarySentence, v.status === "done" ? finishedSentence(views) : "");
  };
  const stops = [
    watch(app.store, [(s) => s.sideBySide], draw),
    watch(app.store, [(s) => s.presenter], () => {
      holdBox.checked = app.state.presenter;
      for (const c of columns) c.terminal.setFontSize(app.state.presenter ? 18 : 13);
    }),
  ];

  // Each terminal reads its machine's console at its own place; a new run gets new readers.
  let readers: { runner: SideBySideRunner; consoles: ConsoleReader[] } | undefined;

  return {
    element,
    frame() {
      const runner = app.sideBySide.runner;
      if (!runner) return;
      if (readers?.runner !== runner)
        readers = {
          runner,
          // sides() is in SIDE_MODES order, as the columns are.
          consoles: runner.sides().map((side) => new ConsoleReader(side.kernel.machine.devices.console)),
        };
      // A hidden column's console still reads on, so it is up to date when shown again.
      columns.forEach((c, i) => {
        c.terminal.write(readers?.consoles[i]?.read() ?? "");
      });
    },
    shown() {
      for (const c of columns) c.terminal.fit();
    },
    dispose() {
      for (const stop of stops) stop();
      controls.dispose();
      for (const c of columns) c.terminal.dispose();
    },
  };
}
