int main(void) {
    int a[6] = {10, 11, 12, 13, 14, 15};
    int *p = a + 2;
    int *q = &a[5];
    printf("%d %d %d\n", *p, *(p + 3), p[-1]);
    printf("%d %d\n", (int)(q - p), (int)(p - q));
    printf("%d %d %d\n", p < q, p == a + 2, q >= p);
    return 0;
}
// expect: 12 15 11
// expect: 3 -3
// expect: 1 1 1
