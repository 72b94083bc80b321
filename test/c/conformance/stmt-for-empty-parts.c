int main(void) {
    int i = 0, total = 0;
    for (;;) {
        if (i == 5) break;
        total += i;
        i++;
    }
    for (; i < 8;) i++;
    printf("%d %d\n", total, i);
    return 0;
}
// expect: 10 8
