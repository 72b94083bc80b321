int f(int x) { return x + 100; }
int main(void) {
    int n = 3;
    int a[3] = { n, n * 2, f(n) };
    struct { int p; int q; } s = { a[2], a[0] - a[1] };
    printf("%d %d %d %d %d\n", a[0], a[1], a[2], s.p, s.q);
    return 0;
}
// expect: 3 6 103 103 -3
