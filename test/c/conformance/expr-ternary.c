int main(void) {
    int a = 3, b = 9;
    int m = a > b ? a : b;
    int n = a > b ? a : a < b ? -1 : 0;
    unsigned u = a ? 1u : -1;
    printf("%d %d %u\n", m, n, u);
    printf("%s\n", a == 3 ? "three" : "other");
    return 0;
}
// expect: 9 -1 1
// expect: three
