/* 64-bit + and -: the carry and the borrow cross from the low word to the high one. */
long long add(long long a, long long b) { return a + b; }
long long sub(long long a, long long b) { return a - b; }

int main(void) {
    long long a = 0xffffffffLL;
    unsigned long long u = 0xffffffffffffffffULL;
    long long big = 9223372036854775807LL;
    printf("%lld %lld\n", add(a, 1), sub(0x100000000LL, 1));
    printf("%llu %llu\n", u + 1, 0ULL - 1);
    printf("%lld %lld\n", big + 1, -big - 2);
    printf("%lld %lld %lld\n", -a, ~a, -(-5LL));
    printf("%d %d %d\n", !a, !(a - a), !0x100000000LL);
    printf("%lld\n", add(-3000000000LL, 1000000000LL) - 7);
    printf("%llx\n", 0x123456789abcdefULL + 0xfedcba987654321ULL);
    return 0;
}
// expect: 4294967296 4294967295
// expect: 0 18446744073709551615
// expect: -9223372036854775808 9223372036854775807
// expect: -4294967295 -4294967296 5
// expect: 0 1 0
// expect: -2000000007
// expect: 1111111111111110
