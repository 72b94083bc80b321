int main(void) {
    int n = -16;
    int k = 2;
    printf("%d %d %d\n", n >> 2, n >> k, -1 >> 31);
    printf("%d %d\n", 1 << 10, 3 << k);
    return 0;
}
// expect: -4 -4 -1
// expect: 1024 12
