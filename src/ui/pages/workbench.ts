/**
 * The workbench: one machine with everything around it. The run controls on top; the editor on the
 * left; the machine's screen (the console, which becomes the bluescreen) and the event timeline in the
 * middle; processes and drivers, the memory map and the CPU on the right; and the lesson slot, shown
 * when a lesson is open.
 */

import type { App } from "../../app/app";
import { cpuPicture, memoryPicture } from "../../app/inspect";
import { BLUESCREEN_SECONDS } from "../../app/session";
import { cVariables } from "../../app/variables";
import type { Kernel } from "../../kernel/kernel";
import { ConsoleReader } from "../../machine/devices/console";
import { createBluescreen } from "../bluescreen";
import { createControls } from "../controls";
import { h, setText } from "../dom";
import { createEditorPanel } from "../editor/editorPanel";
import { lessonPanelRenderer, onLessonPanelRegistered } from "../lessonSlot";
import { panel } from "../panel";
import { createTerminal, type MachineTerminal } from "../terminal";
import { createTravelPanel } from "../travelPanel";
import { createCpuView } from "../views/cpu";
import { createMemoryMapView } from "../views/memoryMap";
import { drawProcessesPanel } from "../views/processes";
import { createTimelineView } from "../views/timeline";
import { watch } from "../watch";

/** Milliseconds between redraws of the hot views (CPU, memory) while the machine runs. */
const HOT_VIEW_MS = 250;

export interface Page {
  element: HTMLElement;
  /** Called every animation frame after the machine ran. */
  frame(now: number): void;
  /** The page is on screen again (fit the terminal, focus what should have focus). */
  shown(): void;
  dispose(): void;
}

export function fontSizes(presenter: boolean): { terminal: number } {
  return { terminal: presenter ? 22 : 15 };
}

/**
 * The console's type on the whole display: about 100 columns across, never smaller than in the page
 * (so 32 px on a 1920-pixel display, the presenter's 22 px on a 1024-pixel projector).
 */
export function fullScreenFontSize(width: number, height: number, presenter: boolean): number {
  const fit = Math.floor(Math.min(width / 60, height / 28));
  return Math.max(fontSizes(presenter).terminal, Math.min(40, fit));
}

