int main(void) {
    unsigned char u = 255;
    char c = -1;
    printf("%d %d %d\n", u == c, u == 255, c == -1);
    printf("%d\n", u > c);
    return 0;
}
// expect: 0 1 1
// expect: 1
