/**
 * Every message the assembler can give, in one table (so each one can be tested and reviewed together).
 * Messages are written for beginners: say what is wrong in the learner's words, and what would be right.
 */

/** A value as a learner reads it: decimal, with the hex beside it when it is large. */
const fmt = (value: number): string =>
  Math.abs(value) < 0x10000 ? String(value) : `${value} (0x${(value >>> 0).toString(16)})`;

/** User text quoted in a message, cut short if it is long (a 100,000-digit number is not worth repeating). */
const clip = (text: string): string => (text.length > 40 ? `${text.slice(0, 37)}...` : text);

export const MESSAGES = {
  // ---- Lexing --------------------------------------------------------------------------------------
  unexpectedCharacter: (ch: string) => `unexpected character '${clip(ch)}'`,
  unterminatedString: () => "this string has no closing '\"'",
  unterminatedChar: () => 'this character literal has no closing "\'"',
  badEscape: (seq: string) => `unknown escape '${seq}' (use \\n \\t \\r \\0 \\\\ \\" \\' or \\xHH)`,
  badCharLiteral: () => "a character literal holds exactly one character",
  badNumber: (text: string) => `'${clip(text)}' is not a number (write 42, 0x2a or 0b101010)`,
  numberTooLarge: (text: string) => `${clip(text)} does not fit in 32 bits`,
  // ---- Statements and operands ---------------------------------------------------------------------
  expectedStatement: (found: string) =>
    `expected an instruction, a directive or a label, found '${clip(found)}'`,
  expectedLabelName: () => "expected a label name before ':'",
  unknownMnemonic: (name: string) => `unknown instruction '${clip(name)}'`,
  unknownDirective: (name: string) => `unknown directive '${clip(name)}'`,
  operandCount: (name: string, expected: number, got: number, syntax: string) =>
    `'${clip(name)}' takes ${expected === 0 ? "no operands" : expected === 1 ? "1 operand" : `${expected} operands`} (${syntax}), but ${got === 1 ? "1 was" : `${got} were`} given`,
  needsOperands: (name: string, syntax: string) => `'${clip(name)}' needs at least one operand (${syntax})`,
  missingOperand: () => "missing operand between commas",
  expectedRegister: (found: string) => `expected a register here, found '${clip(found)}'`,
  unknownRegister: (name: string) => `'${clip(name)}' is not a register`,
  expectedValue: (found: string) => `expected a number or a label here, found the register '${clip(found)}'`,
  expectedControlRegister: (found: string) =>
    `expected a control register here (status, epc, cause, ...), found '${clip(found)}'`,
  expectedName: (found: string) => `expected a name here, found '${clip(found)}'`,
  expectedMemory: (found: string) => `expected a memory operand like [sp + 4] here, found '${clip(found)}'`,
  memoryNotAllowed: () => "a memory operand [..] is only allowed in loads and stores",
  badMemory: () => "a memory operand is written [register], [register + offset] or [register - offset]",
  stringNotAllowed: () => "a string is only allowed in .ascii, .asciz and .file",
  expectedString: () => 'expected a string in double quotes, like "hello"',
  unexpectedToken: (found: string) => `unexpected '${clip(found)}'`,
  // ---- Expressions ---------------------------------------------------------------------------------
  expectedExpression: (found: string) => `expected a number, a label or '(' here, found '${clip(found)}'`,
  expectedClosingParen: (found: string) => `expected ')' here, found '${clip(found)}'`,
  expressionTooDeep: () => "this expression is nested too deeply",
  expressionTooLong: () => "this expression is too long",
  registerInExpression: (name: string) =>
    `'${clip(name)}' is a register and cannot be used inside an expression`,
  divisionByZero: () => "division by zero in an expression",
  undefinedSymbol: (name: string) => `'${clip(name)}' is not defined`,
  notKnownYet: (name: string, what: string) =>
    `${what} must be known here, but '${clip(name)}' is defined further down (or depends on a label)`,
  constantCycle: (name: string) => `'${clip(name)}' is defined in terms of itself`,
  constantTooDeep: (name: string) => `'${clip(name)}' depends on too long a chain of constants`,
  notRelocatable: () =>
    "this value uses addresses in a way that cannot be relocated (only label + constant, or label - label)",
  addressInImmediate: (name: string) =>
    `the address of '${clip(name)}' is built into this instruction and is not updated if the image is moved; use 'la' to load addresses`,
  // ---- Ranges --------------------------------------------------------------------------------------
  immediateOutOfRange: (value: number, name: string, min: number, max: number) =>
    `${fmt(value)} does not fit: '${clip(name)}' takes ${min}..${max}`,
  shiftOutOfRange: (value: number) => `shift amount ${value} is out of range: shifts take 0..31`,
  controlRegisterOutOfRange: (value: number) =>
    `control register ${value} does not exist: the number must be 0..15`,
  unknownControlRegister: (name: string) => `'${clip(name)}' is not a control register`,
  branchMisaligned: (target: number) =>
    `branch target 0x${(target >>> 0).toString(16)} is not a multiple of 4`,
  branchTooFar: (name: string, words: number, limit: number) =>
    `the target is ${words} instructions away, but '${clip(name)}' reaches only ${-limit}..${limit - 1}`,
  dataOutOfRange: (value: number, directive: string, min: number, max: number) =>
    `${fmt(value)} does not fit in ${directive}: the range is ${min}..${max}`,
  // ---- Symbols -------------------------------------------------------------------------------------
  duplicateSymbol: (name: string, line: number) => `'${clip(name)}' is already defined on line ${line}`,
  registerAsSymbol: (name: string) => `'${clip(name)}' is a register name and cannot be a label or constant`,
  globalUndefined: (name: string) => `'${clip(name)}' is declared .global but never defined`,
  notALabel: (name: string, directive: string) =>
    `${directive} needs a label, but '${clip(name)}' is a constant`,
  badSymbolType: (found: string) => `.type takes 'function' or 'object', not '${clip(found)}'`,
  // ---- Sections and layout -------------------------------------------------------------------------
  unknownSection: (name: string) =>
    `unknown section '${clip(name)}' (sections are .text, .rodata, .data and .bss)`,
  bssOnlySpace: (what: string) =>
    `.bss holds only zeros: '${what}' is not allowed there (use .space, .zero, .align)`,
  bssFill: () => ".space in .bss cannot have a fill value: .bss is all zeros",
  orgBackward: (target: number, current: number) =>
    `.org 0x${(target >>> 0).toString(16)} would move backward (the location is already 0x${(current >>> 0).toString(16)})`,
  orgOutsideSection: (target: number, start: number) =>
    `.org 0x${(target >>> 0).toString(16)} is before the start of this section (0x${(start >>> 0).toString(16)})`,
  alignNotPowerOfTwo: (value: number) => `.align takes a power of two from 1 to 4096 bytes, not ${value}`,
  negativeSize: (value: number) => `the size cannot be negative (${value})`,
  unalignedInstruction: (address: number) =>
    `this instruction would start at 0x${(address >>> 0).toString(16)}, which is not a multiple of 4`,
  imageTooLarge: (bytes: number, limit: number) =>
    `the image would be ${bytes} bytes, more than the limit of ${limit} bytes`,
  addressSpaceOverflow: () => "the program runs past the end of the 32-bit address space",
  layoutUnstable: () => "the section layout does not settle (check the .org directives)",
  badBase: (base: number) => `the image base 0x${(base >>> 0).toString(16)} must be a multiple of 4096`,
  // ---- Kernel API and source mapping ---------------------------------------------------------------
  unknownKernelService: (name: string) => `'${clip(name)}' is not a kernel API service`,
  kapiOutsideText: () => ".kapi emits code, so it must be in .text",
  endfuncWithoutFunc: () => ".endfunc without a matching .func",
  duplicateEntry: (line: number) => `the entry point was already set on line ${line}`,
  badLoc: () => ".loc takes a line and a column: .loc 12 5",
  tooManyErrors: (limit: number) => `too many errors (${limit}); stopping here`,
  internalError: (detail: string) =>
    `internal assembler error (a bug in Ringlab, please report it): ${detail}`,
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** The note shown for an unknown register. */
export const REGISTER_HELP = "registers are r0..r15 or zero, a0-a3, t0-t4, s0-s2, fp, sp, lr";
