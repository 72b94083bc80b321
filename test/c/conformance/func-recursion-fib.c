int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int main(void) {
    printf("%d %d\n", fib(10), fib(20));
    return 0;
}
// expect: 55 6765
