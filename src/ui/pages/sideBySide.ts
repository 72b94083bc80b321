/**
 * The side-by-side page, the classroom demo: the same driver loaded into two identical machines, in
 * kernel mode on the left and in user mode on the right, then the blast radius of each.
 */

import type { App } from "../../app/app";
import type { BlastRadius } from "../../app/blastRadius";
import type { SideBySideRunner } from "../../app/sideBySide";
import { SCENARIO } from "../../app/sideBySide";
import { SIDE_BY_SIDE_DRIVERS, type SideView } from "../../app/sideBySideState";
import { ConsoleReader } from "../../machine/devices/console";
import { ringBadge, stateBadge } from "../badges";
import { createBluescreen } from "../bluescreen";
import { createControls } from "../controls";
import { formatSeconds, h, reducedMotion, replaceChildren, setText, uniqueId } from "../dom";
import { createTerminal, type MachineTerminal } from "../terminal";
import { processTable } from "../views/processes";
import { createTimelineView } from "../views/timeline";
import { watch } from "../watch";
import type { Page } from "./workbench";

interface SideParts {
  element: HTMLElement;
  terminal: MachineTerminal;
  draw(view: SideView | null): void;
}

function createSide(app: App, mode: "kernel" | "user"): SideParts {
  const titleId = uniqueId("side");
  const state = h("span", { class: "side-state" });
  const strip = h("p", { class: "side-strip", "aria-live": "off" });
  const terminalHost = h("div", { class: "terminal-host" });
  const bluescreen = createBluescreen(
    {
      restart: () => undefined,
      hold: () => app.pause(),
      resume: () => app.resume(),
      held: () => app.state.run.status === "paused",
    },
    { compact: true },
  );
  const processes = h("div", { class: "side-processes" });
  // What this side lost, in large type: shown from the fault on and kept to the end of the demo.
  const verdict = h("p", { class: "side-verdict", "data-testid": `verdict-${mode}`, hidden: true });
  const timeline = createTimelineView({ label: `Events in the ${mode}-mode machine`, showBoot: false });
  const element = h(
    "section",
    { class: `panel machine-side side-${mode}`, "aria-labelledby": titleId, "data-testid": `side-${mode}` },
    h(
      "header",
      { class: "panel-header" },
      h(
        "h2",
        { id: titleId, class: "panel-title" },
        mode === "kernel" ? "Driver in kernel mode" : "Driver in user mode",
      ),
      ringBadge(mode),
      state,
    ),
    h("div", { class: "screen-body side-screen" }, terminalHost, bluescreen.element),
    verdict,
    strip,
    processes,
    h("h3", { class: "subhead" }, "Events"),
    timeline.element,
  );
  const terminal = createTerminal(terminalHost, {
    fontSize: app.state.presenter ? 18 : 13,
    label: `Console of the ${mode}-mode machine (read only)`,
  });
  // The restart button has nothing to do here: the scenario restarts the machine on its own schedule.
  bluescreen.element.querySelectorAll("button")[0]?.remove();

  return {
    element,
    terminal,
    draw(view) {
      if (!view) {
        verdict.hidden = true;
        replaceChildren(state);
        setText(strip, "");
        replaceChildren(processes);
        timeline.draw([]);
        bluescreen.hide();
        return;
      }
      replaceChildren(
        state,
        view.state === "bugcheck" ? stateBadge("stopped") : stateBadge("running"),
        view.bootNumber > 1 ? ` boot ${view.bootNumber}` : "",
      );
      if (view.bugcheck) bluescreen.show(view.bugcheck, view.rebootIn, SCENARIO.bluescreenSeconds);
      else bluescreen.hide();
      const status = view.processes
        .filter((p) => p.status)
        .map((p) => (p.status?.startsWith(`${p.name}:`) ? p.status : `${p.name}: ${p.status}`))
        .join(" · ");
      setText(strip, view.state === "bugcheck" ? "The machine is stopped: nothing runs." : status || "…");
      const said = verdictOf(view.summary);
      verdict.hidden = said === null;
      verdict.className = `side-verdict ${view.summary.outcome === "bugcheck" ? "lost-all" : "lost-one"}`;
      setText(verdict, said ?? "");
      replaceChildren(processes, processTable(view.processes, { compact: true }));
      timeline.draw(view.timeline);
    },
  };
}

