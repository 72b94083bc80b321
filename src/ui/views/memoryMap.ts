/**
 * The memory map as a picture: every physical page a cell, coloured by its owner, marked with its
 * permissions (X executable, W writable, R read-only; upper case and hatched for ring-0 pages), and,
 * after a fault, the faulting address: its page ringed, or, when no page backs it, said in words.
 * The same facts are in a table below for screen readers and for reading exact addresses.
 */
import type { MemoryPicture } from "../../app/inspect";
import type { FaultView } from "../../app/state";
import { h, hex, replaceChildren, setText } from "../dom";

const USER_COLOURS = ["#2f6fde", "#0f9488", "#7c4ddb", "#2e9e4f", "#0b8fb3", "#5b55e0", "#6a9a16", "#b43bc9"];

function colourOf(owner: string): string {
  if (owner === "kernel") return "#9b2c2c";
  if (owner === "pool") return "#b7651b";
  if (owner === "free") return "#1b2537";
  if (owner.startsWith("driver ")) return "#d0357a";
  const pid = Number(/\d+/.exec(owner)?.[0] ?? 0);
  return USER_COLOURS[pid % USER_COLOURS.length];
}

function mark(permissions: string, ring: string): string {
  if (!permissions) return "";
  const letter = permissions.includes("x") ? "x" : permissions.includes("w") ? "w" : "r";
  return ring === "kernel" ? letter.toUpperCase() : letter;
}

export interface MemoryMapView {
  element: HTMLElement;
  draw(picture: MemoryPicture, fault: FaultView | null): void;
}

export function createMemoryMapView(): MemoryMapView {
  const grid = h("div", {
    class: "memory-grid",
    role: "img",
    "data-testid": "memory-grid",
  });
  const faultNote = h("p", { class: "fault-note", hidden: true });
  const legend = h("ul", { class: "memory-legend", "aria-label": "Owners of the pages" });
  const key = h(
    "p",
    { class: "memory-key" },
    "Letters: ",
    h("b", {}, "X"),
    " executable, ",
    h("b", {}, "W"),
    " writable, ",
    h("b", {}, "R"),
    " read-only. Upper case and hatched: a ring-0 (kernel) page; lower case: a ring-3 (user) page.",
  );
  const regionsBody = h("tbody");
  const regions = h(
    "details",
    { class: "regions" },
    h("summary", {}, "Address spaces as a table"),
    h(
      "table",
      { class: "table" },
      h("caption", { class: "visually-hidden" }, "Virtual memory regions"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Owner"),
          h("th", { scope: "col" }, "From"),
          h("th", { scope: "col" }, "To"),
          h("th", { scope: "col" }, "Access"),
          h("th", { scope: "col" }, "What"),
        ),
      ),
      regionsBody,
    ),
  );
  const element = h("div", { class: "memory-map" }, faultNote, grid, legend, key, regions);
  let cells: HTMLElement[] = [];
  let lastRegions = "";

  return {
    element,
    draw(picture, fault) {
      // Only a memory access has an address to show; any other fault (a privileged instruction, a
      // division by zero...) is described by its kind, and no page is ringed.
      const access = fault && fault.access !== null ? fault : null;
      if (cells.length !== picture.frames.length) {
        cells = picture.frames.map(() => h("div", { class: "cell" }));
        replaceChildren(grid, cells);
      }
      const counts = new Map<string, { label: string; count: number; colour: string; ring: string }>();
      picture.frames.forEach((frame, index) => {
        const cell = cells[index];
        const colour = colourOf(frame.owner);
        const className = `cell ring-${frame.ring}${access?.frame === index ? " faulted" : ""}`;
        if (cell.className !== className) cell.className = className;
        if (cell.style.getPropertyValue("--owner") !== colour) cell.style.setProperty("--owner", colour);
        setText(cell, mark(frame.permissions, frame.ring));
        const title = `page ${index} at ${hex(index * picture.pageBytes)}: ${frame.label}${frame.permissions ? `, ${frame.permissions}` : ""}${frame.ring !== "none" ? `, ring ${frame.ring === "kernel" ? 0 : 3}` : ""}`;
        if (cell.title !== title) cell.title = title;
        const key =
          frame.owner === "pool" || frame.owner === "kernel" || frame.owner === "free"
            ? frame.owner
            : frame.label;
        const entry = counts.get(key) ?? { label: frame.label, count: 0, colour, ring: frame.ring };
        if (frame.owner === "kernel") entry.label = "kernel";
        entry.count++;
        counts.set(key, entry);
      });
      const used = picture.frames.length - picture.free;
      grid.setAttribute(
        "aria-label",
        `Physical memory: ${picture.frames.length} pages of 4 KiB, ${used} in use, ${picture.free} free.` +
          (access
            ? ` Fault at ${hex(access.address)}${access.frame === null ? ", which no page backs" : ` in page ${access.frame}`}.`
            : fault
              ? ` Fault: ${fault.message}; not a memory access.`
              : ""),
      );
      replaceChildren(
        legend,
        [...counts.values()].map((c) => {
          const swatch = h("span", { class: `swatch ring-${c.ring}`, "aria-hidden": "true" });
          swatch.style.setProperty("--owner", c.colour);
          return h(
            "li",
            {},
            swatch,
            `${c.label} `,
            h("span", { class: "count" }, `${c.count} page${c.count === 1 ? "" : "s"}`),
          );
        }),
      );
      if (access) {
        faultNote.hidden = false;
        const verb =
          access.access === "write" ? "writing" : access.access === "execute" ? "executing" : "reading";
        setText(
          faultNote,
          access.frame === null
            ? `⚠ Fault: ${access.who} faulted ${verb} ${hex(access.address)}. No page backs that address${access.address < 4096 ? " (page 0 is never mapped, so null pointers fault)" : ""}.`
            : `⚠ Fault: ${access.who} faulted ${verb} ${hex(access.address)}, in page ${access.frame} (ringed below).`,
        );
      } else if (fault) {
        faultNote.hidden = false;
        setText(
          faultNote,
          `⚠ Fault: ${fault.who} was stopped: ${fault.message}. That is not a memory access, so no page is involved.`,
        );
      } else faultNote.hidden = true;
      const regionKey = JSON.stringify(picture.regions);
      if (regionKey !== lastRegions) {
        lastRegions = regionKey;
        replaceChildren(
          regionsBody,
          picture.regions.map((r) =>
            h(
              "tr",
              {},
              h("td", {}, r.owner),
              h("td", { class: "mono" }, r.start),
              h("td", { class: "mono" }, r.end),
              h("td", { class: "mono" }, r.permissions),
              h("td", {}, r.what),
            ),
          ),
        );
      }
    },
  };
}
