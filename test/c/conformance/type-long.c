/* long is 32 bits, as on every 32-bit target: the same as int. */
#include <limits.h>

long total(long a, unsigned long b) {
    return a + (long)b;
}

int main(void) {
    long n = 2147483647L;
    long int m = -5l;
    unsigned long u = 4294967295UL;
    long unsigned int v = 7lu;
    printf("%d %d\n", (int)sizeof(long), (int)sizeof(unsigned long));
    printf("%ld %ld %lu %lu\n", n, m, u, v);
    printf("%ld %d\n", total(m, v), LONG_MAX == n);
    printf("%ld\n", n + 1);
    printf("%lx %5ld|%-4ld|\n", u, m, v);
    return 0;
}
// expect: 4 4
// expect: 2147483647 -5 4294967295 7
// expect: 2 1
// expect: -2147483648
// expect: ffffffff    -5|7   |
