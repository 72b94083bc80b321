// flags: --checked
int main(void) {
    int a[5] = {9, 8, 7, 6, 5};
    int k = 5;
    printf("%d %d\n", *a, *(a + 4));
    printf("%d\n", *(a + k));
    return 0;
}
// expect: 9 5
// expect panic: index out of bounds: the len is 5 but the index is 5 at deref-array.c:6
