/* 64-bit arguments take two argument words (low first): in registers, split across a3 and the stack,
   or on the stack; 64-bit results come back in a0 and a1. */
long long pick(int a, long long b, int c) { return b + a + c; }
long long split(int a, int b, int c, long long d, int e) { return d * 10 + a + b + c + e; }
long long many(long long a, long long b, long long c, long long d) { return a - b + c - d; }
unsigned long long fib(int n) { return n < 2 ? (unsigned long long)n : fib(n - 1) + fib(n - 2); }
unsigned long long fib_loop(int n) {
    unsigned long long a = 0, b = 1, t;
    while (n-- > 0) {
        t = a + b;
        a = b;
        b = t;
    }
    return a;
}
long long apply(long long (*f)(long long, long long, long long, long long), long long x) {
    return f(x, 1, x, 2);
}
long long fact(long long n) { return n <= 1 ? 1 : n * fact(n - 1); }
int low(long long v) { return (int)v; }

int main(void) {
    printf("%lld\n", pick(1, 0x100000000LL, 2));
    printf("%lld\n", split(1, 2, 3, 0x200000000LL, 4));
    printf("%lld\n", many(0x500000000LL, 0x100000000LL, 3, 4));
    printf("%llu %llu\n", fib(20), fib_loop(90));
    printf("%lld\n", apply(many, 1000000000000LL));
    printf("%lld %d\n", fact(20), low(fact(15)));
    return 0;
}
// expect: 4294967299
// expect: 85899345930
// expect: 17179869183
// expect: 6765 2880067194370816120
// expect: 1999999999997
// expect: 2432902008176640000 2004310016
