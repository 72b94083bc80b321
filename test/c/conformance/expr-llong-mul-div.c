/* 64-bit *, / and %: library helpers, rounding toward zero as for int. */
long long mul(long long a, long long b) { return a * b; }
long long quo(long long a, long long b) { return a / b; }
long long mod(long long a, long long b) { return a % b; }

int main(void) {
    unsigned long long u = 18446744073709551615ULL;
    printf("%lld %lld\n", mul(100000, 100000), mul(-123456789, 987654321));
    printf("%lld %lld\n", mul(0x100000001LL, 0x100000001LL), mul(-1, -9223372036854775807LL));
    printf("%llu %llu\n", u * u, u * 3);
    printf("%lld %lld %lld %lld\n", quo(7, 2), quo(-7, 2), quo(7, -2), quo(-7, -2));
    printf("%lld %lld %lld %lld\n", mod(7, 2), mod(-7, 2), mod(7, -2), mod(-7, -2));
    printf("%lld %lld\n", quo(-1000000000000000000LL, 3), mod(-1000000000000000000LL, 7));
    printf("%llu %llu\n", u / 10, u % 10);
    printf("%llu %llu\n", u / 0x100000001ULL, u % 0x123456789ULL);
    printf("%lld %lld\n", 9223372036854775807LL / 1000000007, 9223372036854775807LL % 1000000007);
    printf("%llu\n", (unsigned long long)-1 / (unsigned long long)-2);
    printf("%lld %lld\n", 1000000LL * 1000000 / 7, 12345678901234LL % 1000);
    return 0;
}
// expect: 10000000000 -121932631112635269
// expect: 8589934593 9223372036854775807
// expect: 1 18446744073709551613
// expect: 3 -3 -3 3
// expect: 1 -1 1 -1
// expect: -333333333333333333 -1
// expect: 1844674407370955161 5
// expect: 4294967295 2533359615
// expect: 9223371972 291172003
// expect: 1
// expect: 142857142857 234
