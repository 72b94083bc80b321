int gcd(int a, int b) { while (b) { int t = a % b; a = b; b = t; } return a; }
int is_prime(int n) {
    int d;
    if (n < 2) return 0;
    for (d = 2; d * d <= n; d++) if (n % d == 0) return 0;
    return 1;
}
int main(void) {
    int n, count = 0;
    for (n = 0; n < 100; n++) count += is_prime(n);
    printf("%d %d %d\n", gcd(84, 36), gcd(17, 5), count);
    return 0;
}
// expect: 12 1 25
