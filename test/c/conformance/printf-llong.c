/* %lld %lli %llu %llx %llX with widths and flags, in printf, sprintf and snprintf. */
#include <limits.h>
#include <stdio.h>

int main(void) {
    char buf[100];
    long long n = -1234567890123LL;
    unsigned long long u = ULLONG_MAX;
    int r;
    printf("%lld %lli %llu %llx %llX\n", LLONG_MIN, LLONG_MAX, u, u, 0xdeadbeefcafeULL);
    printf("[%20lld] [%-20lld] [%+lld] [% lld] [%020lld]\n", n, n, 5LL, 5LL, n);
    printf("[%#llx] [%#18llX] [%.20llu] [%5lld] %d\n", 255ULL, 255ULL, 42ULL, 0LL, 7);
    printf("%d %lld %d %llu %s\n", 1, 2LL, 3, 4ULL, "end");
    r = sprintf(buf, "%lld|%llu|%llx|%-6lld|%d", n, u, 0x123456789ULL, 12LL, 99);
    printf("%s %d\n", buf, r);
    r = snprintf(buf, 12, "%lld", LLONG_MIN);
    printf("%s %d\n", buf, r);
    return 0;
}
// expect: -9223372036854775808 9223372036854775807 18446744073709551615 ffffffffffffffff DEADBEEFCAFE
// expect: [      -1234567890123] [-1234567890123      ] [+5] [ 5] [-0000001234567890123]
// expect: [0xff] [              0XFF] [00000000000000000042] [    0] 7
// expect: 1 2 3 4 end
// expect: -1234567890123|18446744073709551615|123456789|12    |99 55
// expect: -9223372036 20
