int main(void) {
    int a = 7, b = 0;
    printf("%d %d %d %d\n", !a, !b, !!a, a && b);
    printf("%d %d\n", a || b, (a > 3) + (b < 1) + (a == 7));
    return 0;
}
// expect: 0 1 1 0
// expect: 1 3
