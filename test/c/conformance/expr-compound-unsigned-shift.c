int main(void) {
    unsigned u = 0x80000000u;
    int s = -64;
    u >>= 4;
    s >>= 3;
    printf("%x %d\n", u, s);
    s = -s;
    s <<= 2;
    printf("%d\n", s);
    return 0;
}
// expect: 8000000 -8
// expect: 32
