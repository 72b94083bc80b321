int depth(int n) { return n == 0 ? 0 : 1 + depth(n - 1); }
int main(void) {
    printf("%d\n", depth(5000));
    return 0;
}
// expect: 5000
