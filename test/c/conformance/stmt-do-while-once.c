int main(void) {
    int n = 10, runs = 0;
    do {
        runs++;
        n++;
    } while (n < 5);
    printf("%d %d\n", runs, n);
    do n -= 3; while (n > 0);
    printf("%d\n", n);
    return 0;
}
// expect: 1 11
// expect: -1
