int main(void) {
    int big[10000];
    int i, s = 0;
    for (i = 0; i < 10000; i++) big[i] = i;
    for (i = 0; i < 10000; i += 1000) s += big[i];
    int last = big[9999];
    printf("%d %d\n", s, last);
    return 0;
}
// expect: 45000 9999
