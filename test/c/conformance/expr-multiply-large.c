int main(void) {
    int a = 46341, b = 46340;
    unsigned ua = 100000, ub = 100000;
    printf("%d\n", a * b);
    printf("%u\n", ua * ub);
    return 0;
}
// expect: 2147441940
// expect: 1410065408
