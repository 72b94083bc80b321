int main(void) {
    unsigned char c = 0x80;
    signed char s = -128;
    unsigned short h = 0xffff;
    printf("%d %d %d\n", c << 1, s >> 1, h << 4);
    printf("%u\n", (unsigned)c << 24);
    return 0;
}
// expect: 256 -64 1048560
// expect: 2147483648
