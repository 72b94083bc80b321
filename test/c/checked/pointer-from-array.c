// flags: --checked
int main(void) {
    int data[20];
    int *p = data;
    int i;
    for (i = 0; i < 20; i++) p[i] = i;
    printf("%d\n", p[19]);
    p = &data[10];
    printf("%d\n", *(p + 9));
    printf("%d\n", p[10]);
    return 0;
}
// expect: 19
// expect: 19
// expect panic: index out of bounds: the len is 20 but the index is 20 at pointer-from-array.c:10
