/* Comparisons of 64-bit values: the high words decide unless they are equal; signed or unsigned. */
int main(void) {
    long long a = -1, b = 1, c = 0x100000000LL, d = 0xffffffffLL;
    unsigned long long ua = (unsigned long long)a, ub = 1;
    int i;
    printf("%d %d %d %d %d %d\n", a < b, a > b, a <= b, a >= b, a == b, a != b);
    printf("%d %d %d %d %d %d\n", ua < ub, ua > ub, ua <= ub, ua >= ub, ua == ub, ua != ub);
    printf("%d %d %d %d\n", c > d, d < c, c == d + 1, c != d + 1);
    printf("%d %d\n", -c < -d, (unsigned long long)-c < (unsigned long long)-d);
    printf("%d %d %d\n", c && d, c && 0LL, 0LL || c);
    printf("%lld %lld\n", a < b ? c : d, a > b ? c : d);
    if (c) printf("c is true\n");
    if (c - 0x100000000LL) printf("not printed\n");
    for (i = 0; c; i++) c >>= 8;
    printf("%d\n", i);
    while (d > 0x10) d = d / 16;
    printf("%lld\n", d);
    printf("%d\n", 0x7fffffffffffffffLL > -0x7fffffffffffffffLL - 1);
    return 0;
}
// expect: 1 0 1 0 0 1
// expect: 0 1 0 1 0 1
// expect: 1 1 1 0
// expect: 1 1
// expect: 1 0 1
// expect: 4294967296 4294967295
// expect: c is true
// expect: 5
// expect: 15
// expect: 1
