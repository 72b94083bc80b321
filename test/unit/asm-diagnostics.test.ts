// Diagnostics: every message in the assembler's table, with its place (line, column, length) and suggestion;
// all errors of a file at once; and the rendering with formatDiagnostic.
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/shared/diagnostic";
import { assemble } from "../../src/toolchain/asm";
import { MESSAGES } from "../../src/toolchain/asm/messages";

interface Case {
  key: keyof typeof MESSAGES;
  src: string;
  base?: number;
  expect: {
    line: number;
    col: number;
    length: number;
    message: string;
    suggestion?: string;
    severity?: string;
  };
}

/** One source per message, and the one diagnostic it must give (the last, for tooManyErrors). */
const CASES: Case[] = [
  {
    key: "unexpectedCharacter",
    src: "addi a0, a0, #1",
    expect: {
      line: 1,
      col: 14,
      length: 1,
      message: "unexpected character '#'",
      suggestion: "immediates are written without '#': addi a0, a0, 1",
    },
  },
  {
    key: "unterminatedString",
    src: '.ascii "abc',
    expect: { line: 1, col: 8, length: 4, message: "this string has no closing '\"'" },
  },
  {
    key: "unterminatedChar",
    src: ".word 'a",
    expect: { line: 1, col: 7, length: 2, message: 'this character literal has no closing "\'"' },
  },
  {
    key: "badEscape",
    src: '.ascii "a\\qb"',
    expect: {
      line: 1,
      col: 10,
      length: 2,
      message: "unknown escape '\\q' (use \\n \\t \\r \\0 \\\\ \\\" \\' or \\xHH)",
    },
  },
  {
    key: "badCharLiteral",
    src: ".word 'ab'",
    expect: { line: 1, col: 7, length: 4, message: "a character literal holds exactly one character" },
  },
  {
    key: "badNumber",
    src: "li a0, 12ab",
    expect: { line: 1, col: 8, length: 4, message: "'12ab' is not a number (write 42, 0x2a or 0b101010)" },
  },
  {
    key: "numberTooLarge",
    src: ".word 0x100000000",
    expect: { line: 1, col: 7, length: 11, message: "0x100000000 does not fit in 32 bits" },
  },
  {
    key: "expectedStatement",
    src: "5: nop",
    expect: {
      line: 1,
      col: 1,
      length: 1,
      message: "expected an instruction, a directive or a label, found '5'",
    },
  },
  {
    key: "expectedLabelName",
    src: ": nop",
    expect: { line: 1, col: 1, length: 1, message: "expected a label name before ':'" },
  },
  {
    key: "unknownMnemonic",
    src: "  mvo a0, a1",
    expect: {
      line: 1,
      col: 3,
      length: 3,
      message: "unknown instruction 'mvo'",
      suggestion: "did you mean 'mov'?",
    },
  },
  {
    key: "unknownDirective",
    src: ".wrod 1",
    expect: {
      line: 1,
      col: 1,
      length: 5,
      message: "unknown directive '.wrod'",
      suggestion: "did you mean '.word'?",
    },
  },
  {
    key: "operandCount",
    src: "add a0, a1",
    expect: {
      line: 1,
      col: 1,
      length: 3,
      message: "'add' takes 3 operands (add rd, rs1, rs2), but 2 were given",
    },
  },
  {
    key: "needsOperands",
    src: ".word",
    expect: { line: 1, col: 1, length: 5, message: "'.word' needs at least one operand (.word value, ...)" },
  },
  {
    key: "missingOperand",
    src: "add a0, , a1",
    expect: { line: 1, col: 9, length: 1, message: "missing operand between commas" },
  },
  {
    key: "expectedRegister",
    src: "add a0, a1, 5",
    expect: {
      line: 1,
      col: 13,
      length: 1,
      message: "expected a register here, found '5'",
      suggestion: "registers are r0..r15 or zero, a0-a3, t0-t4, s0-s2, fp, sp, lr",
    },
  },
  {
    key: "unknownRegister",
    src: "add a0, a1, x5",
    expect: {
      line: 1,
      col: 13,
      length: 2,
      message: "'x5' is not a register",
      suggestion: "registers are r0..r15 or zero, a0-a3, t0-t4, s0-s2, fp, sp, lr",
    },
  },
  {
    key: "expectedValue",
    src: "addi a0, a1, a2",
    expect: {
      line: 1,
      col: 14,
      length: 2,
      message: "expected a number or a label here, found the register 'a2'",
    },
  },
  {
    key: "expectedControlRegister",
    src: "mfcr a0, a1",
    expect: {
      line: 1,
      col: 10,
      length: 2,
      message: "expected a control register here (status, epc, cause, ...), found 'a1'",
    },
  },
  {
    key: "expectedName",
    src: ".equ 5, 3",
    expect: { line: 1, col: 6, length: 1, message: "expected a name here, found '5'" },
  },
  {
    key: "expectedMemory",
    src: "ldw a0, 4",
    expect: {
      line: 1,
      col: 9,
      length: 1,
      message: "expected a memory operand like [sp + 4] here, found '4'",
    },
  },
  {
    key: "memoryNotAllowed",
    src: "addi a0, a0, [sp]",
    expect: {
      line: 1,
      col: 14,
      length: 4,
      message: "a memory operand [..] is only allowed in loads and stores",
    },
  },
  {
    key: "badMemory",
    src: "ldw a0, [sp * 4]",
    expect: {
      line: 1,
      col: 9,
      length: 8,
      message: "a memory operand is written [register], [register + offset] or [register - offset]",
    },
  },
  {
    key: "stringNotAllowed",
    src: 'li a0, "x"',
    expect: { line: 1, col: 8, length: 3, message: "a string is only allowed in .ascii, .asciz and .file" },
  },
  {
    key: "expectedString",
    src: ".ascii 5",
    expect: { line: 1, col: 8, length: 1, message: 'expected a string in double quotes, like "hello"' },
  },
  {
    key: "unexpectedToken",
    src: ".word 1 )",
    expect: { line: 1, col: 9, length: 1, message: "unexpected ')'" },
  },
  {
    key: "expectedExpression",
    src: ".word 1 +",
    expect: {
      line: 1,
      col: 9,
      length: 1,
      message: "expected a number, a label or '(' here, found 'end of line'",
    },
  },
  {
    key: "expectedClosingParen",
    src: ".word (1 + 2",
    expect: { line: 1, col: 7, length: 1, message: "expected ')' here, found 'end of line'" },
  },
  {
    key: "expressionTooDeep",
    src: `.word ${"(".repeat(101)}1${")".repeat(101)}`,
    expect: { line: 1, col: 107, length: 1, message: "this expression is nested too deeply" },
  },
  {
    key: "expressionTooLong",
    src: `.word ${"1+".repeat(600)}1`,
    expect: { line: 1, col: 7, length: 1201, message: "this expression is too long" },
  },
  {
    key: "registerInExpression",
    src: ".word sp + 4",
    expect: {
      line: 1,
      col: 7,
      length: 2,
      message: "'sp' is a register and cannot be used inside an expression",
    },
  },
  {
    key: "divisionByZero",
    src: "X = 1 / (2 - 2)",
    expect: { line: 1, col: 5, length: 11, message: "division by zero in an expression" },
  },
  {
    key: "undefinedSymbol",
    src: "main:\n  j mian",
    expect: {
      line: 2,
      col: 5,
      length: 4,
      message: "'mian' is not defined",
      suggestion: "did you mean 'main'?",
    },
  },
  {
    key: "notKnownYet",
    src: ".space N\nN = 4",
    expect: {
      line: 1,
      col: 8,
      length: 1,
      message: "the size must be known here, but 'N' is defined further down (or depends on a label)",
    },
  },
  {
    key: "constantCycle",
    src: "A = B + 1\nB = A",
    expect: { line: 2, col: 5, length: 1, message: "'A' is defined in terms of itself" },
  },
  {
    key: "constantTooDeep",
    src: `${Array.from({ length: 250 }, (_, i) => `C${i} = C${i + 1}`).join("\n")}\nC250 = 1\n.word C0`,
    expect: { line: 200, col: 8, length: 4, message: "'C200' depends on too long a chain of constants" },
  },
  {
    key: "notRelocatable",
    src: ".word x * 2\nx:",
    expect: {
      line: 1,
      col: 7,
      length: 5,
      message:
        "this value uses addresses in a way that cannot be relocated (only label + constant, or label - label)",
    },
  },
  {
    key: "addressInImmediate",
    src: "lui a0, hi(x)\nx:",
    expect: {
      line: 1,
      col: 9,
      length: 5,
      message:
        "the address of 'x' is built into this instruction and is not updated if the image is moved; use 'la' to load addresses",
      severity: "warning",
    },
  },
  {
    key: "immediateOutOfRange",
    src: "addi a0, a0, 40000",
    expect: {
      line: 1,
      col: 14,
      length: 5,
      message: "40000 does not fit: 'addi' takes -32768..32767",
      suggestion: "use 'li' to put the value in a register first",
    },
  },
  {
    key: "shiftOutOfRange",
    src: "shli a0, a0, 32",
    expect: { line: 1, col: 14, length: 2, message: "shift amount 32 is out of range: shifts take 0..31" },
  },
  {
    key: "controlRegisterOutOfRange",
    src: "mtcr 16, a0",
    expect: {
      line: 1,
      col: 6,
      length: 2,
      message: "control register 16 does not exist: the number must be 0..15",
    },
  },
  {
    key: "unknownControlRegister",
    src: "mfcr a0, stauts",
    expect: {
      line: 1,
      col: 10,
      length: 6,
      message: "'stauts' is not a control register",
      suggestion: "did you mean 'status'?",
    },
  },
  {
    key: "branchMisaligned",
    src: "beq a0, a1, 0x1002",
    expect: { line: 1, col: 13, length: 6, message: "branch target 0x1002 is not a multiple of 4" },
  },
  {
    key: "branchTooFar",
    src: "beq a0, a1, far\n.space 200000\nfar:",
    expect: {
      line: 1,
      col: 13,
      length: 3,
      message: "the target is 50000 instructions away, but 'beq' reaches only -32768..32767",
      suggestion: "branch over a 'j' to the far label instead",
    },
  },
  {
    key: "dataOutOfRange",
    src: ".byte 256",
    expect: { line: 1, col: 7, length: 3, message: "256 does not fit in .byte: the range is -128..255" },
  },
  {
    key: "duplicateSymbol",
    src: "x: nop\nx: nop",
    expect: { line: 2, col: 1, length: 1, message: "'x' is already defined on line 1" },
  },
  {
    key: "registerAsSymbol",
    src: "sp: nop",
    expect: {
      line: 1,
      col: 1,
      length: 2,
      message: "'sp' is a register name and cannot be a label or constant",
    },
  },
  {
    key: "globalUndefined",
    src: ".global mian\nmain: nop",
    expect: {
      line: 1,
      col: 9,
      length: 4,
      message: "'mian' is declared .global but never defined",
      suggestion: "did you mean 'main'?",
    },
  },
  {
    key: "notALabel",
    src: "N = 1\n.type N, function",
    expect: { line: 2, col: 7, length: 1, message: ".type needs a label, but 'N' is a constant" },
  },
  {
    key: "badSymbolType",
    src: "f: nop\n.type f, func",
    expect: { line: 2, col: 10, length: 4, message: ".type takes 'function' or 'object', not 'func'" },
  },
  {
    key: "unknownSection",
    src: ".section .txt",
    expect: {
      line: 1,
      col: 10,
      length: 4,
      message: "unknown section '.txt' (sections are .text, .rodata, .data and .bss)",
      suggestion: "did you mean '.text'?",
    },
  },
  {
    key: "bssOnlySpace",
    src: ".bss\n.word 1",
    expect: {
      line: 2,
      col: 1,
      length: 5,
      message: ".bss holds only zeros: '.word' is not allowed there (use .space, .zero, .align)",
    },
  },
  {
    key: "bssFill",
    src: ".bss\n.space 4, 1",
    expect: {
      line: 2,
      col: 11,
      length: 1,
      message: ".space in .bss cannot have a fill value: .bss is all zeros",
    },
  },
  {
    key: "orgBackward",
    src: "nop\nnop\n.org 0x1004",
    expect: {
      line: 3,
      col: 6,
      length: 6,
      message: ".org 0x1004 would move backward (the location is already 0x1008)",
    },
  },
  {
    key: "orgOutsideSection",
    src: ".org 0x800",
    expect: {
      line: 1,
      col: 6,
      length: 5,
      message: ".org 0x800 is before the start of this section (0x1000)",
    },
  },
  {
    key: "alignNotPowerOfTwo",
    src: ".align 3",
    expect: {
      line: 1,
      col: 8,
      length: 1,
      message: ".align takes a power of two from 1 to 4096 bytes, not 3",
    },
  },
  {
    key: "negativeSize",
    src: ".space -1",
    expect: { line: 1, col: 8, length: 2, message: "the size cannot be negative (-1)" },
  },
  {
    key: "unalignedInstruction",
    src: ".byte 1\nnop",
    expect: {
      line: 2,
      col: 1,
      length: 3,
      message: "this instruction would start at 0x1001, which is not a multiple of 4",
    },
  },
  {
    key: "imageTooLarge",
    src: ".space 0x2000000",
    expect: {
      line: 1,
      col: 1,
      length: 1,
      message: "the image would be 33554432 bytes, more than the limit of 16777216 bytes",
    },
  },
  {
    key: "addressSpaceOverflow",
    src: ".bss\n.space 0x2000",
    base: 0xfffff000,
    expect: {
      line: 1,
      col: 1,
      length: 1,
      message: "the program runs past the end of the 32-bit address space",
    },
  },
  {
    key: "layoutUnstable",
    src: ".data\nd:\n.text\n.space 0x1000 + !(d - 0x2000)",
    expect: {
      line: 1,
      col: 1,
      length: 1,
      message: "the section layout does not settle (check the .org directives)",
    },
  },
  {
    key: "badBase",
    src: "nop",
    base: 0x1234,
    expect: { line: 1, col: 1, length: 1, message: "the image base 0x1234 must be a multiple of 4096" },
  },
  {
    key: "unknownKernelService",
    src: ".kapi pritnf",
    expect: {
      line: 1,
      col: 7,
      length: 6,
      message: "'pritnf' is not a kernel API service",
      suggestion: "did you mean 'printf'?",
    },
  },
  {
    key: "kapiOutsideText",
    src: ".data\n.kapi exit",
    expect: { line: 2, col: 1, length: 5, message: ".kapi emits code, so it must be in .text" },
  },
  {
    key: "endfuncWithoutFunc",
    src: ".endfunc",
    expect: { line: 1, col: 1, length: 8, message: ".endfunc without a matching .func" },
  },
  {
    key: "badLoc",
    src: ".loc x",
    expect: { line: 1, col: 6, length: 1, message: ".loc takes a line and a column: .loc 12 5" },
  },
  {
    key: "duplicateEntry",
    src: "a: nop\n.entry a\n.entry a",
    expect: { line: 3, col: 8, length: 1, message: "the entry point was already set on line 2" },
  },
  {
    key: "tooManyErrors",
    src: "bad\n".repeat(101),
    expect: {
      line: 100,
      col: 1,
      length: 3,
      message: "too many errors (100); stopping here",
      severity: "note",
    },
  },
];

