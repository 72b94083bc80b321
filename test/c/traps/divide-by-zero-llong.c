/* 64-bit division by zero traps as int division does, at the division (before the library call). */
long long ratio(long long a, long long b) { return a / b; }
unsigned long long rest(unsigned long long a, unsigned long long b) { return a % b; }
int main(void) {
    printf("%lld\n", ratio(0x500000000LL, 5));
    printf("%llu\n", rest(0x500000007ULL, 0x100000000ULL));
    printf("%lld\n", ratio(0x500000000LL, 0));
    return 0;
}
// expect: 4294967296
// expect: 7
// expect trap: divide by zero
