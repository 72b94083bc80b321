/* Compound assignment and ++/-- on 64-bit lvalues, and on narrower ones computed in 64 bits. */
int main(void) {
    long long x = 0xffffffffLL;
    unsigned long long u = 0;
    long long arr[3] = {1, 2, 3};
    long long *p = arr;
    int i = 10;
    unsigned small = 4000000000u;
    char c = 100;
    x++;
    printf("%lld\n", x);
    x--;
    printf("%lld ", x--);
    printf("%lld ", x);
    printf("%lld\n", --x);
    printf("%lld ", ++x);
    printf("%lld ", x++);
    printf("%lld\n", x);
    u--;
    printf("%llu\n", u);
    x = 5;
    x += 0x100000000LL; printf("%lld\n", x);
    x -= 6; printf("%lld\n", x);
    x *= -3; printf("%lld\n", x);
    x /= 7; printf("%lld\n", x);
    x %= 1000; printf("%lld\n", x);
    x <<= 40; printf("%lld\n", x);
    x >>= 38; printf("%lld\n", x);
    x &= 0xff; printf("%lld\n", x);
    x |= 0x7000000000LL; printf("%lld\n", x);
    x ^= -1; printf("%lld\n", x);
    p[1] += 0x7fffffffLL; p[1]++;
    *p++ <<= 33;
    printf("%lld %lld %lld %lld\n", arr[0], arr[1], arr[2], *p);
    i += 0x100000000LL + 5;
    small += 1000000000LL;
    c *= 3LL;
    printf("%d %u %d\n", i, small, c);
    i = 7;
    i -= 10000000000LL;
    printf("%d\n", i);
    return 0;
}
// expect: 4294967296
// expect: 4294967295 4294967294 4294967293
// expect: 4294967294 4294967294 4294967295
// expect: 18446744073709551615
// expect: 4294967301
// expect: 4294967295
// expect: -12884901885
// expect: -1840700269
// expect: -269
// expect: -295768627871744
// expect: -1076
// expect: 204
// expect: 481036337356
// expect: -481036337357
// expect: 8589934592 2147483650 3 2147483650
// expect: 15 705032704 44
// expect: -1410065401
