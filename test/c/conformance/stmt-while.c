int main(void) {
    int n = 27, steps = 0;
    while (n != 1) {
        if (n % 2 == 0) n = n / 2;
        else n = 3 * n + 1;
        steps++;
    }
    printf("%d\n", steps);
    return 0;
}
// expect: 111
