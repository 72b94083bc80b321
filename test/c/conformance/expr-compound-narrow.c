int main(void) {
    char c = 120;
    unsigned char u = 250;
    short s = 32000;
    c += 10;
    u += 10;
    s *= 2;
    printf("%d %d %d\n", c, u, s);
    u = 7;
    u -= 8;
    c = -7;
    c /= 2;
    printf("%d %d\n", u, c);
    return 0;
}
// expect: -126 4 -1536
// expect: 255 -3
