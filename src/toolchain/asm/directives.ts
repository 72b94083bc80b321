/**
 * Directives, as a table: sections, layout (.org .align .space .zero) and data (.word .half .byte
 * .ascii .asciz). Symbol and source-mapping directives are in symbolDirectives.ts. Each handler runs
 * in both passes: pass 1 sizes (reporting what layout depends on), pass 2 writes (reporting the rest).
 */

import { BY_MNEMONIC, encode } from "../../machine/isa";
import { countIs, type Directive, dataValue, exprOf } from "./directiveSupport";
import { MESSAGES } from "./messages";
import { didYouMean } from "./suggestions";
import { SYMBOL_DIRECTIVES } from "./symbolDirectives";
import { SECTION_NAMES, type SectionName } from "./symbols";

const NOP = (() => {
  const addi = BY_MNEMONIC.get("addi")!;
  return encode(addi.opcode, 0, 0, 0, 0, addi.format);
})();

// ---- Sections ----------------------------------------------------------------------------------------

const SECTION_SUMMARY: Record<SectionName, string> = {
  text: "code: read and execute",
  rodata: "constants: read only",
  data: "variables: read and write",
  bss: "zero-initialized variables: read and write, takes no space in the image",
};

const sectionDirective = (name: SectionName): Directive => ({
  name: `.${name}`,
  syntax: `.${name}`,
  summary: `switch to the .${name} section (${SECTION_SUMMARY[name]})`,
  operands: "list",
  emits: "none",
  run: (w, stmt) => {
    if (countIs(w, stmt, 0)) w.section = name;
  },
});

const section: Directive = {
  name: ".section",
  syntax: ".section name",
  summary: "the same as .text, .rodata, .data or .bss",
  operands: "list",
  emits: "none",
  run: (w, stmt) => {
    if (!countIs(w, stmt, 1)) return;
    const op = stmt.operands[0]!;
    const name = op.kind === "expr" && op.expr.kind === "symbol" ? op.expr.name.replace(/^\./, "") : op.text;
    if ((SECTION_NAMES as readonly string[]).includes(name)) w.section = name as SectionName;
    else if (w.pass === 2)
      w.error(
        op,
        MESSAGES.unknownSection(op.text),
        didYouMean(
          `.${name}`,
          SECTION_NAMES.map((n) => `.${n}`),
        ),
      );
  },
};

// ---- Layout ------------------------------------------------------------------------------------------

const org: Directive = {
  name: ".org",
  syntax: ".org address",
  summary: "move forward to an absolute address inside the current section, filling with zeros",
  operands: "list",
  emits: "zeros",
  run: (w, stmt) => {
    if (w.pass === 2) return void (countIs(w, stmt, 1) && w.emitFill(stmt.plan, 0));
    stmt.plan = 0;
    if (!countIs(w, stmt, 1)) return;
    const expr = exprOf(w, stmt.operands[0]!, true);
    const target = expr && w.layoutValue(expr, "the address of .org");
    if (target === undefined) return;
    // An absolute target: how far it is depends on where the section starts.
    w.layoutDependent = true;
    const start = w.input.starts[w.section];
    const wanted = (target >>> 0) - start;
    if (wanted < 0) w.error(stmt.operands[0]!, MESSAGES.orgOutsideSection(target, start));
    else if (wanted < w.offset) w.error(stmt.operands[0]!, MESSAGES.orgBackward(target, w.address));
    else stmt.plan = wanted - w.offset;
    w.advance(stmt.plan);
  },
};

const align: Directive = {
  name: ".align",
  syntax: ".align bytes",
  summary:
    "pad to a multiple of bytes (a power of two up to 4096); .text is padded with nop, others with zeros",
  operands: "list",
  emits: "zeros",
  run: (w, stmt) => {
    if (w.pass === 2)
      return void (countIs(w, stmt, 1) && w.emitFill(stmt.plan, 0, w.section === "text" ? NOP : undefined));
    stmt.plan = 0;
    if (!countIs(w, stmt, 1)) return;
    const expr = exprOf(w, stmt.operands[0]!, true);
    const n = expr && w.layoutValue(expr, "the alignment");
    if (n === undefined) return;
    if (n < 1 || n > 4096 || (n & (n - 1)) !== 0) {
      w.error(stmt.operands[0]!, MESSAGES.alignNotPowerOfTwo(n));
      return;
    }
    stmt.plan = (n - (w.offset % n)) % n;
    w.advance(stmt.plan);
  },
};

