int main(void) {
    int i = 0, s = 0;
    while (i < 10) {
        i++;
        if (i % 3) continue;
        s += i;
    }
    printf("%d\n", s);
    return 0;
}
// expect: 18
