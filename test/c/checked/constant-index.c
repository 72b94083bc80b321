// flags: --checked
int main(void) {
    int a[3] = {1, 2, 3};
    int show = 0;
    if (show) printf("%d\n", a[3]);
    printf("%d\n", a[2]);
    a[3] = 0;
    return 0;
}
// expect warning: 5:32 array index 3 is past the end of the array (which contains 3 elements)
// expect warning: 7:7 array index 3 is past the end of the array (which contains 3 elements)
// expect: 3
// expect panic: index out of bounds: the len is 3 but the index is 3 at constant-index.c:7
