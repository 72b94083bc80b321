/* Conversions between 64-bit and narrower types, and C's usual arithmetic conversions. */
#include <stdint.h>

int main(void) {
    long long big = 0x123456789abcdefLL;
    long long neg = -2;
    int i = -5;
    unsigned u = 4294967295u;
    char ch = (char)big;
    short sh = (short)big;
    unsigned char uc = (unsigned char)neg;
    int arr[4] = {10, 20, 30, 40};
    int *ptr = &arr[1];
    long long idx = 2;
    printf("%d %d %d %d %u\n", ch, sh, uc, (int)big, (unsigned)neg);
    printf("%lld %lld %llu %lld\n", (long long)i, (long long)u, (unsigned long long)i, (long long)(char)200);
    printf("%lld %lld\n", (long long)(unsigned short)65535, (long long)(short)-2);
    /* unsigned int meets long long: long long holds it, so the result is long long. */
    printf("%d %d\n", u < 1LL, (long long)u + 1 > 0);
    /* int meets unsigned long long: it becomes unsigned. */
    printf("%d %llu\n", i < 1ULL, i + 0ULL);
    printf("%d %d %d %d\n", (int)sizeof(long long), (int)sizeof(1LL), (int)sizeof(2147483648), (int)sizeof(0xffffffff));
    printf("%d %d %d\n", (int)sizeof(int64_t), (int)sizeof(uint64_t), (int)sizeof(big + i));
    printf("%d %d\n", ptr[idx - 1], *(arr + idx));
    printf("%d %d\n", (_Bool)0x100000000LL, (_Bool)(big - big));
    printf("%lld %lld\n", 2147483648, -2147483648);
    printf("%llu %lld\n", 0xffffffffffffffff, 0x7fffffffffffffff);
    return 0;
}
// expect: -17 -12817 254 -1985229329 4294967294
// expect: -5 4294967295 18446744073709551611 -56
// expect: 65535 -2
// expect: 0 1
// expect: 0 18446744073709551611
// expect: 8 8 8 4
// expect: 8 8 8
// expect: 30 30
// expect: 1 0
// expect: 2147483648 -2147483648
// expect: 18446744073709551615 9223372036854775807
