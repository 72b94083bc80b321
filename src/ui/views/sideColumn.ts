/**
 * One machine of the side-by-side demo, one column: its console (and bluescreen), what it lost in
 * large type, the verifier's report in verified mode, its processes, its verdicts and its events.
 */
import type { App } from "../../app/app";
import type { BlastRadius } from "../../app/blastRadius";
import { SCENARIO } from "../../app/sideBySide";
import type { SideView } from "../../app/sideBySideState";
import type { DriverMode } from "../../kernel/kernelLog";
import { modeBadge, stateBadge } from "../badges";
import { createBluescreen } from "../bluescreen";
import { formatSeconds, h, replaceChildren, setText, uniqueId } from "../dom";
import { createTerminal, type MachineTerminal } from "../terminal";
import { processTable } from "./processes";
import { createTimelineView } from "./timeline";
import { createVerifierReport } from "./verifierReport";

export interface SideColumn {
  mode: DriverMode;
  element: HTMLElement;
  terminal: MachineTerminal;
  draw(view: SideView | null, driverPath: string): void;
}

export const MODE_TITLES: Record<DriverMode, string> = {
  kernel: "Driver in kernel mode",
  user: "Driver in user mode",
  verified: "Driver in verified mode",
};

export function createSideColumn(app: App, mode: DriverMode): SideColumn {
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
  // What this side lost, in large type: shown from the fault (or the refusal) on, to the end of the demo.
  const verdict = h("p", { class: "side-verdict", "data-testid": `verdict-${mode}`, hidden: true });
  const report = mode === "verified" ? createVerifierReport() : null;
  const verdicts = h("p", { class: "side-verdicts", "data-testid": `verdicts-${mode}`, hidden: true });
  const timeline = createTimelineView({ label: `Events in the ${mode}-mode machine`, showBoot: false });
  const element = h(
    "section",
    { class: `panel machine-side side-${mode}`, "aria-labelledby": titleId, "data-testid": `side-${mode}` },
    h(
      "header",
      { class: "panel-header" },
      h("h2", { id: titleId, class: "panel-title" }, MODE_TITLES[mode]),
      modeBadge(mode),
      state,
    ),
    h("div", { class: "screen-body side-screen" }, terminalHost, bluescreen.element),
    // In verified mode the report comes first: the refusal is the cause, "nothing lost" its effect.
    report?.element ?? null,
    verdict,
    verdicts,
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
    mode,
    element,
    terminal,
    draw(view, driverPath) {
      report?.draw(view?.verifier ?? null, driverPath);
      if (!view) {
        verdict.hidden = true;
        verdicts.hidden = true;
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
      verdict.className = `side-verdict ${view.summary.outcome === "bugcheck" ? "lost-all" : view.summary.outcome === "refused" ? "lost-none" : "lost-one"}`;
      setText(verdict, said ?? "");
      const { allowed, blocked } = view.verdicts;
      verdicts.hidden = allowed + blocked === 0;
      setText(verdicts, `Verdicts given: ${allowed} allowed · ${blocked} blocked`);
      replaceChildren(processes, processTable(view.processes, { compact: true }));
      timeline.draw(view.timeline);
    },
  };
}

/** One large line: what this side lost, once it lost anything (or, refused, that it could not). */
export function verdictOf(b: BlastRadius): string | null {
  if (b.outcome === "bugcheck")
    return `✕ The whole machine stopped: ${plural(b.processesLost.length, "process", "processes")} and ${plural(b.unsavedTransactionsLost, "unsaved transaction")} lost${b.downtimeSeconds > 0 ? `, down ${formatSeconds(b.downtimeSeconds)}${b.stillDown ? " and counting" : ""}` : ""}`;
  if (b.outcome === "process-fault")
    return `✓ Only the driver's process was lost${b.driverCrashes > 1 ? ` (${b.driverCrashes} times)` : ""}: the clock and the bank never stopped, 0 transactions lost`;
  if (b.outcome === "refused")
    return "✓ Nothing was lost: the driver never ran, and the clock and the bank never stopped";
  return null;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
