/**
 * The side-by-side demo's blast-radius table: one row per kind of damage, one column per mode shown,
 * and at the end one sentence that says what each mode cost.
 */
import type { BlastRadius } from "../../app/blastRadius";
import type { SideView } from "../../app/sideBySideState";
import type { DriverMode } from "../../kernel/kernelLog";
import { formatSeconds, h } from "../dom";
import { plural } from "./sideColumn";

const HEADINGS: Record<DriverMode, string> = {
  kernel: "Kernel mode",
  user: "User mode",
  verified: "Verified mode",
};

/** One row of the table; a cell reads the side's blast radius, and its verifier report in verified mode. */
const ROWS: { label: string; cell(b: BlastRadius, view: SideView, done: boolean): string }[] = [
  {
    label: "What happened",
    cell: (b, view, done) =>
      b.outcome === "bugcheck"
        ? `The whole machine stopped: ${b.stopCode}${b.module ? ` in ${b.module}` : ""}`
        : b.outcome === "process-fault"
          ? "Only the driver's process was stopped; the machine kept running"
          : b.outcome === "refused"
            ? "The verifier refused the driver before it ran; the machine kept running"
            : view.verifier?.accepted
              ? "The verifier proved the driver safe; it runs in ring 0 with no fault"
              : done
                ? "No fault"
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
      b.outcome === "refused"
        ? "never loaded: it waits for a fix that the verifier accepts"
        : b.driverDowntimeSeconds === 0
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

/** The table's head and body for the sides shown, in their order. */
export function blastRadiusRows(sides: readonly SideView[], done: boolean): HTMLElement[] {
  return [
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, ""),
        sides.map((side) => h("th", { scope: "col" }, HEADINGS[side.mode])),
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
          sides.map((side) => h("td", { class: `side-${side.mode}` }, row.cell(side.summary, side, done))),
        ),
      ),
    ),
  ];
}

/** What one mode cost, in a sentence of its own. */
function costOf(view: SideView): string {
  const label = HEADINGS[view.mode];
  const b = view.summary;
  if (b.outcome === "refused") return `${label}: refused before it ran, nothing lost.`;
  if (b.outcome === "bugcheck")
    return `${label}: ${plural(b.processesLost.length, "process", "processes")} and ${plural(b.unsavedTransactionsLost, "transaction")} lost, the machine down ${formatSeconds(b.downtimeSeconds)}.`;
  if (b.outcome === "process-fault")
    return `${label}: ${plural(b.processesLost.length, "driver process", "driver processes")} lost, ${plural(b.unsavedTransactionsLost, "transaction")} lost, no downtime.`;
  if (view.verifier?.accepted) return `${label}: proved safe, ran in ring 0, nothing lost.`;
  return `${label}: no fault, nothing lost.`;
}

/** "Finished. Kernel mode: ... User mode: ... Verified mode: ..." */
export function finishedSentence(sides: readonly SideView[]): string {
  return ["Finished.", ...sides.map(costOf)].join(" ");
}
