/* Many 64-bit values live at once, across helper calls and calls through a pointer: temps spill and come back. */
long long f3(long long a, int b, long long c) { return a - b * c; }
long long (*fp)(long long, int, long long) = f3;
long long arr[6] = {1, -2, 3, -4, 5, -6};
int main(void) {
    long long a = 123456789012LL, b = -98765, c = 7, d = 0x7fffffff, e = -1;
    int n = 5, m = 3, i = 1, j = 2;
    long long r = fp(a * b + c * d, n, (e << n) - (a >> m)) + f3(a / c, m, b % c) * (n ? d : e)
        + ((a ^ b) & (c | d)) - (a < b ? a * 2 : b * 3) + (long long)(int)(a * d);
    printf("%lld\n", r);
    arr[i + j] *= a;
    arr[i * 2 + 1] /= c;
    arr[n] <<= m + 30;
    arr[0] += arr[1] * arr[2] - arr[3] / (arr[4] | 1);
    for (i = 0; i < 6; i++) printf("%lld%s", arr[i], i < 5 ? " " : "\n");
    r = 0;
    for (i = 0; i < 10; i++) r = r * 31 + (long long)i * a % (b | 1) + (r >> (i + 20));
    printf("%lld %d\n", r, (int)(r > 0) + !r + (r != 0 && a > 0));
    return 0;
}
// expect: 968809536630954211
// expect: 14109347310 -2 3 -70546736578 5 -51539607552
// expect: 41061044564943908 2
