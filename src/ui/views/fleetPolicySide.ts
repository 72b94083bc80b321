/**
 * One side of the fleet page: a policy, as YAML the learner edits (or a built-in one picked from the
 * list), its errors at their place, its totals after a run, and its picture of the fleet.
 */
import type { PolicyRun } from "../../fleet/fleetJob";
import { BUILT_IN_POLICIES, type Policy } from "../../fleet/policy";
import { formatPolicyError, parsePolicy, policyToYaml } from "../../fleet/policyFile";
import { utcTime } from "../../fleet/report";
import { h, setText, uniqueId } from "../dom";

/** The two sides: colour and dash of their lines in the charts (a dash, so colour is not the only sign). */
export const SIDES = [
  { key: "left", colour: "#ff6b5a", dash: [], style: "solid line" },
  { key: "right", colour: "#5ea8ff", dash: [7, 5], style: "dashed line" },
] as const;

const n = (x: number) => Math.round(x).toLocaleString("en-US");

export interface Side {
  element: HTMLElement;
  textarea: HTMLTextAreaElement;
  errors: HTMLElement;
  totals: HTMLElement;
  map: HTMLCanvasElement;
  title: HTMLElement;
  policy(): Policy | null;
  show(run: PolicyRun | null): void;
}

export function createSide(index: 0 | 1, initial: string): Side {
  const side = SIDES[index];
  const titleId = uniqueId("fleet-side");
  const select = h(
    "select",
    { class: "control", "aria-label": `Policy ${index + 1}`, "data-testid": `policy-select-${side.key}` },
    h("option", { value: "all-at-once" }, "All at once (19 July 2024)"),
    h("option", { value: "rings" }, "Rings with a health gate"),
  );
  select.value = initial;
  const textarea = h("textarea", {
    class: "fleet-policy",
    rows: 9,
    spellcheck: "false",
    "aria-label": `Policy ${index + 1} as YAML (see docs/fleet.md)`,
    "data-testid": `policy-${side.key}`,
  });
  textarea.value = policyToYaml(BUILT_IN_POLICIES[initial]);
  select.addEventListener("change", () => {
    textarea.value = policyToYaml(BUILT_IN_POLICIES[select.value]);
  });
  const errors = h("ul", { class: "fleet-errors", role: "alert" });
  const totals = h("dl", { class: "fleet-totals", "data-testid": `totals-${side.key}` });
  const caption = h("p", { class: "fleet-caption" });
  const map = h("canvas", {
    class: "fleet-map",
    role: "img",
    "aria-label": "The fleet: one cell per group of machines, coloured by their state",
    "data-testid": `map-${side.key}`,
  });
  const title = h("span", {}, `Policy ${index + 1}`);
  const element = h(
    "section",
    { class: `panel fleet-side fleet-side-${side.key}`, "aria-labelledby": titleId },
    h(
      "header",
      { class: "panel-header" },
      h(
        "h2",
        { id: titleId, class: "panel-title" },
        h("span", { class: `fleet-swatch fleet-swatch-${side.key}`, "aria-hidden": "true" }),
        title,
        h("span", { class: "visually-hidden" }, ` (${side.style} in the charts)`),
      ),
      h("div", { class: "panel-actions" }, select),
    ),
    h("div", { class: "panel-body" }, textarea, errors, totals, map, caption),
  );
  return {
    element,
    textarea,
    errors,
    totals,
    map,
    title,
    policy() {
      const parsed = parsePolicy(`policy ${index + 1}`, textarea.value);
      errors.replaceChildren();
      if ("errors" in parsed) {
        for (const e of parsed.errors)
          errors.append(h("li", {}, formatPolicyError(`policy ${index + 1}`, e)));
        return null;
      }
      return parsed.policy;
    },
    show(run) {
      totals.replaceChildren();
      if (!run) return;
      const r = run.report;
      setText(title, `Policy ${index + 1}: ${r.policy}`);
      const rows: [string, string][] = [
        ["Machines crashed", n(r.crashed)],
        ["Most down at once", n(r.peakDown)],
        ["Machine-hours lost", n(r.machineHoursLost)],
        [
          "90% of crashed back after",
          r.crashed === 0
            ? "nothing crashed"
            : r.hoursToRecover90 === null
              ? "more than 10 days"
              : `${r.hoursToRecover90} h`,
        ],
        [
          "Rings started",
          `${r.rings.filter((ring) => ring.startedAtMinutes !== null).length} of ${r.rings.length}`,
        ],
        ["Health gate", r.haltedAtRing === null ? "did not halt" : `halted at ring ${r.haltedAtRing}`],
        ["Fixed content out", r.revertedAtMinutes === null ? "never" : utcTime(r.revertedAtMinutes)],
        ["Sensors failed, machine up", n(r.sensorFailed)],
      ];
      for (const [label, value] of rows) totals.append(h("dt", {}, label), h("dd", {}, value));
      setText(
        caption,
        `Each cell: about ${n(r.machines / run.cells)} machines, organisations from the Americas (top) to Australia (bottom).`,
      );
    },
  };
}
