int f(int a, int b, int c, int d, int e) { return a * 10000 + b * 1000 + c * 100 + d * 10 + e; }
int main(void) {
    printf("%d\n", f(1, 2, 3, 4, 5));
    return 0;
}
// expect: 12345
