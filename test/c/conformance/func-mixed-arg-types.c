int combine(char c, short s, unsigned char u, int i, char *p, unsigned short us) {
    return c + s + u + i + *p + us;
}
int main(void) {
    char letter = 'A';
    printf("%d\n", combine(-1, -300, 200, 1000, &letter, 65535));
    return 0;
}
// expect: 66499
