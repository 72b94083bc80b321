unsigned fact(unsigned n) { return n <= 1 ? 1 : n * fact(n - 1); }
int main(void) {
    printf("%u %u %u\n", fact(5), fact(10), fact(13));
    return 0;
}
// expect: 120 3628800 1932053504
