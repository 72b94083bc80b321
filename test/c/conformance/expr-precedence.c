int main(void) {
    int a = 2, b = 3, c = 4;
    printf("%d %d %d %d\n", a + b * c, (a + b) * c, a * b % c, a - b - c);
    printf("%d %d %d\n", a << 1 + 1, a & b | c, a | b ^ c & 1);
    printf("%d %d\n", a < b == c > b, -a * -b);
    return 0;
}
// expect: 14 20 2 -5
// expect: 8 6 3
// expect: 1 6