const space = (name: ".space" | ".zero"): Directive => ({
  name,
  syntax: name === ".space" ? ".space count[, fill]" : ".zero count",
  summary:
    name === ".space" ? "reserve count bytes, each set to fill (default 0)" : "reserve count zero bytes",
  operands: "list",
  emits: "zeros",
  run: (w, stmt) => {
    const ops = stmt.operands;
    if (w.pass === 1) {
      stmt.plan = 0;
      if (!countIs(w, stmt, 1, name === ".space" ? 2 : 1)) return;
      const expr = exprOf(w, ops[0]!, true);
      const n = expr && w.layoutValue(expr, "the size");
      if (n !== undefined && n < 0) w.error(ops[0]!, MESSAGES.negativeSize(n));
      else if (n !== undefined) stmt.plan = n;
      w.advance(stmt.plan);
      return;
    }
    if (!countIs(w, stmt, 1, name === ".space" ? 2 : 1)) return;
    let fill = 0;
    const fillOp = ops[1];
    if (fillOp) {
      const v = dataValue(w, fillOp);
      if (v && w.section === "bss" && v.value !== 0) w.error(fillOp, MESSAGES.bssFill());
      else if (v && (v.value < -128 || v.value > 255))
        w.error(fillOp, MESSAGES.dataOutOfRange(v.value, ".space", -128, 255));
      else if (v) fill = v.value;
    }
    w.emitFill(stmt.plan, fill);
  },
});

// ---- Data --------------------------------------------------------------------------------------------

const UNITS = { ".word": 4, ".half": 2, ".byte": 1 } as const;
const RANGES = {
  ".word": [-0x8000_0000, 0xffff_ffff],
  ".half": [-0x8000, 0xffff],
  ".byte": [-0x80, 0xff],
} as const;

const data = (name: keyof typeof UNITS): Directive => ({
  name,
  syntax: `${name} value, ...`,
  summary:
    name === ".word"
      ? "32-bit words (an address gets an abs32 relocation)"
      : name === ".half"
        ? "16-bit halfwords (-32768..65535)"
        : "bytes (-128..255)",
  operands: "list",
  emits: "data",
  run: (w, stmt) => {
    const unit = UNITS[name];
    if (w.pass === 1) return w.advance(unit * stmt.operands.length);
    const [min, max] = RANGES[name];
    const values = stmt.operands.map((op, i) => {
      const v = dataValue(w, op);
      if (!v) return 0;
      if (unit === 4 && v.weight === 1) w.relocation("abs32", w.address + 4 * i);
      else if (v.weight !== 0) w.error(op, MESSAGES.notRelocatable());
      else if (v.value < min || v.value > max) w.error(op, MESSAGES.dataOutOfRange(v.value, name, min, max));
      return v.value;
    });
    if (values.length === 0) countIs(w, stmt, 1, Number.POSITIVE_INFINITY);
    w.emitData(values, unit);
  },
});

const ascii = (name: ".ascii" | ".asciz"): Directive => ({
  name,
  syntax: `${name} "text", ...`,
  summary:
    name === ".ascii"
      ? "the bytes of strings (C escapes \\n \\t \\r \\0 \\\\ \\\" \\' \\xHH)"
      : "the same, each string followed by a zero byte",
  operands: "list",
  emits: "data",
  run: (w, stmt) => {
    const extra = name === ".asciz" ? 1 : 0;
    const strings = stmt.operands.map((op) => (op.kind === "string" ? op.bytes : undefined));
    if (w.pass === 1) {
      return w.advance(strings.reduce((n, s) => n + (s ? s.length : 0) + extra, 0));
    }
    if (stmt.operands.length === 0) countIs(w, stmt, 1, Number.POSITIVE_INFINITY);
    const bytes: number[] = [];
    strings.forEach((s, i) => {
      if (!s) w.error(stmt.operands[i]!, MESSAGES.expectedString());
      else for (const b of s) bytes.push(b);
      if (extra) bytes.push(0);
    });
    w.emitData(bytes, 1);
  },
});

const ALL: readonly Directive[] = [
  ...SECTION_NAMES.map(sectionDirective),
  section,
  org,
  align,
  space(".space"),
  space(".zero"),
  data(".word"),
  data(".half"),
  data(".byte"),
  ascii(".ascii"),
  ascii(".asciz"),
  ...SYMBOL_DIRECTIVES,
];

export type { Directive };

export const DIRECTIVES: ReadonlyMap<string, Directive> = new Map(ALL.map((d) => [d.name, d]));