/** Messages no input can produce: the safety net for bugs in the assembler itself. */
const UNREACHABLE = ["internalError"];

describe("each diagnostic", () => {
  for (const c of CASES) {
    it(c.key, () => {
      const r = assemble(c.src, { base: c.base ?? 0x1000, file: "d.s" });
      const d = c.key === "tooManyErrors" ? r.diagnostics[r.diagnostics.length - 1] : r.diagnostics[0];
      if (c.key !== "tooManyErrors") expect(r.diagnostics).toHaveLength(1);
      const { severity = "error", suggestion, ...place } = c.expect;
      expect(d).toEqual({ file: "d.s", severity, ...place, ...(suggestion ? { suggestion } : {}) });
      expect(r.image === undefined).toBe(severity === "error" || c.key === "tooManyErrors");
    });
  }

  it("every message in the table has a case above", () => {
    const covered = new Set([...CASES.map((c) => c.key), ...UNREACHABLE]);
    expect(Object.keys(MESSAGES).filter((k) => !covered.has(k as keyof typeof MESSAGES))).toEqual([]);
  });
});

describe("reporting", () => {
  it("gives all errors of a file at once, in line order, and no image", () => {
    const r = assemble("start:\n  ad a0, a1, a2\n  li a0, 1\n  ldw a0, [x5]\n  j strat\n  .byte 300\n");
    expect(r.image).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.line, d.message, d.suggestion])).toEqual([
      [2, "unknown instruction 'ad'", "did you mean 'add'?"],
      [4, "'x5' is not a register", "registers are r0..r15 or zero, a0-a3, t0-t4, s0-s2, fp, sp, lr"],
      [5, "'strat' is not defined", "did you mean 'start'?"],
      [6, "300 does not fit in .byte: the range is -128..255", undefined],
    ]);
  });

  it("suggests the Ringlab name for mnemonics from other instruction sets", () => {
    const names = ["lw", "sw", "jmp", "mv", "ecall", "sll"].map(
      (m) => assemble(`${m} a0, a1`).diagnostics[0]?.suggestion,
    );
    expect(names).toEqual([
      "did you mean 'ldw'?",
      "did you mean 'stw'?",
      "did you mean 'j'?",
      "did you mean 'mov'?",
      "did you mean 'sys'?",
      "did you mean 'shl'?",
    ]);
  });

  it("suggests local labels by the name they are written with", () => {
    const d = assemble("f:\n.loop: nop\n  bnez a0, .lop").diagnostics;
    expect(d.map((x) => [x.message, x.suggestion])).toEqual([
      ["'.lop' is not defined", "did you mean '.loop'?"],
    ]);
  });

  it("reports an error inside a constant once, at the constant", () => {
    const r = assemble("li a0, BAD\nli a1, BAD\nBAD = 1 / 0");
    expect(r.diagnostics.map((d) => [d.line, d.message])).toEqual([[3, "division by zero in an expression"]]);
  });

  it("warnings do not stop the image", () => {
    const r = assemble("lui a0, hi(x)\nx:");
    expect(r.diagnostics.map((d) => d.severity)).toEqual(["warning"]);
    expect(r.image).toBeDefined();
  });

  it("renders with file:line:col, the source line, a caret under the span and the note", () => {
    const src = "main:\n    addi a0, a0, 70000\n";
    const [d] = assemble(src, { file: "prog.s" }).diagnostics;
    expect(formatDiagnostic(d!, src)).toBe(
      [
        "prog.s:2:18: error: 70000 (0x11170) does not fit: 'addi' takes -32768..32767",
        "      addi a0, a0, 70000",
        "                   ^~~~~",
        "  note: use 'li' to put the value in a register first",
      ].join("\n"),
    );
  });
});
