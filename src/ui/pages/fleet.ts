/**
 * The fleet page: the July 2024 push replayed over a whole fleet, two deployment policies side by
 * side. The simulation runs in a worker (src/ui/fleetWorker.ts); this page edits the policies, shows
 * the progress, and draws the results: machines down over time, machine-hours lost, the fleet itself,
 * and the totals. Every number on it comes from the model, or is listed as an assumption.
 */
import type { App } from "../../app/app";
import { ASSUMED, ASSUMPTIONS } from "../../fleet/assumptions";
import { FACT_LINES } from "../../fleet/facts";
import type { FleetJob, FleetJobResult } from "../../fleet/fleetJob";
import { FLEET_MODES, type FleetMode } from "../../fleet/machineOutcome";
import type { Policy } from "../../fleet/policy";
import { utcTime } from "../../fleet/report";
import { type Scenario, scenarioFromFiles } from "../../fleet/scenario";
import { parseLesson } from "../../lessons/lesson";
import { h, setText, uniqueId } from "../dom";
import type { FleetWorkerMessage } from "../fleetWorker";
import { LESSON_SOURCES } from "../lessonSources";
import "../styles/fleet.css";
import { compact, drawFleetMap, drawLineChart, MAP_COLOURS } from "../views/fleetCharts";
import { createSide, SIDES } from "../views/fleetPolicySide";
import type { Page } from "./workbench";

const SCENARIO_LESSON = "04-channel-file-291.md";
/** The moments the fleet picture can show, in hours after the push. */
const FRAME_HOURS = [
  0, 0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 18, 24, 36, 48, 72, 96, 120, 144, 168, 192, 216, 240,
];
const CELLS = 4096;
const HOURS = 240;
const n = (x: number) => Math.round(x).toLocaleString("en-US");

function lessonScenario(): Scenario | string {
  const source = LESSON_SOURCES.find((s) => s.file === SCENARIO_LESSON);
  if (!source) return `${SCENARIO_LESSON} is not in this build`;
  const parsed = parseLesson(source.file, source.text);
  if (!parsed.ok) return `${SCENARIO_LESSON} does not parse`;
  const scenario = scenarioFromFiles(Object.fromEntries(parsed.lesson.files.map((f) => [f.path, f.text])));
  return "missing" in scenario ? `${SCENARIO_LESSON} has no ${scenario.missing}` : scenario;
}

