/**
 * sprintf and snprintf. Driver C has no va_list, so the compiler lowers a call to either (see
 * checkCall.ts): it stores the arguments after the format in a hidden array of words in the caller's
 * frame and calls __rl_format with that array, written here in driver C so the guest pays for the
 * formatting. The conversions are printf's (src/shared/printf.ts), with the same flags, width and
 * precision.
 */

/** The helper's prototype (sprintf's and snprintf's are in the library table of prelude.ts). */
export const FORMAT_HELPER_PROTOTYPE =
  "int __rl_format(char *buf, size_t size, const char *fmt, const unsigned *args, int count);";

/** The names whose calls are lowered, and whether each takes a size. */
export const FORMATTERS: ReadonlyMap<string, { sized: boolean }> = new Map([
  ["sprintf", { sized: false }],
  ["snprintf", { sized: true }],
]);

/** Ringlab's own sprintf or snprintf (not a program's function of that name): compiled as a lowering. */
export function isFormatter(sym: { name: string; defined: boolean }): boolean {
  return FORMATTERS.has(sym.name) && !sym.defined;
}

export const FORMAT_SOURCE = `
/* *v / base for a 64-bit *v and a base of at most 16, with 32-bit divisions only: 16 bits at a time
   below the high word, so each step's dividend stays under 2^20. Returns the remainder. */
static unsigned __rl_divsmall(unsigned long long *v, unsigned base) {
    unsigned hi = (unsigned)(*v >> 32), lo = (unsigned)*v;
    unsigned qh = hi / base, r = hi % base;
    unsigned mid = (r << 16) | (lo >> 16);
    unsigned qm = mid / base, low;
    r = mid % base;
    low = (r << 16) | (lo & 0xffff);
    *v = ((unsigned long long)qh << 32) | ((qm << 16) | low / base);
    return low % base;
}

static int __rl_put(char *buf, size_t size, int at, int c) {
    if ((size_t)at + 1 < size) buf[at] = c;
    return at + 1;
}

/* Writes at most size - 1 characters and a NUL; returns how many the whole text has (as C does). */
int __rl_format(char *buf, size_t size, const char *fmt, const unsigned *args, int count) {
    int at = 0, next = 0;
    for (; *fmt; fmt++) {
        int left = 0, zero = 0, plus = 0, space = 0, alt = 0, width = 0, precision = -1, wide = 0;
        int len, pad, i;
        char digits[24];
        const char *text = digits;
        char sign = 0;
        char conv;
        if (*fmt != '%') {
            at = __rl_put(buf, size, at, *fmt);
            continue;
        }
        fmt++;
        for (;; fmt++) {
            if (*fmt == '-') left = 1;
            else if (*fmt == '0') zero = 1;
            else if (*fmt == '+') plus = 1;
            else if (*fmt == ' ') space = 1;
            else if (*fmt == '#') alt = 1;
            else break;
        }
        while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        if (*fmt == '.') {
            precision = 0;
            fmt++;
            while (*fmt >= '0' && *fmt <= '9') precision = precision * 10 + (*fmt++ - '0');
        }
        while (*fmt == 'l' || *fmt == 'h' || *fmt == 'z') {
            if (fmt[0] == 'l' && fmt[1] == 'l') wide = 1;
            fmt++;
        }
        conv = *fmt;
        if (conv == 0) break;
        if (conv == '%') {
            at = __rl_put(buf, size, at, '%');
            continue;
        }
        {
            unsigned v = next < count ? args[next] : 0;
            unsigned long long wv = v;
            next++;
            if (wide) {
                /* %lld and friends: the high word follows the low one. */
                wv = wv | ((unsigned long long)(next < count ? args[next] : 0) << 32);
                next++;
            }
            len = 0;
            if (conv == 's') {
                text = v ? (const char *)v : "(null)";
                while (text[len] && (precision < 0 || len < precision)) len++;
            } else if (conv == 'c') {
                digits[0] = (char)v;
                len = 1;
            } else {
                unsigned base = conv == 'x' || conv == 'X' || conv == 'p' ? 16 : 10;
                const char *set = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
                char tmp[24];
                int n = 0;
                int negative = wide ? (long long)wv < 0 : (int)v < 0;
                if ((conv == 'd' || conv == 'i') && negative) {
                    sign = '-';
                    v = -v;
                    wv = -wv;
                } else if (conv == 'd' || conv == 'i') {
                    sign = plus ? '+' : space ? ' ' : 0;
                }
                int nonzero = wide ? wv != 0 : v != 0;
                if (conv == 'p') precision = 8;
                do {
                    if (wide) {
                        tmp[n++] = set[__rl_divsmall(&wv, base)];
                    } else {
                        tmp[n++] = set[v % base];
                        v /= base;
                    }
                } while (wide ? wv != 0 : v != 0);
                if (precision == 0 && n == 1 && tmp[0] == '0') n = 0;
                while (n < precision && n < 23) tmp[n++] = '0';
                if (precision >= 0 || left) zero = 0;
                for (i = 0; i < n; i++) digits[i] = tmp[n - 1 - i];
                len = n;
                if (conv == 'p' || (alt && (conv == 'x' || conv == 'X') && nonzero)) {
                    width -= 2;
                    if (zero || left || width <= len) {
                        at = __rl_put(buf, size, at, '0');
                        at = __rl_put(buf, size, at, conv == 'X' ? 'X' : 'x');
                    } else {
                        for (pad = len; pad < width; pad++) at = __rl_put(buf, size, at, ' ');
                        width = 0;
                        at = __rl_put(buf, size, at, '0');
                        at = __rl_put(buf, size, at, conv == 'X' ? 'X' : 'x');
                    }
                }
            }
            if (sign) width--;
            if (sign && zero) at = __rl_put(buf, size, at, sign);
            if (!left)
                for (pad = len; pad < width; pad++) at = __rl_put(buf, size, at, zero ? '0' : ' ');
            if (sign && !zero) at = __rl_put(buf, size, at, sign);
            for (i = 0; i < len; i++) at = __rl_put(buf, size, at, text[i]);
            if (left)
                for (pad = len; pad < width; pad++) at = __rl_put(buf, size, at, ' ');
        }
    }
    if (size > 0) buf[(size_t)at < size ? at : size - 1] = 0;
    return at;
}
`;
