// flags: --checked
int main(void) {
    char text[6] = "abcde";
    char *p = text;
    int n = 0;
    while (*p) {
        n++;
        p++;
    }
    printf("%d\n", n);
    p++;
    n = *p;
    return 0;
}
// expect: 5
// expect panic: index out of bounds: the len is 6 but the index is 6 at pointer-walk.c:12
