/**
 * What every driver C program can use without writing anything: `ringlab.h` (the kernel API from the
 * one table in shared/kernelApi.ts, struct event and its kinds, NULL, the C library's prototypes) and
 * the C library itself, written in driver C and compiled into each program that uses it, so that a
 * bad pointer passed to strlen faults in the caller's own mode, as it would with a real libc.
 */
import { KERNEL_SERVICES } from "../../shared/kernelApi";
import { FORMAT_HELPER_PROTOTYPE, FORMAT_SOURCE } from "./formatLibrary";
import { WIDE_HELPER_PROTOTYPES, WIDE_SOURCE } from "./wideRuntime";

export const PRELUDE_FILE = "ringlab.h";
export const LIBRARY_FILE = "libc.c";

/** Event kinds of the security-sensor event source (struct event.kind). */
export const EVENT_KINDS: readonly { name: string; value: number; about: string; detail: string }[] = [
  { name: "EV_PROCESS_START", value: 1, about: "the program", detail: "its path and command line" },
  { name: "EV_PIPE_OPEN", value: 2, about: "the pipe", detail: "the program that opened it" },
  { name: "EV_FILE_WRITE", value: 3, about: "the file", detail: "how much was written" },
  { name: "EV_NET_CONNECT", value: 4, about: "the remote host", detail: "the port" },
  { name: "EV_MODULE_LOAD", value: 5, about: "the module", detail: "the program that loaded it" },
  { name: "EV_REGISTRY_SET", value: 6, about: "the registry value", detail: "the program that set it" },
];

export const EVENT_STRUCT = "struct event { int kind; int pid; char name[32]; char arg[64]; };";

/** The C library: prototypes as C declares them (size_t is unsigned int), and what each does. */
export const LIBRARY_FUNCTIONS: readonly { prototype: string; summary: string }[] = [
  {
    prototype: "void *memcpy(void *dst, const void *src, size_t n);",
    summary: "copies n bytes; returns dst",
  },
  {
    prototype: "void *memset(void *dst, int c, size_t n);",
    summary: "sets n bytes to (unsigned char)c; returns dst",
  },
  {
    prototype: "int memcmp(const void *a, const void *b, size_t n);",
    summary: "compares n bytes as unsigned char: <0, 0 or >0",
  },
  { prototype: "size_t strlen(const char *s);", summary: "the number of bytes before the terminating NUL" },
  {
    prototype: "int strcmp(const char *a, const char *b);",
    summary: "compares strings as unsigned char: <0, 0 or >0",
  },
  { prototype: "int strncmp(const char *a, const char *b, size_t n);", summary: "compares at most n bytes" },
  {
    prototype: "char *strcpy(char *dst, const char *src);",
    summary: "copies src with its NUL, however long it is; returns dst",
  },
  {
    prototype: "char *strncpy(char *dst, const char *src, size_t n);",
    summary: "copies at most n bytes and pads with NULs; no NUL if src is n bytes or longer",
  },
  { prototype: "char *strchr(const char *s, int c);", summary: "the first c in s (the NUL counts), or NULL" },
  {
    prototype: "int atoi(const char *s);",
    summary: "the decimal number at the start of s (after spaces, with a sign), or 0",
  },
  { prototype: "int abs(int x);", summary: "the absolute value (abs of INT_MIN is INT_MIN)" },
  {
    prototype: "void *memmove(void *dst, const void *src, size_t n);",
    summary: "copies n bytes, also when the two overlap; returns dst",
  },
  {
    prototype: "char *strcat(char *dst, const char *src);",
    summary: "appends src to the string dst; returns dst",
  },
  {
    prototype: "char *strncat(char *dst, const char *src, size_t n);",
    summary: "appends at most n bytes of src, then a NUL; returns dst",
  },
  { prototype: "char *strrchr(const char *s, int c);", summary: "the last c in s (the NUL counts), or NULL" },
  {
    prototype: "char *strstr(const char *s, const char *part);",
    summary: "the first place part occurs in s (s itself if part is empty), or NULL",
  },
  {
    prototype: "void *calloc(size_t count, size_t size);",
    summary: "malloc of count * size bytes, zeroed; NULL when out of memory or when the product overflows",
  },
  {
    prototype: "int sprintf(char *buf, const char *fmt, ...);",
    summary: "printf into buf (which must be big enough), with a NUL; returns the length",
  },
  {
    prototype: "int snprintf(char *buf, size_t size, const char *fmt, ...);",
    summary: "printf into at most size bytes of buf, NUL included; returns the length the whole text has",
  },
  { prototype: "int puts(const char *s);", summary: "writes s and a newline to the console; returns 0" },
  {
    prototype: "void qsort(void *base, size_t n, size_t size, int (*compare)(const void *, const void *));",
    summary: "sorts n elements of size bytes in place, in the order compare gives (<0, 0, >0); not stable",
  },
  { prototype: "int isdigit(int c);", summary: "non-zero for '0' to '9'" },
  { prototype: "int isalpha(int c);", summary: "non-zero for a letter, 'a' to 'z' or 'A' to 'Z'" },
  { prototype: "int isalnum(int c);", summary: "non-zero for a letter or a digit" },
  { prototype: "int isspace(int c);", summary: "non-zero for ' ', '\\t', '\\n', '\\v', '\\f' and '\\r'" },
  { prototype: "int isupper(int c);", summary: "non-zero for 'A' to 'Z'" },
  { prototype: "int islower(int c);", summary: "non-zero for 'a' to 'z'" },
  { prototype: "int isxdigit(int c);", summary: "non-zero for a hexadecimal digit" },
  {
    prototype: "int toupper(int c);",
    summary: "the upper-case letter for a lower-case one; other values unchanged",
  },
  {
    prototype: "int tolower(int c);",
    summary: "the lower-case letter for an upper-case one; other values unchanged",
  },
];

