int main(void) {
    unsigned short a = 65535, b = 1;
    short s = -1;
    printf("%d %d\n", a + b, (unsigned short)(a + b));
    printf("%d %d\n", s < a, s * a);
    return 0;
}
// expect: 65536 0
// expect: 1 -65535
