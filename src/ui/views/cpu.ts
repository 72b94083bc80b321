/**
 * The CPU: the sixteen registers, pc and the ring the processor is in, the instructions around pc
 * (disassembled, with symbol names), the C line they came from and, for code in driver C, its
 * variables. After a bugcheck it shows the instruction that stopped the machine.
 */
import type { CpuPicture } from "../../app/inspect";
import type { VariablesPicture, VariableView } from "../../app/variables";
import { REGISTER_NAMES } from "../../machine/isa";
import { ringBadge } from "../badges";
import { h, hex, replaceChildren, setText } from "../dom";

export interface CpuView {
  element: HTMLElement;
  draw(picture: CpuPicture, variables: VariablesPicture | null): void;
}

export function createCpuView(): CpuView {
  const who = h("p", { class: "cpu-who" });
  const registers = h("dl", { class: "registers", "aria-label": "Registers" });
  const values: HTMLElement[] = REGISTER_NAMES.map((name, index) => {
    const value = h("dd", { class: "mono" });
    registers.append(
      h(
        "div",
        { class: "register" },
        h("dt", {}, `${name}`, h("span", { class: "regnum" }, ` r${index}`)),
        value,
      ),
    );
    return value;
  });
  const pcValue = h("dd", { class: "mono" });
  registers.append(h("div", { class: "register pc" }, h("dt", {}, "pc"), pcValue));
  const code = h("ol", { class: "code-listing", "aria-label": "Instructions around pc" });
  const source = h("div", { class: "source-line" });
  const variablesHeading = h("h3", { class: "subhead" }, "C variables");
  const variablesBody = h("div", { class: "c-variables" });
  const element = h(
    "div",
    { class: "cpu" },
    who,
    registers,
    h("h3", { class: "subhead" }, "Current instruction"),
    code,
    source,
    variablesHeading,
    variablesBody,
  );
  const previous: string[] = [];

  return {
    element,
    draw(picture, variables) {
      element.classList.toggle("firmware", picture.firmware);
      variablesHeading.hidden = picture.firmware || variables === null;
      variablesBody.hidden = variablesHeading.hidden;
      if (variables && !picture.firmware) drawVariables(variablesBody, variables);
      if (picture.firmware) {
        replaceChildren(
          who,
          "The firmware is waiting a moment for S or F8 (safe mode); the kernel has not started yet.",
        );
        replaceChildren(code);
        replaceChildren(source);
        return;
      }
      const mode = h("span", {}, picture.ring === "kernel" ? ringBadge("kernel") : ringBadge("user"));
      replaceChildren(
        who,
        picture.atCrash ? h("strong", { class: "alert" }, "At the crash: ") : null,
        picture.process
          ? `${picture.process.name} (pid ${picture.process.pid}) `
          : "Idle loop (no process ready) ",
        mode,
        ` interrupts ${picture.interruptsOn ? "on" : "off"}`,
      );
      picture.regs.forEach((value, index) => {
        const text = hex(value);
        if (previous[index] !== undefined && previous[index] !== text) values[index].classList.add("changed");
        else values[index].classList.remove("changed");
        previous[index] = text;
        setText(values[index], text);
      });
      setText(pcValue, hex(picture.pc));
      replaceChildren(
        code,
        picture.code.map((line) =>
          h(
            "li",
            { class: line.current ? "current" : "", "aria-current": line.current ? "true" : false },
            h("span", { class: "marker", "aria-hidden": "true" }, line.current ? "▶" : ""),
            h("span", { class: "address mono" }, hex(line.address)),
            h("span", { class: "asm mono" }, line.text),
          ),
        ),
      );
      if (picture.source) {
        const file = picture.source.file.split("/").pop();
        replaceChildren(
          source,
          h(
            "span",
            { class: "source-where" },
            `${file}:${picture.source.line}${picture.source.func ? ` in ${picture.source.func}` : ""}`,
          ),
          h("code", { class: "source-text" }, picture.source.text?.trim() ?? ""),
        );
      } else
        replaceChildren(
          source,
          h("span", { class: "source-where" }, "No C line here (kernel code or the idle loop)."),
        );
    },
  };
}

function drawVariables(host: HTMLElement, v: VariablesPicture): void {
  const table = (caption: string, rows: VariableView[]) =>
    h(
      "table",
      { class: "table variables" },
      h("caption", {}, caption),
      h(
        "tbody",
        {},
        rows.map((row) =>
          h(
            "tr",
            {},
            h("th", { scope: "row", class: "mono" }, row.name),
            h("td", { class: "mono value" }, row.value),
            h("td", { class: "type" }, row.type),
          ),
        ),
      ),
    );
  replaceChildren(
    host,
    v.func
      ? table(`Locals of ${v.func}`, v.locals)
      : h("p", { class: "empty" }, "pc is outside the program's C functions (in library or kernel code)."),
    v.globals.length > 0
      ? table(
          `Globals${v.moreGlobals > 0 ? ` (the first ${v.globals.length}; ${v.moreGlobals} more)` : ""}`,
          v.globals,
        )
      : null,
  );
}
