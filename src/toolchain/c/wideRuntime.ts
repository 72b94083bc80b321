/**
 * The run-time helpers of 64-bit arithmetic. The machine has 32-bit registers and a `mul` that keeps
 * only the low 32 bits of a product, so the code generator (genWide.ts) does add, subtract, the
 * bitwise operators, comparisons and shifts by a constant inline on register pairs, and calls these
 * for the rest, as gcc calls libgcc's on a 32-bit target (they have libgcc's names). They are written
 * in driver C, using only what is inline, and compiled into a program that needs them; so the guest
 * pays for every step, and a division by zero traps in the helper with the same trap as `int` division.
 */
import type { FuncSymbol, MachineOp, TFunction } from "./typed";

/** The helper each operation calls; a shift calls one only when its count is not a constant. */
export const WIDE_HELPERS: Partial<Record<MachineOp, string>> = {
  mul: "__muldi3",
  div: "__divdi3",
  divu: "__udivdi3",
  rem: "__moddi3",
  remu: "__umoddi3",
  shl: "__ashldi3",
  shr: "__lshrdi3",
  sar: "__ashrdi3",
};

const HELPER_NAMES: ReadonlySet<string> = new Set(Object.values(WIDE_HELPERS));

/**
 * Whether a program reaches a helper: an operation that calls one (checkOperators records it in the
 * function's calls), a call by name, or its address taken. A program without 64-bit multiplication,
 * division or variable shifts need not have the helpers checked at all, which every compile would
 * otherwise pay for (issue 12).
 */
export function needsWideRuntime(
  functions: readonly TFunction[],
  addressTaken: ReadonlySet<FuncSymbol>,
): boolean {
  for (const sym of addressTaken) if (HELPER_NAMES.has(sym.name)) return true;
  for (const f of functions) for (const callee of f.sym.calls) if (HELPER_NAMES.has(callee.name)) return true;
  return false;
}

export const WIDE_HELPER_PROTOTYPES = [
  "unsigned long long __muldi3(unsigned long long a, unsigned long long b);",
  "long long __divdi3(long long a, long long b);",
  "unsigned long long __udivdi3(unsigned long long a, unsigned long long b);",
  "long long __moddi3(long long a, long long b);",
  "unsigned long long __umoddi3(unsigned long long a, unsigned long long b);",
  "unsigned long long __ashldi3(unsigned long long x, int n);",
  "unsigned long long __lshrdi3(unsigned long long x, int n);",
  "long long __ashrdi3(long long x, int n);",
];

export const WIDE_SOURCE = `
/* The low 64 bits of a * b (the same for signed and unsigned): the full product of the low words from
   four 16-bit products, plus the cross products, which only reach the high word. */
unsigned long long __muldi3(unsigned long long a, unsigned long long b) {
    unsigned al = (unsigned)a, ah = (unsigned)(a >> 32);
    unsigned bl = (unsigned)b, bh = (unsigned)(b >> 32);
    unsigned a0 = al & 0xffff, a1 = al >> 16, b0 = bl & 0xffff, b1 = bl >> 16;
    unsigned p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    unsigned mid = (p00 >> 16) + (p01 & 0xffff) + (p10 & 0xffff);
    unsigned lo = (p00 & 0xffff) | (mid << 16);
    unsigned hi = p11 + (p01 >> 16) + (p10 >> 16) + (mid >> 16) + al * bh + ah * bl;
    return ((unsigned long long)hi << 32) | lo;
}

/* n / d and n % d, unsigned: one quotient bit per step (shift and subtract), or the machine's own
   divu when both fit in 32 bits. A zero divisor divides by zero with divu, so it traps as int does. */
static unsigned long long __rl_udivmod64(unsigned long long n, unsigned long long d, unsigned long long *rem) {
    unsigned long long q = 0, r = 0;
    int i;
    if ((n >> 32) == 0 && (d >> 32) == 0) {
        *rem = (unsigned)n % (unsigned)d;
        return (unsigned)n / (unsigned)d;
    }
    if (d == 0) return (unsigned)n / (unsigned)d;
    for (i = 0; i < 64; i++) {
        r = (r << 1) | (n >> 63);
        n = n << 1;
        q = q << 1;
        if (r >= d) {
            r = r - d;
            q = q | 1;
        }
    }
    *rem = r;
    return q;
}

unsigned long long __udivdi3(unsigned long long a, unsigned long long b) {
    unsigned long long r;
    return __rl_udivmod64(a, b, &r);
}

unsigned long long __umoddi3(unsigned long long a, unsigned long long b) {
    unsigned long long r;
    __rl_udivmod64(a, b, &r);
    return r;
}

/* Signed: divide the magnitudes; the quotient is negative when the signs differ, the remainder takes
   the dividend's sign (C rounds toward zero). */
long long __divdi3(long long a, long long b) {
    unsigned long long r;
    unsigned long long ua = a < 0 ? -(unsigned long long)a : (unsigned long long)a;
    unsigned long long ub = b < 0 ? -(unsigned long long)b : (unsigned long long)b;
    unsigned long long q = __rl_udivmod64(ua, ub, &r);
    return (a < 0) != (b < 0) ? -q : q;
}

long long __moddi3(long long a, long long b) {
    unsigned long long r;
    unsigned long long ua = a < 0 ? -(unsigned long long)a : (unsigned long long)a;
    unsigned long long ub = b < 0 ? -(unsigned long long)b : (unsigned long long)b;
    __rl_udivmod64(ua, ub, &r);
    return a < 0 ? -r : r;
}

/* Shifts by a count known only at run time (0..63; larger counts are undefined in C and use the low
   6 bits here), on the two halves. */
unsigned long long __ashldi3(unsigned long long x, int n) {
    unsigned lo = (unsigned)x, hi = (unsigned)(x >> 32);
    n = n & 63;
    if (n >= 32) {
        hi = lo << (n - 32);
        lo = 0;
    } else if (n > 0) {
        hi = (hi << n) | (lo >> (32 - n));
        lo = lo << n;
    }
    return ((unsigned long long)hi << 32) | lo;
}

unsigned long long __lshrdi3(unsigned long long x, int n) {
    unsigned lo = (unsigned)x, hi = (unsigned)(x >> 32);
    n = n & 63;
    if (n >= 32) {
        lo = hi >> (n - 32);
        hi = 0;
    } else if (n > 0) {
        lo = (lo >> n) | (hi << (32 - n));
        hi = hi >> n;
    }
    return ((unsigned long long)hi << 32) | lo;
}

long long __ashrdi3(long long x, int n) {
    unsigned lo = (unsigned)x;
    int hi = (int)(x >> 32);
    n = n & 63;
    if (n >= 32) {
        lo = hi >> (n - 32);
        hi = hi >> 31;
    } else if (n > 0) {
        lo = (lo >> n) | ((unsigned)hi << (32 - n));
        hi = hi >> n;
    }
    return (long long)(((unsigned long long)(unsigned)hi << 32) | lo);
}
`;
