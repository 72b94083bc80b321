int main(void) {
    int a = 3, b = 5;
    printf("%d%d%d%d%d%d\n", a < b, a > b, a <= 3, a >= 4, a == 3, a != 3);
    printf("%d\n", (a < b) + (b < a) * 2 + (a == a) * 4);
    return 0;
}
// expect: 101010
// expect: 5
