int main(void) {
    int a[4] = {1, 2, 3, 4};
    int b[4];
    char c[5];
    memcpy(b, a, sizeof a);
    memset(c, 'z', 4);
    c[4] = 0;
    printf("%d %d %s\n", b[0], b[3], c);
    printf("%d %d\n", memcmp(a, b, 16), memcmp("abc", "abd", 3) < 0);
    return 0;
}
// expect: 1 4 zzzz
// expect: 0 1
