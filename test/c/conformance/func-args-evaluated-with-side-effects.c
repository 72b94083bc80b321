int k = 0;
int bump(void) { k += 1; return k; }
int show(int a, int b, int c, int d, int e) { return a + b + c + d + e; }
int main(void) {
    int total = show(bump(), bump(), bump(), bump(), bump());
    printf("%d %d\n", total, k);
    return 0;
}
// expect: 15 5
