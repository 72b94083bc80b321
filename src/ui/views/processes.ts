/**
 * Processes and drivers: every process and kernel thread with its ring, state, CPU time and status
 * line; every driver with its mode, state, crashes and restarts.
 */
import type { DriverRow, ProcessRow } from "../../app/state";
import { modeBadge, ringBadge, stateBadge } from "../badges";
import { h, replaceChildren } from "../dom";

export function processTable(rows: readonly ProcessRow[], options: { compact?: boolean } = {}): HTMLElement {
  if (rows.length === 0) return h("p", { class: "empty" }, "No processes: the machine is not running.");
  return h(
    "table",
    { class: "table processes" },
    h("caption", { class: "visually-hidden" }, "Processes"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "PID"),
        h("th", { scope: "col" }, "Name"),
        h("th", { scope: "col" }, "Ring"),
        h("th", { scope: "col" }, "State"),
        !options.compact && h("th", { scope: "col", class: "num col-cycles" }, "Cycles"),
        h("th", { scope: "col" }, "Status"),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map((p) =>
        h(
          "tr",
          { "data-pid": String(p.pid), class: `ring-${p.ring}` },
          h("td", { class: "num" }, String(p.pid)),
          h(
            "td",
            { class: "name" },
            p.name,
            p.role === "driver" ? h("span", { class: "role" }, " driver") : null,
          ),
          h("td", {}, ringBadge(p.ring)),
          h("td", {}, stateBadge(p.state)),
          !options.compact &&
            h(
              "td",
              { class: "num col-cycles", title: `${p.cycles.toLocaleString("en")} cycles` },
              compactCycles(p.cycles),
            ),
          h("td", { class: "status-line" }, p.status ?? ""),
        ),
      ),
    ),
  );
}

export function driverTable(rows: readonly DriverRow[]): HTMLElement {
  if (rows.length === 0)
    return h("p", { class: "empty" }, "No drivers loaded. Open one in the editor and load it in a ring.");
  return h(
    "table",
    { class: "table drivers" },
    h("caption", { class: "visually-hidden" }, "Drivers"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Driver"),
        h("th", { scope: "col" }, "Mode"),
        h("th", { scope: "col" }, "State"),
        h("th", { scope: "col", class: "num" }, "Crashes"),
        h("th", { scope: "col", class: "num" }, "Restarts"),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map((d) =>
        h(
          "tr",
          { "data-driver": d.name, title: d.lastMessage ?? "" },
          h("td", { class: "name" }, d.name, d.boot ? h("span", { class: "role" }, " boot-start") : null),
          h("td", {}, modeBadge(d.mode)),
          h("td", {}, stateBadge(d.state)),
          h("td", { class: `num${d.crashes > 0 ? " alert" : ""}` }, String(d.crashes)),
          h("td", { class: "num" }, String(d.restarts)),
        ),
      ),
    ),
  );
}

/** The workbench's panel: both tables, redrawn when their slices change. */
export function drawProcessesPanel(
  body: HTMLElement,
  processes: readonly ProcessRow[],
  drivers: readonly DriverRow[],
): void {
  replaceChildren(
    body,
    h("h3", { class: "subhead" }, "Processes"),
    processTable(processes),
    h("h3", { class: "subhead" }, "Drivers"),
    driverTable(drivers),
  );
}

/** 54,989 -> "55k", 1,234,567 -> "1.2M": short enough for a narrow column (the exact figure is in the title). */
export function compactCycles(n: number): string {
  if (n < 10_000) return n.toLocaleString("en");
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}
