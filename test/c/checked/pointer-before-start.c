// flags: --checked
int main(void) {
    int values[4] = {1, 2, 3, 4};
    int *p = values + 1;
    printf("%d\n", p[-1]);
    p--;
    p--;
    printf("%d\n", *p);
    return 0;
}
// expect: 1
// expect panic: index out of bounds: the len is 4 but the index is -1 at pointer-before-start.c:8
