int sum6(int a, int b, int c, int d, int e, int f) { return a + b + c + d + e + f; }
int twice(int x) { return 2 * x; }
int main(void) {
    int r = sum6(1, twice(2), sum6(1, 1, 1, 1, 1, twice(3)), 4, sum6(10, 20, 30, 40, 50, 60), twice(twice(5)));
    printf("%d\n", r);
    return 0;
}
// expect: 250
