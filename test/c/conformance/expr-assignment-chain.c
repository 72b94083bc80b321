int main(void) {
    int a, b, c;
    char ch;
    a = b = c = 7;
    int d = (ch = 300) + 1;
    printf("%d %d %d %d %d\n", a, b, c, ch, d);
    return 0;
}
// expect: 7 7 7 44 45
