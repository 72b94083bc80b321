/**
 * The run controls: run / pause, step one instruction, step one C line, reset, speed, and a status
 * line (machine state, boot, machine time, what the last step did). Shared by the workbench and, in
 * part, the side-by-side page.
 */
import type { App } from "../app/app";
import { SPEEDS } from "../app/state";
import { TICKS_PER_SECOND } from "../kernel/layout";
import { formatSeconds, h, setText } from "./dom";
import { watch } from "./watch";

export interface ControlsOptions {
  /** The workbench has stepping and reset; the side-by-side page only run, pause and speed. */
  stepping: boolean;
}

export function speedLabel(speed: number): string {
  return speed === 0.25 ? "¼×" : `${speed}×`;
}

export function createControls(
  app: App,
  options: ControlsOptions,
): { element: HTMLElement; dispose(): void } {
  const runButton = h("button", {
    type: "button",
    class: "control primary",
    "data-action": "run",
    "aria-keyshortcuts": "Alt+P",
    title: "Run or pause the machine (Alt+P)",
  });
  runButton.addEventListener("click", () => app.toggleRun());

  const stepInstruction = h(
    "button",
    {
      type: "button",
      class: "control",
      "data-action": "step-instruction",
      "aria-keyshortcuts": "Alt+S",
      title: "Pause, then run one machine instruction (Alt+S)",
    },
    h("span", { class: "icon", "aria-hidden": "true" }, "⤼"),
    " Step instruction",
  );
  stepInstruction.addEventListener("click", () => app.stepInstruction());

  const stepLine = h(
    "button",
    {
      type: "button",
      class: "control",
      "data-action": "step-line",
      "aria-keyshortcuts": "Alt+L",
      title: "Pause, then run until the code on the CPU reaches another C line (Alt+L)",
    },
    h("span", { class: "icon", "aria-hidden": "true" }, "↧"),
    " Step C line",
  );
  stepLine.addEventListener("click", () => app.stepLine());

  const reset = h(
    "button",
    {
      type: "button",
      class: "control",
      "data-action": "reset",
      "aria-keyshortcuts": "Alt+R",
      title: "Power on a new machine: a fresh disk with your saved files (Alt+R)",
    },
    h("span", { class: "icon", "aria-hidden": "true" }, "⟲"),
    " Reset",
  );
  reset.addEventListener("click", () => app.reset());

  const speedId = "speed-select";
  const speed = h(
    "select",
    { id: speedId, class: "control", "data-action": "speed" },
    SPEEDS.map((s) => h("option", { value: String(s) }, speedLabel(s))),
  );
  speed.addEventListener("change", () => app.setSpeed(Number(speed.value)));

  const status = h("p", { class: "run-status", role: "status", "aria-live": "off" });
  const stepReport = h("p", { class: "step-report", "aria-live": "polite" });

  const element = h(
    "div",
    { class: "controls", role: "toolbar", "aria-label": "Machine controls" },
    runButton,
    options.stepping && stepInstruction,
    options.stepping && stepLine,
    options.stepping && reset,
    h("label", { class: "speed", for: speedId }, "Speed ", speed),
    status,
    options.stepping && stepReport,
  );

  const draw = () => {
    const { run, machine, clock, step } = app.state;
    const paused = run.status === "paused";
    // On a bluescreen only the countdown moves: the button holds it, or lets it go on.
    const bluescreen = options.stepping && machine.bugcheck !== null;
    const label = bluescreen ? (paused ? "Resume countdown" : "Hold") : paused ? "Run" : "Pause";
    runButton.replaceChildren(
      h("span", { class: "icon", "aria-hidden": "true" }, paused ? "▶" : "❚❚"),
      ` ${label}`,
    );
    runButton.setAttribute("aria-pressed", String(!paused));
    runButton.setAttribute("aria-label", label);
    speed.value = String(run.speed);
    const down = machine.state !== "running";
    stepInstruction.disabled = down;
    stepLine.disabled = down;
    if (options.stepping) {
      const state =
        machine.state === "bugcheck"
          ? "■ Stopped (bugcheck)"
          : machine.state === "off"
            ? "■ Off"
            : paused
              ? "❚❚ Paused"
              : machine.state === "firmware"
                ? "▶ Firmware: press S or F8 in the console for safe mode"
                : "▶ Running";
      const behind = run.achievedSpeed !== null ? ` · reaching ${run.achievedSpeed}×` : "";
      setText(
        status,
        // "up" is the kernel's clock, as uptime, dmesg and the timeline read it.
        `${state} · boot ${machine.bootNumber}${machine.safeMode ? " (safe mode)" : ""} · up ${formatSeconds(clock.tick / TICKS_PER_SECOND)} · ${clock.instructions.toLocaleString("en")} instructions${behind}`,
      );
      setText(stepReport, step?.text ?? "");
    } else {
      const behind = run.achievedSpeed !== null ? `reaching ${run.achievedSpeed}×` : "";
      setText(status, paused ? "❚❚ Paused" : behind);
    }
  };
  const stop = watch(app.store, [(s) => s.run, (s) => s.machine, (s) => s.clock, (s) => s.step], draw);
  return { element, dispose: stop };
}
