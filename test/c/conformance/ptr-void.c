int main(void) {
    int n = 77;
    void *v = &n;
    int *ip = v;
    char buf[4];
    void *b = buf;
    char *cp = b;
    cp[0] = 'Q';
    printf("%d %c\n", *ip, buf[0]);
    return 0;
}
// expect: 77 Q
