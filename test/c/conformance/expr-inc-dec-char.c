int main(void) {
    char c = 127;
    unsigned char u = 0;
    c++;
    u--;
    printf("%d %d\n", c, u);
    printf("%d %d\n", ++c, u++);
    printf("%d\n", u);
    return 0;
}
// expect: -128 255
// expect: -127 255
// expect: 0