export function createWorkbench(app: App): Page & { terminal: MachineTerminal } {
  const controls = createControls(app, { stepping: true });
  const editor = createEditorPanel(app);

  // ---- The machine's screen ---------------------------------------------------------------------------
  const screen = panel("Machine screen", { area: "console", testid: "console" });
  const fullscreen = h(
    "button",
    { type: "button", class: "control small", title: "Show the machine's screen on the whole display" },
    "Full screen",
  );
  fullscreen.addEventListener("click", () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void screen.element.requestFullscreen?.().catch(() => undefined);
  });
  screen.actions.append(fullscreen);
  // Full screen scales the console's text to the display; back in the page, the page's size again.
  const fitFont = () => {
    const full = document.fullscreenElement === screen.element;
    const { presenter } = app.state;
    terminal.setFontSize(
      full
        ? fullScreenFontSize(screen.element.clientWidth, screen.element.clientHeight, presenter)
        : fontSizes(presenter).terminal,
    );
    setText(fullscreen, full ? "Exit full screen" : "Full screen");
  };
  document.addEventListener("fullscreenchange", fitFont);
  const terminalHost = h("div", { class: "terminal-host" });
  // In presenter mode a bluescreen fills the display until Escape (or the button) shrinks it.
  let shrunkFor: unknown;
  const bluescreen = createBluescreen({
    restart: () => app.reboot(),
    hold: () => app.pause(),
    resume: () => app.resume(),
    held: () => app.state.run.status === "paused",
    shrink: () => {
      shrunkFor = app.state.machine.bugcheck;
      drawTakeover();
      bluescreen.element.focus();
    },
  });
  const drawTakeover = () => {
    const { presenter, machine } = app.state;
    const takeover = presenter && machine.bugcheck !== null && shrunkFor !== machine.bugcheck;
    const was = bluescreen.element.classList.contains("takeover");
    bluescreen.setTakeover(takeover);
    if (takeover && !was) bluescreen.element.focus();
  };
  screen.body.classList.add("screen-body");
  screen.body.append(terminalHost, bluescreen.element);
  const terminal = createTerminal(terminalHost, {
    fontSize: fontSizes(app.state.presenter).terminal,
    label: "Machine console: type shell commands here. Tab completes; Escape then Tab leaves the console.",
    onData: (data) => {
      const state = app.session.kernel.state;
      if (state === "running" || state === "firmware") app.session.type(data);
    },
  });

  // ---- Views ------------------------------------------------------------------------------------------------
  const timelinePanel = panel("Event timeline", { area: "timeline" });
  const timeline = createTimelineView({ label: "Kernel events, oldest first" });
  timelinePanel.body.append(timeline.element);

  const processesPanel = panel("Processes and drivers", { area: "processes" });
  const memoryPanel = panel("Physical memory", { area: "memory" });
  const memory = createMemoryMapView();
  memoryPanel.body.append(memory.element);
  const cpuPanel = panel("CPU", { area: "cpu" });
  const cpu = createCpuView();
  cpuPanel.body.append(cpu.element);
  const views = h(
    "div",
    { class: "views-column" },
    processesPanel.element,
    memoryPanel.element,
    cpuPanel.element,
  );
  const travel = createTravelPanel(app);
  views.append(travel.element);

  const lessonSlot = h("aside", {
    class: "panel area-lesson",
    id: "lesson-panel",
    "data-slot": "lesson",
    "aria-label": "Lesson",
    hidden: true,
  });

  const element = h(
    "section",
    { class: "page workbench", tabindex: "-1", "aria-label": "Workbench" },
    h("h1", { class: "visually-hidden" }, "Workbench: one machine, its console, its code and its insides"),
    h("div", { class: "area-controls" }, controls.element),
    lessonSlot,
    editor.element,
    screen.element,
    timelinePanel.element,
    views,
  );

  // ---- Drawing ----------------------------------------------------------------------------------------------
  let generation = app.state.machine.generation;
  let hotDue = 0;
  let hotDirty = true;
  const drawHot = () => {
    const k = app.session.kernel;
    cpu.draw(cpuPicture(k), cVariables(k));
    memory.draw(memoryPicture(k), app.state.machine.fault);
    hotDirty = false;
  };

  let lessonDispose: (() => void) | undefined;
  const drawLesson = () => {
    const { lesson } = app.state;
    const render = lessonPanelRenderer();
    const show = lesson.id !== null && render !== undefined;
    lessonSlot.hidden = !show;
    element.classList.toggle("has-lesson", show);
    if (show && !lessonDispose && render) lessonDispose = render(lessonSlot, app);
    if (!show && lessonDispose) {
      lessonDispose();
      lessonDispose = undefined;
      lessonSlot.replaceChildren();
    }
  };

  const stops = [
    watch(app.store, [(s) => s.timeline], () => timeline.draw(app.state.timeline)),
    watch(app.store, [(s) => s.processes, (s) => s.drivers], () =>
      drawProcessesPanel(processesPanel.body, app.state.processes, app.state.drivers),
    ),
    watch(app.store, [(s) => s.machine], () => {
      const { machine } = app.state;
      if (machine.generation !== generation) {
        generation = machine.generation;
        terminal.reset();
      }
      const wasVisible = bluescreen.visible;
      if (machine.bugcheck) {
        bluescreen.show(machine.bugcheck, machine.rebootIn, BLUESCREEN_SECONDS);
        if (!wasVisible && screen.element.contains(document.activeElement)) bluescreen.element.focus();
        drawTakeover();
      } else if (wasVisible) {
        const hadFocus = bluescreen.element.contains(document.activeElement);
        bluescreen.hide();
        // In presenter mode the keys are the presenter's (U, Space...), so the focus goes to the page,
        // not into the console where they would be typed at the prompt.
        if (hadFocus && app.state.presenter) element.focus({ preventScroll: true });
        else if (hadFocus) terminal.focus();
      }
      hotDirty = true;
    }),
    watch(app.store, [(s) => s.run.status], () => {
      if (app.state.machine.bugcheck)
        bluescreen.show(app.state.machine.bugcheck, app.state.machine.rebootIn, BLUESCREEN_SECONDS);
      hotDirty = true;
    }),
    watch(app.store, [(s) => s.step, (s) => s.clock], () => {
      hotDirty = true;
    }),
    watch(app.store, [(s) => s.presenter], () => {
      fitFont();
      if (bluescreen.visible) drawTakeover();
    }),
    watch(app.store, [(s) => s.lesson], drawLesson),
    onLessonPanelRegistered(drawLesson),
  ];

  // The terminal reads the console at its own place; a new machine (reset, a lesson) gets a new reader.
  let reader: { kernel: Kernel; console: ConsoleReader } | undefined;
  const readConsole = () => {
    const kernel = app.session.kernel;
    if (reader?.kernel !== kernel)
      reader = { kernel, console: new ConsoleReader(kernel.machine.devices.console) };
    return reader.console.read();
  };

  return {
    element,
    terminal,
    frame(now) {
      travel.frame(now);
      const output = readConsole();
      terminal.write(output);
      if (output && !element.dataset.consoleReady) {
        // The console shows the machine's output and takes keys: the figure bench/app.ts measures.
        element.dataset.consoleReady = "true";
        performance.mark("ringlab:console-ready");
      }
      const running = app.state.run.status === "running" && app.state.machine.state === "running";
      if (hotDirty && (!running || now >= hotDue)) {
        hotDue = now + HOT_VIEW_MS;
        drawHot();
      }
    },
    shown() {
      terminal.fit();
      hotDirty = true;
    },
    dispose() {
      for (const stop of stops) stop();
      document.removeEventListener("fullscreenchange", fitFont);
      controls.dispose();
      editor.dispose();
      terminal.dispose();
      lessonDispose?.();
    },
  };
}