/** One large line: what this side lost, once it lost anything. */
function verdictOf(b: BlastRadius): string | null {
  if (b.outcome === "bugcheck")
    return `✕ The whole machine stopped: ${plural(b.processesLost.length, "process", "processes")} and ${plural(b.unsavedTransactionsLost, "unsaved transaction")} lost${b.downtimeSeconds > 0 ? `, down ${formatSeconds(b.downtimeSeconds)}${b.stillDown ? " and counting" : ""}` : ""}`;
  if (b.outcome === "process-fault")
    return `✓ Only the driver's process was lost${b.driverCrashes > 1 ? ` (${b.driverCrashes} times)` : ""}: the clock and the bank never stopped, 0 transactions lost`;
  return null;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One row of the blast-radius table for each side. */
const ROWS: { label: string; cell(b: BlastRadius, running: boolean): string }[] = [
  {
    label: "What happened",
    cell: (b) =>
      b.outcome === "bugcheck"
        ? `The whole machine stopped: ${b.stopCode}${b.module ? ` in ${b.module}` : ""}`
        : b.outcome === "process-fault"
          ? "Only the driver's process was stopped; the machine kept running"
          : "No fault yet",
  },
  {
    label: "Processes lost",
    cell: (b) => {
      if (b.processesLost.length === 0) return "0";
      if (b.outcome === "bugcheck") {
        const names = [...new Set(b.processesLost.map((p) => p.name))];
        return `${b.processesLost.length}: every process (${names.join(", ")})`;
      }
      // A restarted driver dies once per crash: one process, the driver's own, lost again at each crash.
      const names = [...new Set(b.processesLost.map((p) => p.name))];
      const times = b.processesLost.length === 1 ? "once" : `${b.processesLost.length} times`;
      return `${plural(names.length, "process", "processes")}, the driver's own (${names.join(", ")}), lost ${times}; nothing else stopped`;
    },
  },
  { label: "Unsaved transactions lost", cell: (b) => String(b.unsavedTransactionsLost) },
  {
    label: "Machine downtime",
    cell: (b) =>
      b.downtimeSeconds === 0
        ? "none"
        : `${formatSeconds(b.downtimeSeconds)}${b.stillDown ? " and counting" : ""}`,
  },
  {
    label: "Driver out of service",
    cell: (b) =>
      b.driverDowntimeSeconds === 0
        ? "none"
        : `${formatSeconds(b.driverDowntimeSeconds)}${b.outcome === "bugcheck" ? " (not loaded again after the reboot)" : b.gaveUp ? " (the kernel gave up restarting it)" : ""}`,
  },
  {
    label: "Restarts",
    cell: (b) =>
      b.outcome === "bugcheck" || b.machineReboots > 0
        ? plural(b.machineReboots, "machine reboot")
        : `${plural(b.driverRestarts, "driver restart")}${b.gaveUp ? `, then gave up after ${plural(b.driverCrashes, "crash", "crashes")}` : ""}`,
  },
  {
    label: "Requests failed cleanly",
    cell: (b) =>
      b.requestsFailed === 0 ? "0" : `${b.requestsFailed} (completed with DRIVER_PROCESS_TERMINATED)`,
  },
];

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

  const left = createSide(app, "kernel");
  const right = createSide(app, "user");

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

  const element = h(
    "section",
    { class: "page side-by-side", tabindex: "-1", "aria-label": "Side by side" },
    h(
      "section",
      { class: "demo-bar", "aria-label": "The demo" },
      h(
        "div",
        { class: "demo-intro" },
        h("h1", {}, "One driver, two rings"),
        h(
          "p",
          {},
          "Two identical machines run a clock and a bank. After one second the same driver is loaded into both: in kernel mode on the left, in user mode on the right.",
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
      h("div", { class: "demo-progress" }, progress, progressText),
      controls.element,
    ),
    h("div", { class: "sides" }, left.element, right.element),
    summary,
  );

  let generation = -1;
  let lastStatus = app.state.sideBySide.status;
  let heldFor = -1;
  const draw = () => {
    const v = app.state.sideBySide;
    // The left machine has just bugchecked: hold the demo there (once per run) if asked to.
    if (
      holdBox.checked &&
      v.status === "running" &&
      v.kernel?.bugcheck &&
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
      left.terminal.reset();
      right.terminal.reset();
    }
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
    left.draw(v.kernel);
    right.draw(v.user);
    setText(summaryHeading, v.status === "done" ? "Blast radius (final)" : "Blast radius (so far)");
    if (!v.kernel || !v.user) {
      replaceChildren(summaryTable);
      setText(summarySentence, "Start the demo to compare the two outcomes.");
      return;
    }
    const k = v.kernel.summary;
    const u = v.user.summary;
    replaceChildren(
      summaryTable,
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, ""),
          h("th", { scope: "col" }, "Kernel mode"),
          h("th", { scope: "col" }, "User mode"),
        ),
      ),
      h(
        "tbody",
        {},
        ROWS.map((row) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, row.label),
            h("td", { class: "side-kernel" }, row.cell(k, v.status === "running")),
            h("td", { class: "side-user" }, row.cell(u, v.status === "running")),
          ),
        ),
      ),
    );
    setText(
      summarySentence,
      v.status === "done"
        ? `Finished. Kernel mode: ${plural(k.processesLost.length, "process", "processes")} and ${plural(k.unsavedTransactionsLost, "transaction")} lost, the machine down ${formatSeconds(k.downtimeSeconds)}. User mode: ${plural(u.processesLost.length, "driver process", "driver processes")} lost, no transactions lost, no downtime.`
        : "",
    );
  };
  const stops = [
    watch(app.store, [(s) => s.sideBySide], draw),
    watch(app.store, [(s) => s.presenter], () => {
      holdBox.checked = app.state.presenter;
      for (const side of [left, right]) side.terminal.setFontSize(app.state.presenter ? 18 : 13);
    }),
  ];

  // Each terminal reads its machine's console at its own place; a new run gets new readers.
  let readers: { runner: SideBySideRunner; left: ConsoleReader; right: ConsoleReader } | undefined;

  return {
    element,
    frame() {
      const runner = app.sideBySide.runner;
      if (!runner) return;
      if (readers?.runner !== runner)
        readers = {
          runner,
          left: new ConsoleReader(runner.kernelSide.kernel.machine.devices.console),
          right: new ConsoleReader(runner.userSide.kernel.machine.devices.console),
        };
      left.terminal.write(readers.left.read());
      right.terminal.write(readers.right.read());
    },
    shown() {
      left.terminal.fit();
      right.terminal.fit();
    },
    dispose() {
      for (const stop of stops) stop();
      controls.dispose();
      left.terminal.dispose();
      right.terminal.dispose();
    },
  };
}
