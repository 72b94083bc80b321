/**
 * The headers a driver C program may include. `<ringlab.h>` adds nothing (the prelude is always
 * there); each standard header declares the part of its standard contents that Ringlab provides:
 * its macros and typedefs, and prototypes of the functions, which repeat what the prelude declares
 * (a compatible redeclaration, as C allows). docs/kernel-api.md prints this table.
 */
import { KERNEL_SERVICES } from "../../shared/kernelApi";
import { LIBRARY_FUNCTIONS } from "./prelude";

export interface StandardHeader {
  name: string;
  /** `#define` lines: NAME and its replacement. */
  macros: [string, string][];
  /** Typedefs as C spells them. */
  typedefs: string[];
  /** Functions it declares, by name (each is a kernel service or a library function). */
  functions: string[];
}

const LIMITS: [string, string][] = [
  ["CHAR_BIT", "8"],
  ["SCHAR_MIN", "(-128)"],
  ["SCHAR_MAX", "127"],
  ["UCHAR_MAX", "255"],
  ["CHAR_MIN", "(-128)"],
  ["CHAR_MAX", "127"],
  ["SHRT_MIN", "(-32768)"],
  ["SHRT_MAX", "32767"],
  ["USHRT_MAX", "65535"],
  ["INT_MIN", "(-2147483647 - 1)"],
  ["INT_MAX", "2147483647"],
  ["UINT_MAX", "4294967295u"],
  ["LONG_MIN", "(-2147483647L - 1)"],
  ["LONG_MAX", "2147483647L"],
  ["ULONG_MAX", "4294967295uL"],
  ["LLONG_MIN", "(-9223372036854775807LL - 1)"],
  ["LLONG_MAX", "9223372036854775807LL"],
  ["ULLONG_MAX", "18446744073709551615ULL"],
];

const NULL_MACRO: [string, string] = ["NULL", "((void *)0)"];

export const STANDARD_HEADERS: readonly StandardHeader[] = [
  {
    name: "stdio.h",
    macros: [NULL_MACRO, ["EOF", "(-1)"]],
    typedefs: ["typedef unsigned int size_t;"],
    functions: ["printf", "sprintf", "snprintf", "putchar", "getchar", "puts", "remove"],
  },
  {
    name: "stdlib.h",
    macros: [NULL_MACRO, ["EXIT_SUCCESS", "0"], ["EXIT_FAILURE", "1"], ["RAND_MAX", "32767"]],
    typedefs: ["typedef unsigned int size_t;"],
    functions: ["malloc", "calloc", "realloc", "free", "exit", "rand", "abs", "atoi", "qsort"],
  },
  {
    name: "string.h",
    macros: [NULL_MACRO],
    typedefs: ["typedef unsigned int size_t;"],
    functions: [
      "memcpy",
      "memmove",
      "memset",
      "memcmp",
      "strlen",
      "strcmp",
      "strncmp",
      "strcpy",
      "strncpy",
      "strcat",
      "strncat",
      "strchr",
      "strrchr",
      "strstr",
    ],
  },
  {
    name: "stddef.h",
    macros: [NULL_MACRO, ["offsetof(type, member)", "((size_t)&((type *)0)->member)"]],
    typedefs: ["typedef unsigned int size_t;", "typedef int ptrdiff_t;"],
    functions: [],
  },
  {
    name: "stdint.h",
    macros: [
      ["INT8_MIN", "(-128)"],
      ["INT8_MAX", "127"],
      ["UINT8_MAX", "255"],
      ["INT16_MIN", "(-32768)"],
      ["INT16_MAX", "32767"],
      ["UINT16_MAX", "65535"],
      ["INT32_MIN", "(-2147483647 - 1)"],
      ["INT32_MAX", "2147483647"],
      ["UINT32_MAX", "4294967295u"],
      ["INT64_MIN", "(-9223372036854775807LL - 1)"],
      ["INT64_MAX", "9223372036854775807LL"],
      ["UINT64_MAX", "18446744073709551615ULL"],
      ["INTMAX_MIN", "(-9223372036854775807LL - 1)"],
      ["INTMAX_MAX", "9223372036854775807LL"],
      ["UINTMAX_MAX", "18446744073709551615ULL"],
      ["INTPTR_MIN", "(-2147483647 - 1)"],
      ["INTPTR_MAX", "2147483647"],
      ["UINTPTR_MAX", "4294967295u"],
      ["SIZE_MAX", "4294967295u"],
    ],
    typedefs: [
      "typedef signed char int8_t;",
      "typedef unsigned char uint8_t;",
      "typedef short int16_t;",
      "typedef unsigned short uint16_t;",
      "typedef int int32_t;",
      "typedef unsigned int uint32_t;",
      "typedef long long int64_t;",
      "typedef unsigned long long uint64_t;",
      "typedef long long intmax_t;",
      "typedef unsigned long long uintmax_t;",
      "typedef int intptr_t;",
      "typedef unsigned int uintptr_t;",
    ],
    functions: [],
  },
  {
    name: "stdbool.h",
    macros: [
      ["bool", "_Bool"],
      ["true", "1"],
      ["false", "0"],
      ["__bool_true_false_are_defined", "1"],
    ],
    typedefs: [],
    functions: [],
  },
  {
    name: "ctype.h",
    macros: [],
    typedefs: [],
    functions: [
      "isdigit",
      "isalpha",
      "isalnum",
      "isspace",
      "isupper",
      "islower",
      "isxdigit",
      "toupper",
      "tolower",
    ],
  },
  {
    name: "limits.h",
    macros: LIMITS,
    typedefs: [],
    functions: [],
  },
];

/** The headers `#include` accepts, by name, with the text each stands for. */
export const HEADER_SOURCES: ReadonlyMap<string, string> = new Map([
  ["ringlab.h", ""],
  ...STANDARD_HEADERS.map((h): [string, string] => [h.name, headerSource(h)]),
]);

function prototypeOf(name: string): string {
  const found =
    KERNEL_SERVICES.find((s) => s.name === name)?.prototype ??
    LIBRARY_FUNCTIONS.find((f) => f.prototype.includes(` ${name}(`) || f.prototype.includes(`*${name}(`))
      ?.prototype;
  if (!found) throw new Error(`header function '${name}' is neither a kernel service nor in the library`);
  return found;
}

function headerSource(h: StandardHeader): string {
  return [
    `/* <${h.name}>: what Ringlab provides of it. */`,
    ...h.macros.map(([name, value]) => `#define ${name} ${value}`),
    ...h.typedefs,
    ...h.functions.map(prototypeOf),
    "",
  ].join("\n");
}

/** The docs table: each header and what it declares. */
export function headerTable(): string {
  const rows = STANDARD_HEADERS.map((h) => {
    const names = [
      ...h.functions,
      ...h.typedefs.map((t) => /(\w+);$/.exec(t)![1]!),
      ...h.macros.map(([name]) => name),
    ];
    return `| \`<${h.name}>\` | ${names.map((n) => `\`${n}\``).join(" ")} |`;
  });
  return ["| Header | Declares |", "| --- | --- |", ...rows].join("\n");
}
