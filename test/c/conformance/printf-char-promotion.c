int main(void) {
    char c = -5;
    unsigned char u = 250;
    short s = -1000;
    printf("%d %d %d %c\n", c, u, s, u - 185);
    return 0;
}
// expect: -5 250 -1000 A
