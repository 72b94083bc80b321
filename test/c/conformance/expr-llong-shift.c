/* 64-bit shifts: by constants inline, by variables through a helper; >> is arithmetic for signed. */
int main(void) {
    long long one = 1, neg = -0x123456789abLL;
    unsigned long long top = 0x8000000000000000ULL;
    int n;
    printf("%lld %lld %lld %lld\n", one << 0, one << 31, one << 32, one << 62);
    printf("%llx %llx %llx\n", top >> 1, top >> 32, top >> 63);
    printf("%lld %lld %lld %lld\n", neg >> 4, neg >> 32, neg >> 40, neg >> 63);
    for (n = 0; n < 64; n += 7) printf("%llx %llx %lld\n", 0x0123456789abcdefULL << n, top >> n, neg >> n);
    n = 33;
    printf("%llx %llx %lld\n", 0xffULL << n, 0xff00000000000000ULL >> n, (long long)top >> n);
    printf("%d %u\n", 1 << (n - 30), 0x80000000u >> (n - 1));
    return 0;
}
// expect: 1 2147483648 4294967296 4611686018427387904
// expect: 4000000000000000 80000000 1
// expect: -78187493531 -292 -2 -1
// expect: 123456789abcdef 8000000000000000 -1250999896491
// expect: 91a2b3c4d5e6f780 100000000000000 -9773436692
// expect: d159e26af37bc000 2000000000000 -76354975
// expect: acf13579bde00000 40000000000 -596524
// expect: 789abcdef0000000 800000000 -4661
// expect: 4d5e6f7800000000 10000000 -37
// expect: af37bc0000000000 200000 -1
// expect: 9bde000000000000 4000 -1
// expect: ef00000000000000 80 -1
// expect: 8000000000000000 1 -1
// expect: 1fe00000000 7f800000 -1073741824
// expect: 8 2147483648
