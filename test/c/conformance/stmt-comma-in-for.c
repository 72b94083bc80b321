int main(void) {
    int i, j, s = 0;
    for (i = 0, j = 10; i < j; i++, j--) s += j - i;
    printf("%d %d %d\n", s, i, j);
    return 0;
}
// expect: 30 5 5
