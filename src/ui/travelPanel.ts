/**
 * The time travel panel: buttons to go back one instruction, one C line, to the previous trap and to
 * just before the fault; a scrubber over the history window; forward to the end of the recording; and
 * the crash analysis. It draws from the session's history (app/timeTravel.ts does the moving).
 */
import type { App } from "../app/app";
import type { TravelMove } from "../app/timeTravel";
import { CYCLES_PER_SECOND } from "../kernel/layout";
import { h, setText } from "./dom";
import { panel } from "./panel";

/** Real milliseconds between redraws of the scrubber while the machine runs. */
const DRAW_MS = 250;

export interface TravelPanel {
  element: HTMLElement;
  frame(now: number): void;
  dispose(): void;
}

function seconds(cycles: number): string {
  return `${(cycles / CYCLES_PER_SECOND).toFixed(6)} s`;
}

export function createTravelPanel(app: App): TravelPanel {
  const view = panel("Time travel", { area: "travel", testid: "travel" });
  const button = (label: string, action: string, title: string, run: () => void) => {
    const b = h("button", { type: "button", class: "control small", "data-action": action, title }, label);
    b.addEventListener("click", run);
    return b;
  };
  const back = (move: TravelMove) => () => {
    app.travel.back(move);
    draw();
  };
  const buttons = h(
    "div",
    {
      class: "travel-buttons",
      role: "group",
      "aria-label": "Go back in time",
      style: "display: flex; flex-wrap: wrap; gap: 0.25rem",
    },
    button("◀ Instruction", "travel-instruction", "Back one instruction", back("instruction")),
    button("◀ C line", "travel-line", "Back to the start of the previous source line", back("line")),
    button("◀ Trap", "travel-trap", "Back to just before the previous fault or system call", back("trap")),
    button(
      "◀ Before the fault",
      "travel-fault",
      "Back to just before the instruction that faulted",
      back("fault"),
    ),
    button("Forward to the end ▶", "travel-end", "Replay what was recorded, to its end", () => {
      app.travel.toEnd();
      draw();
    }),
    button(
      "Analyze the crash",
      "travel-analyze",
      "Explain the crash: stop code, C line, stack, memory",
      () => {
        app.travel.analyze();
        draw();
      },
    ),
  );
  const scrubber = h("input", {
    type: "range",
    class: "travel-scrubber",
    style: "width: 100%",
    min: 0,
    max: 0,
    step: 1,
    value: 0,
    "aria-label": "Moment in the history window",
    "data-testid": "travel-scrubber",
  }) as HTMLInputElement;
  scrubber.addEventListener("change", () => {
    app.travel.seek(Number(scrubber.value));
    draw();
  });
  const position = h("p", { class: "travel-position", "data-testid": "travel-position" });
  const where = h("p", { class: "travel-where", "data-testid": "travel-where" });
  const message = h("p", { class: "travel-message", role: "status", "data-testid": "travel-message" });
  const analysis = h("pre", {
    class: "travel-analysis",
    "data-testid": "travel-analysis",
    style: "overflow: auto; max-height: 24em; font-size: 0.75rem",
    hidden: true,
  });
  view.body.append(buttons, scrubber, position, where, message, analysis);

  let due = 0;
  const draw = () => {
    const history = app.session.history;
    const k = app.session.kernel;
    scrubber.min = String(history.start);
    scrubber.max = String(history.end);
    if (document.activeElement !== scrubber) scrubber.value = String(history.now);
    setText(
      position,
      `${seconds(history.now)} of ${seconds(history.end)} recorded (from ${seconds(history.start)})${
        history.atHead ? "" : " · in the past: running replays the recording; a change branches off"
      }`,
    );
    const { travel } = app.state;
    setText(
      where,
      `pc ${k.machine.cpu.pc.toString(16).padStart(8, "0")}${travel.where ? ` · ${travel.where}` : ""}`,
    );
    setText(message, travel.message ?? "");
    analysis.hidden = travel.analysis === null;
    setText(analysis, travel.analysis ?? "");
  };

  return {
    element: view.element,
    frame(now) {
      if (now < due) return;
      due = now + DRAW_MS;
      app.travel.refresh();
      draw();
    },
    dispose() {},
  };
}