export const PRELUDE_SOURCE = [
  "/* ringlab.h: always included. */",
  "typedef unsigned int size_t;",
  "#define NULL ((void *)0)",
  // What C and its compilers predefine, so portable code finds its way: an ILP32 target (int, long
  // and pointers of 32 bits), C99 with a hosted library, and GCC's branch hint as the plain condition.
  "#define __STDC__ 1",
  "#define __STDC_VERSION__ 199901L",
  "#define __STDC_HOSTED__ 1",
  "#define __ILP32__ 1",
  "#define _ILP32 1",
  "#define __CHAR_BIT__ 8",
  "#define __ringlab__ 1",
  "#define __builtin_expect(condition, expected) (condition)",
  ...EVENT_KINDS.map((k) => `#define ${k.name} ${k.value}`),
  EVENT_STRUCT,
  ...KERNEL_SERVICES.map((s) => s.prototype),
  ...LIBRARY_FUNCTIONS.map((f) => f.prototype),
  "void __rl_bounds_fail(int index, int len, const char *where);",
  "void __rl_bounds_fail_ptr(int offset, int limit, int size, const char *where);",
  "void __rl_bad_call(unsigned target, const char *where);",
  FORMAT_HELPER_PROTOTYPE,
  ...WIDE_HELPER_PROTOTYPES,
  "",
].join("\n");

/** Typedef names the prelude declares (the library's parser needs to know them). */
export const PRELUDE_TYPEDEFS = ["size_t"];

/** The checked-mode panic helpers: the message is Rust's, word for word. */
const BOUNDS_HELPERS = `
static int __rl_append(char *buf, int at, const char *s) {
    while (*s && at < 159) buf[at++] = *s++;
    return at;
}

static int __rl_append_int(char *buf, int at, int v) {
    char digits[12];
    int n = 0;
    unsigned u = v < 0 ? -(unsigned)v : (unsigned)v;
    if (v < 0 && at < 159) buf[at++] = '-';
    do {
        digits[n++] = '0' + u % 10;
        u = u / 10;
    } while (u != 0);
    while (n > 0 && at < 159) buf[at++] = digits[--n];
    return at;
}

void __rl_bounds_fail(int index, int len, const char *where) {
    char msg[160];
    int at = __rl_append(msg, 0, "index out of bounds: the len is ");
    at = __rl_append_int(msg, at, len);
    at = __rl_append(msg, at, " but the index is ");
    at = __rl_append_int(msg, at, index);
    at = __rl_append(msg, at, " at ");
    at = __rl_append(msg, at, where);
    msg[at] = 0;
    panic(msg);
}

/* Checked mode: a call through a pointer that is null or not the address of any function taken. */
void __rl_bad_call(unsigned target, const char *where) {
    char msg[160];
    int at;
    if (target == 0) {
        at = __rl_append(msg, 0, "call through a null function pointer at ");
    } else {
        char hex[11];
        int i;
        hex[0] = '0';
        hex[1] = 'x';
        for (i = 0; i < 8; i++) hex[2 + i] = "0123456789abcdef"[(target >> (28 - 4 * i)) & 15];
        hex[10] = 0;
        at = __rl_append(msg, 0, "call through a wild function pointer (");
        at = __rl_append(msg, at, hex);
        at = __rl_append(msg, at, ") at ");
    }
    at = __rl_append(msg, at, where);
    msg[at] = 0;
    panic(msg);
}

void __rl_bounds_fail_ptr(int offset, int limit, int size, const char *where) {
    int index = offset / size;
    if (offset < 0 && offset % size != 0) index = index - 1;
    __rl_bounds_fail(index, limit / size, where);
}
`;

