int main(void) {
    unsigned i;
    int n = 0;
    for (i = 5; i > 0; i--) n += i;
    printf("%d %u\n", n, i);
    return 0;
}
// expect: 15 0
