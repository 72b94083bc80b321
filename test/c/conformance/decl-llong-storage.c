/* 64-bit variables everywhere: globals, statics, arrays, struct members, through pointers. */
struct sample {
    char tag;
    long long when;
    int count;
    unsigned long long mask;
};

long long g = -0x0123456789abcdefLL;
unsigned long long table[3] = {1, 0xffffffffffffffffULL, 1ULL << 40};
struct sample first = {'a', 1000000000000LL, 3, ~0ULL};
long long folded = (1LL << 62) / 3 + (0x100000000LL * 7) % 5;

long long next_id(void) {
    static long long id = 0xfffffffeLL;
    return ++id;
}

void scale(long long *v, int n) {
    int i;
    for (i = 0; i < n; i++) v[i] *= 10;
}

int main(void) {
    struct sample s;
    struct sample *sp = &s;
    long long local[2] = {-1, 2};
    int k;
    printf("%d %d %d %d\n", (int)sizeof(struct sample), (int)((char *)&s.when - (char *)&s),
           (int)((char *)&s.count - (char *)&s), (int)((char *)&s.mask - (char *)&s));
    printf("%lld %llu %llu %llu\n", g, table[0], table[1], table[2]);
    printf("%c %lld %d %llx\n", first.tag, first.when, first.count, first.mask);
    printf("%lld\n", folded);
    for (k = 0; k < 3; k++) printf("%lld%s", next_id(), k < 2 ? " " : "\n");
    sp->when = first.when * 3;
    sp->mask = table[2] | 5;
    printf("%lld %llx\n", s.when, sp->mask);
    scale(local, 2);
    scale(&g, 1);
    printf("%lld %lld %lld\n", local[0], local[1], g);
    return 0;
}
// expect: 32 8 16 24
// expect: -81985529216486895 1 18446744073709551615 1099511627776
// expect: a 1000000000000 3 ffffffffffffffff
// expect: 1537228672809129303
// expect: 4294967295 4294967296 4294967297
// expect: 3000000000000 10000000005
// expect: -10 20 -819855292164868950