export function createFleetPage(app: App): Page {
  const driverSelect = h(
    "select",
    { class: "control", id: uniqueId("fleet-driver"), "data-testid": "fleet-driver" },
    h("option", { value: "lesson" }, "Lesson 4's sensor.c (the 19 July bug)"),
    h("option", { value: "open" }, "The file open in the workbench"),
  );
  const modeSelect = h(
    "select",
    { class: "control", id: uniqueId("fleet-mode"), "data-testid": "fleet-mode" },
    ...FLEET_MODES.map((m) => h("option", { value: m }, `${m} mode`)),
  );
  const machinesSelect = h(
    "select",
    { class: "control", id: uniqueId("fleet-machines"), "data-testid": "fleet-machines" },
    h("option", { value: String(ASSUMED.defaultMachines) }, `${n(ASSUMED.defaultMachines)} (assumed)`),
    h("option", { value: "1000000" }, "1,000,000"),
    h("option", { value: "100000" }, "100,000"),
    h("option", { value: "10000" }, "10,000"),
  );
  const seedInput = h("input", {
    class: "control fleet-seed",
    type: "number",
    min: 0,
    value: 1,
    "aria-label": "Seed",
  });
  const runButton = h(
    "button",
    { type: "button", class: "control primary", "data-action": "fleet-run" },
    "▶ Run both",
  );
  const progress = h("progress", {
    max: 1,
    value: 0,
    "aria-label": "Simulation progress",
    "data-testid": "fleet-progress",
  });
  const status = h(
    "p",
    { class: "fleet-status", role: "status", "data-testid": "fleet-status" },
    "Not run yet.",
  );

  const sides = [createSide(0, "all-at-once"), createSide(1, "rings")] as const;
  const downChart = h("canvas", {
    class: "fleet-chart",
    role: "img",
    "aria-label": "Machines down over ten days",
  });
  const hoursChart = h("canvas", {
    class: "fleet-chart",
    role: "img",
    "aria-label": "Machine-hours lost so far",
  });
  const slider = h("input", {
    type: "range",
    min: 0,
    max: FRAME_HOURS.length - 1,
    value: 6,
    class: "fleet-slider",
    "aria-label": "Moment shown in the fleet pictures",
    "data-testid": "fleet-slider",
  });
  const moment = h("output", { class: "fleet-moment" });
  const summary = h("p", { class: "visually-hidden", "aria-live": "polite" });
  const legend = h(
    "ul",
    { class: "fleet-legend" },
    ...(
      [
        ["healthy", "up, sensor fine"],
        ["down", "down: boot loop or recovery screen"],
        ["recovered", "back after a crash"],
        ["unprotected", "up, sensor failed (user mode)"],
      ] as const
    ).map(([key, text]) =>
      h(
        "li",
        {},
        h("span", { class: "fleet-key", style: `background: rgb(${MAP_COLOURS[key].join(",")})` }),
        text,
      ),
    ),
  );

  const label = (forId: string, text: string, control: HTMLElement) =>
    h("label", { class: "fleet-field", for: forId }, h("span", {}, text), control);

  const element = h(
    "main",
    { class: "page fleet", id: "main", tabindex: "-1", "aria-label": "Fleet" },
    h(
      "section",
      { class: "fleet-intro" },
      h("h1", {}, "The fleet: one file, millions of machines"),
      h(
        "p",
        { class: "lead" },
        "The sensor and channel files of lesson 4 run on a real Ringlab machine for each kind of machine; the result is applied to a whole fleet, under two deployment policies. Would canaries and a health gate have stopped the 19 July push? Edit the policies and run them.",
      ),
    ),
    h(
      "div",
      { class: "fleet-controls panel" },
      label(driverSelect.id, "Driver", driverSelect),
      label(modeSelect.id, "Mode", modeSelect),
      label(machinesSelect.id, "Machines", machinesSelect),
      h("label", { class: "fleet-field" }, h("span", {}, "Seed"), seedInput),
      runButton,
      progress,
      status,
    ),
    h("div", { class: "fleet-sides" }, sides[0].element, sides[1].element),
    h("div", { class: "fleet-moment-row" }, h("span", {}, "Fleet pictures at"), slider, moment, legend),
    summary,
    h(
      "div",
      { class: "fleet-charts" },
      h(
        "section",
        { class: "panel" },
        h("h2", { class: "panel-title fleet-chart-title" }, "Machines down"),
        downChart,
      ),
      h(
        "section",
        { class: "panel" },
        h("h2", { class: "panel-title fleet-chart-title" }, "Machine-hours lost, cumulative"),
        hoursChart,
      ),
    ),
    h(
      "section",
      { class: "panel fleet-notes" },
      h("h2", { class: "panel-title" }, "What the model takes from the sources"),
      h("ul", {}, ...FACT_LINES.map((f) => h("li", {}, f))),
      h("h2", { class: "panel-title" }, "Assumptions (no source gives these numbers)"),
      h(
        "table",
        { class: "fleet-assumptions" },
        h("thead", {}, h("tr", {}, h("th", {}, "Assumption"), h("th", {}, "Value"), h("th", {}, "Why"))),
        h(
          "tbody",
          {},
          ...ASSUMPTIONS.map((a) =>
            h("tr", {}, h("td", {}, a.name), h("td", {}, a.value), h("td", {}, a.why)),
          ),
        ),
      ),
    ),
  );

  let worker: Worker | null = null;
  let jobId = 0;
  let result: FleetJobResult | null = null;
  let ranOnce = false;

  const draw = () => {
    const frame = Number(slider.value);
    const hours = FRAME_HOURS[frame];
    setText(moment, `${hours} h after the push (${utcTime(hours * 60)})`);
    if (!result) return;
    const lines = result.runs.map((run, i) => ({
      label: run.report.policy,
      values: run.down,
      stepMinutes: run.stepMinutes,
      colour: SIDES[i].colour,
      dash: [...SIDES[i].dash],
    }));
    drawLineChart(downChart, lines, HOURS, hours);
    drawLineChart(
      hoursChart,
      result.runs.map((run, i) => ({ ...lines[i], values: run.machineHours })),
      HOURS,
      hours,
    );
    result.runs.forEach((run, i) => {
      drawFleetMap(sides[i].map, run.frames, frame, run.cells);
    });
    const downs = result.runs.map((run) => {
      const k = Math.min(run.down.length - 1, Math.round((hours * 60) / run.stepMinutes));
      return `${run.report.policy}: ${compact(run.down[k])} down`;
    });
    setText(summary, `At ${hours} hours: ${downs.join("; ")}.`);
  };

  const scenario = (): Scenario | string => {
    const base = lessonScenario();
    if (typeof base === "string" || driverSelect.value !== "open") return base;
    const { path, text } = app.state.editor;
    if (!/\.(c|s)$/.test(path)) return `the open file, ${path}, is not a driver source (.c or .s)`;
    return { ...base, driverFile: path.split("/").pop() ?? "driver.c", driverSource: text };
  };

  const run = () => {
    const policies = sides.map((s) => s.policy());
    const chosen = scenario();
    if (typeof chosen === "string") {
      setText(status, `Cannot run: ${chosen}.`);
      return;
    }
    if (policies.some((p) => p === null)) {
      setText(status, "Cannot run: fix the policy errors shown under the policies.");
      return;
    }
    worker?.terminate();
    worker = new Worker(new URL("../fleetWorker.ts", import.meta.url), { type: "module" });
    const id = ++jobId;
    const job: FleetJob = {
      id,
      scenario: chosen,
      mode: modeSelect.value as FleetMode,
      policies: policies as Policy[],
      machines: Number(machinesSelect.value),
      seed: Number(seedInput.value) || 0,
      cells: CELLS,
      frameHours: FRAME_HOURS,
    };
    progress.value = 0;
    runButton.disabled = true;
    setText(status, "Running the driver on the emulator, then ten days of the fleet…");
    const started = performance.now();
    worker.onmessage = (event: MessageEvent<FleetWorkerMessage>) => {
      const message = event.data;
      if (message.id !== jobId) return;
      if (message.kind === "progress") {
        progress.value = message.done;
        return;
      }
      runButton.disabled = false;
      progress.value = 1;
      if (message.kind === "error") {
        setText(status, `The simulation failed: ${message.message}`);
        return;
      }
      result = message.result;
      const loadError = result.runs[0]?.report.loadError;
      if (loadError) setText(status, `The driver could not be loaded: ${loadError}`);
      else
        setText(
          status,
          `Done: ${n(result.runs[0].report.machines)} machines, two policies, in ${Math.round(performance.now() - started)} ms in a worker: the emulated machines ${Math.round(result.classesMs)} ms, ten days of each policy ${result.simulationMs.map((ms) => `${Math.round(ms)} ms`).join(" and ")}.`,
        );
      element.dataset.simulationMs = result.simulationMs.map((ms) => Math.round(ms)).join(" ");
      element.dataset.classesMs = String(Math.round(result.classesMs));
      result.runs.forEach((r, i) => {
        sides[i].show(r);
      });
      draw();
    };
    worker.postMessage(job);
  };

  runButton.addEventListener("click", run);
  slider.addEventListener("input", draw);
  const resize = new ResizeObserver(() => draw());
  resize.observe(element);
  draw();

  return {
    element,
    frame: () => undefined,
    shown: () => {
      if (!ranOnce) {
        ranOnce = true;
        run();
      }
    },
    dispose: () => {
      worker?.terminate();
      resize.disconnect();
    },
  };
}
