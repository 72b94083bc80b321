int main(void) {
    int a = -17, b = 5, c = 4;
    printf("%d %d %d %d\n", a / b, a % b, a / c, a % c);
    printf("%d %d\n", a / 1, a / -1);
    return 0;
}
// expect: -3 -2 -4 -1
// expect: -17 17
