int main(void) {
    char c = (char)200;
    signed char s = (signed char)255;
    unsigned char u = 200;
    printf("%d %d %d\n", c, s, u);
    return 0;
}
// expect: -56 -1 200
