// flags: --checked
int id(int x) { return x; }
int main(void) {
    char big[40000];
    char *p = big;
    int i;
    for (i = 0; i < 40000; i += 1000) p[i] = (char)(i / 1000);
    printf("%d\n", p[39000] + id(p[1000]) * id(2));
    printf("%d\n", p[40000]);
    return 0;
}
// expect: 41
// expect panic: index out of bounds: the len is 40000 but the index is 40000 at large-frame-tracked.c:9
