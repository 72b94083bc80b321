/**
 * The event timeline: boots, loads, faults, kills, restarts and bugchecks in order, newest at the
 * bottom. Each entry is a button that opens its details (stop code parameters and what they mean,
 * the faulting address, the restart policy's decision). New entries scroll into view unless the
 * reader has scrolled up to look at older ones.
 */
import type { TimelineEntry } from "../../app/timeline";
import { toneIcon } from "../badges";
import { h } from "../dom";

export interface TimelineView {
  element: HTMLElement;
  draw(entries: readonly TimelineEntry[]): void;
}

export function createTimelineView(options: { label: string; showBoot?: boolean }): TimelineView {
  const list = h("ol", { class: "timeline", "aria-label": options.label, "data-testid": "timeline" });
  const empty = h("p", { class: "empty" }, "Nothing has happened yet.");
  const element = h("div", { class: "timeline-wrap" }, empty, list);
  let rendered: TimelineEntry[] = [];
  const open = new Set<number>();

  const item = (entry: TimelineEntry): HTMLElement => {
    const detailsId = `event-${entry.seq}-${Math.random().toString(36).slice(2, 7)}`;
    const details = h(
      "dl",
      { class: "event-details", id: detailsId, hidden: !open.has(entry.seq) },
      entry.details.map(([label, value]) => h("div", {}, h("dt", {}, label), h("dd", {}, value))),
    );
    const time = `${options.showBoot === false ? "" : `boot ${entry.boot} · `}${entry.seconds.toFixed(2)} s`;
    const button = h(
      "button",
      {
        type: "button",
        class: "event-summary",
        "aria-expanded": String(open.has(entry.seq)),
        "aria-controls": detailsId,
        disabled: entry.details.length === 0,
      },
      toneIcon(entry.tone),
      h("span", { class: "event-time mono" }, time),
      h("span", { class: "event-title" }, entry.title),
    );
    button.addEventListener("click", () => {
      const expanded = !open.has(entry.seq);
      if (expanded) open.add(entry.seq);
      else open.delete(entry.seq);
      button.setAttribute("aria-expanded", String(expanded));
      details.hidden = !expanded;
      if (expanded) details.scrollIntoView({ block: "nearest" });
    });
    return h(
      "li",
      { class: `event tone-${entry.tone} kind-${entry.kind}`, "data-kind": entry.kind },
      button,
      details,
    );
  };

  // Whether the reader follows the newest entries: true until they scroll up, and again once they
  // scroll back to the bottom. Kept from scroll events, not measured at each draw, so a panel that
  // shrinks (presenter mode, a lesson opening) keeps following instead of stopping at the top.
  let follow = true;
  let watched: Element | undefined;
  const watchScroller = (scroller: Element) => {
    if (watched === scroller) return;
    watched = scroller;
    scroller.addEventListener("scroll", () => {
      follow = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    });
    new ResizeObserver(() => {
      if (follow) scroller.scrollTop = scroller.scrollHeight;
    }).observe(scroller);
  };

  return {
    element,
    draw(entries) {
      const scroller = element.closest(".panel-body") ?? element;
      watchScroller(scroller);
      const atBottom = follow;
      const continues =
        rendered.length > 0 &&
        entries.length >= rendered.length &&
        entries[0]?.seq === rendered[0]?.seq &&
        entries[rendered.length - 1]?.seq === rendered[rendered.length - 1]?.seq;
      if (continues) {
        for (const entry of entries.slice(rendered.length)) list.append(item(entry));
      } else {
        list.replaceChildren(...entries.map(item));
        for (const seq of [...open]) if (!entries.some((e) => e.seq === seq)) open.delete(seq);
      }
      rendered = [...entries];
      empty.hidden = entries.length > 0;
      if (atBottom || !continues) scroller.scrollTop = scroller.scrollHeight;
    },
  };
}
