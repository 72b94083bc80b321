int main(void) {
    int a = 1, b;
    b = (a++, a * 10);
    printf("%d %d\n", a, b);
    b = (a = 5, a + 1, a + 2);
    printf("%d %d\n", a, b);
    return 0;
}
// expect: 2 20
// expect: 5 7
