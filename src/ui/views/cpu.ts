/**
 * The CPU: the sixteen registers, pc and the ring the processor is in, the instructions around pc
 * (disassembled, with symbol names) and the C line they came from. After a bugcheck it shows the
 * instruction that stopped the machine.
 */
import type { CpuPicture } from "../../app/inspect";
import { REGISTER_NAMES } from "../../machine/isa";
import { ringBadge } from "../badges";
import { h, hex, replaceChildren, setText } from "../dom";

export interface CpuView {
  element: HTMLElement;
  draw(picture: CpuPicture): void;
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
  const element = h(
    "div",
    { class: "cpu" },
    who,
    registers,
    h("h3", { class: "subhead" }, "Current instruction"),
    code,
    source,
  );
  const previous: string[] = [];

  return {
    element,
    draw(picture) {
      element.classList.toggle("firmware", picture.firmware);
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
