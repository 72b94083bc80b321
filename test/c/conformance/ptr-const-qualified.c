int sum(const int *a, int n) {
    int s = 0;
    while (n-- > 0) s += *a++;
    return s;
}
int main(void) {
    int a[3] = {1, 2, 3};
    const int *c = a;
    int *const fixed = a;
    fixed[0] = 10;
    printf("%d %d\n", sum(a, 3), c[0]);
    return 0;
}
// expect: 15 10