export const LIBRARY_SOURCE = `/* libc.c: the C library of driver C, compiled into each program that uses it. */
void *memcpy(void *dst, const void *src, size_t n) {
    char *d = dst;
    const char *s = src;
    while (n-- > 0) *d++ = *s++;
    return dst;
}

void *memset(void *dst, int c, size_t n) {
    char *d = dst;
    while (n-- > 0) *d++ = c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a;
    const unsigned char *y = b;
    for (; n > 0; n--, x++, y++) {
        if (*x != *y) return *x - *y;
    }
    return 0;
}

size_t strlen(const char *s) {
    const char *p = s;
    while (*p) p++;
    return p - s;
}

int strcmp(const char *a, const char *b) {
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n) {
    for (; n > 0; n--, a++, b++) {
        if (*a != *b) return (unsigned char)*a - (unsigned char)*b;
        if (*a == 0) return 0;
    }
    return 0;
}

char *strcpy(char *dst, const char *src) {
    char *d = dst;
    while ((*d++ = *src++) != 0) {
    }
    return dst;
}

char *strncpy(char *dst, const char *src, size_t n) {
    size_t i = 0;
    for (; i < n && src[i] != 0; i++) dst[i] = src[i];
    for (; i < n; i++) dst[i] = 0;
    return dst;
}

char *strchr(const char *s, int c) {
    for (;; s++) {
        if (*s == (char)c) return (char *)s;
        if (*s == 0) return NULL;
    }
}

int atoi(const char *s) {
    int sign = 1;
    int n = 0;
    while (*s == ' ' || *s == '\\t' || *s == '\\n') s++;
    if (*s == '-' || *s == '+') {
        if (*s == '-') sign = -1;
        s++;
    }
    while (*s >= '0' && *s <= '9') {
        n = n * 10 + (*s - '0');
        s++;
    }
    return sign * n;
}

int abs(int x) {
    return x < 0 ? -x : x;
}

void *memmove(void *dst, const void *src, size_t n) {
    char *d = dst;
    const char *s = src;
    if (d < s) {
        while (n-- > 0) *d++ = *s++;
    } else {
        d += n;
        s += n;
        while (n-- > 0) *--d = *--s;
    }
    return dst;
}

char *strcat(char *dst, const char *src) {
    strcpy(dst + strlen(dst), src);
    return dst;
}

char *strncat(char *dst, const char *src, size_t n) {
    char *d = dst + strlen(dst);
    while (n > 0 && *src) {
        *d++ = *src++;
        n--;
    }
    *d = 0;
    return dst;
}

char *strrchr(const char *s, int c) {
    const char *last = NULL;
    for (;; s++) {
        if (*s == (char)c) last = s;
        if (*s == 0) return (char *)last;
    }
}

char *strstr(const char *s, const char *part) {
    size_t n = strlen(part);
    for (;; s++) {
        if (strncmp(s, part, n) == 0) return (char *)s;
        if (*s == 0) return NULL;
    }
}

void *calloc(size_t count, size_t size) {
    void *p;
    if (size != 0 && count > 4294967295u / size) return NULL;
    p = malloc(count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

/* Shell sort: no recursion, no extra memory, and the guest pays for every comparison. */
void qsort(void *base, size_t n, size_t size, int (*compare)(const void *, const void *)) {
    char *a = base;
    size_t gap, i, j, k;
    for (gap = n / 2; gap > 0; gap /= 2) {
        for (i = gap; i < n; i++) {
            for (j = i; j >= gap && compare(a + (j - gap) * size, a + j * size) > 0; j -= gap) {
                char *x = a + (j - gap) * size;
                char *y = a + j * size;
                for (k = 0; k < size; k++) {
                    char t = x[k];
                    x[k] = y[k];
                    y[k] = t;
                }
            }
        }
    }
}

int puts(const char *s) {
    while (*s) putchar(*s++);
    putchar('\\n');
    return 0;
}

int isdigit(int c) { return c >= '0' && c <= '9'; }
int isupper(int c) { return c >= 'A' && c <= 'Z'; }
int islower(int c) { return c >= 'a' && c <= 'z'; }
int isalpha(int c) { return isupper(c) || islower(c); }
int isalnum(int c) { return isalpha(c) || isdigit(c); }
int isspace(int c) { return c == ' ' || (c >= '\\t' && c <= '\\r'); }
int isxdigit(int c) { return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int toupper(int c) { return islower(c) ? c - 'a' + 'A' : c; }
int tolower(int c) { return isupper(c) ? c - 'A' + 'a' : c; }
${FORMAT_SOURCE}${BOUNDS_HELPERS}${WIDE_SOURCE}`;

/**
 * The first line of libc.c that belongs to the 64-bit runtime. It comes last in the library, so the
 * compiler can check it only for a program that needs it (index.ts) while every line keeps its number,
 * and everything checked before it (string and label numbering included) stays the same either way.
 */
export const WIDE_RUNTIME_FIRST_LINE = LIBRARY_SOURCE.slice(
  0,
  LIBRARY_SOURCE.length - WIDE_SOURCE.length,
).split("\n").length;

/**
 * crt0, the start of every program, the entry point: calls main and exits with its result. For `int main(int argc, char **argv)`
 * it passes argc = 1 and argv = { the program's name, NULL } (ARGV_LABEL, emitted with the data).
 */
export function crt0(withArguments: boolean): string[] {
  return [
    "",
    "    ; crt0: the entry point of every driver C program",
    "    .global _start",
    "    .type _start, function",
    "_start:",
    ...(withArguments ? ["    li    a0, 1", `    la    a1, ${ARGV_LABEL}`] : []),
    "    call  main",
    "    call  exit          ; exit(main's result): does not return",
    "    brk",
    "    .size _start, . - _start",
  ];
}

/** main's argv, when main takes one: { name, NULL }. */
export const ARGV_LABEL = "__argv";
