/* &, |, ^ and ~ on both halves. */
int main(void) {
    unsigned long long a = 0xf0f0f0f00f0f0f0fULL, b = 0x0123456789abcdefULL;
    long long m = -1;
    printf("%llx %llx %llx %llx\n", a & b, a | b, a ^ b, ~a);
    printf("%llx %lld %lld\n", a & 0xffffffff, m & 0x100000000LL, m ^ m);
    printf("%llx\n", (a | 1) ^ (b & ~0xffULL));
    return 0;
}
// expect: 204060090b0d0f f1f3f5f78fafcfef f1d3b59786a4c2e0 f0f0f0ff0f0f0f0
// expect: f0f0f0f 4294967296 0
// expect: f1d3b59786a4c20f
