// flags: --checked
struct template { char *fields[20]; };
struct template t;
char *extra = 0;
int main(void) {
    int count = 21;
    int i, total = 0;
    for (i = 0; i < 20; i++) t.fields[i] = "x";
    for (i = 0; i < count; i++) total += t.fields[i][0];
    printf("%d\n", total);
    return 0;
}
// expect panic: index out of bounds: the len is 20 but the index is 20 at stale-index-checked.c:9
