/**
 * The verifier's report in the side-by-side demo's verified column, large enough for the back of a
 * room: refused (the C line, the reason, the branches on the way, the suggestion) or accepted (what
 * was proved, and that the driver now runs in ring 0 with no run-time checks).
 */
import type { VerifierFinding, VerifierView } from "../../app/sideBySideState";
import { h, replaceChildren } from "../dom";

export interface VerifierReportView {
  element: HTMLElement;
  draw(report: VerifierView | null, driverPath: string): void;
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function fileName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The verifier writes code in backticks, as Markdown does: set it as code (unless they do not pair up). */
function withCode(text: string): (string | HTMLElement)[] {
  const parts = text.split("`");
  if (parts.length % 2 === 0) return [text];
  return parts.map((part, i) => (i % 2 === 1 ? h("code", {}, part) : part));
}

function finding(f: VerifierFinding): HTMLElement {
  return h(
    "div",
    { class: "verifier-finding" },
    // Without a line of code to quote, the finding is about the whole file (no on_event): no line number.
    h("p", { class: "verifier-where" }, f.code ? `${fileName(f.file)}, line ${f.line}` : fileName(f.file)),
    f.code ? h("pre", { class: "verifier-code" }, h("code", {}, f.code)) : null,
    h("p", { class: "verifier-reason" }, withCode(f.message.replace(/ \(instruction at 0x[0-9a-f]+\)$/, ""))),
    f.notes?.length
      ? h(
          "ul",
          { class: "verifier-notes" },
          f.notes.map((n) => h("li", {}, withCode(n))),
        )
      : null,
    f.suggestion
      ? h("p", { class: "verifier-suggestion" }, h("strong", {}, "Suggestion: "), withCode(f.suggestion))
      : null,
  );
}

export function createVerifierReport(): VerifierReportView {
  const heading = h("h3", { class: "verifier-heading" });
  const body = h("div", { class: "verifier-body" });
  const element = h(
    "section",
    {
      class: "verifier-report",
      "data-testid": "verifier-report",
      "aria-label": "The verifier's report",
      hidden: true,
    },
    heading,
    body,
  );
  let drawn: VerifierView | null = null;
  return {
    element,
    draw(report, driverPath) {
      element.hidden = report === null;
      // The store hands back the same report until the verifier speaks again: keep the DOM (and a selection) as is.
      if (!report || report === drawn) return;
      drawn = report;
      element.dataset.accepted = String(report.accepted);
      const name = fileName(driverPath);
      if (report.accepted) {
        heading.replaceChildren(`✓ Verified: ${name} was proved safe, then loaded`);
        replaceChildren(
          body,
          h(
            "p",
            { class: "verifier-reason" },
            `${count(report.instructions, "instruction")}, ${count(report.loops, "loop")} bounded, ${count(report.states, "state")} checked. It runs in ring 0 with no run-time checks: nothing it can do was left unproved.`,
          ),
        );
        return;
      }
      heading.replaceChildren(`✕ Refused: the verifier kept ${name} out before it ran`);
      // One root cause, as the verifier reports it; its raw text when it gave no finding to show.
      replaceChildren(
        body,
        report.messages.length > 0
          ? report.messages.map(finding)
          : h("p", { class: "verifier-reason" }, report.message),
      );
    },
  };
}
