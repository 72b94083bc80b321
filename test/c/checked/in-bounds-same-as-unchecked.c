// flags: --checked
struct rec { int id; char tag[4]; short v[3]; };
struct rec recs[3] = { {1, "ab", {1, 2, 3}}, {2, "cd", {4, 5, 6}}, {3, "ef", {7, 8, 9}} };
int sum(int *a, int n) {
    int s = 0;
    int i;
    for (i = 0; i < n; i++) s += a[i];
    return s;
}
int main(void) {
    int m[2][3] = { {1, 2, 3}, {4, 5, 6} };
    int flat[6];
    int *p = flat;
    char word[8] = "checked";
    char *w = word + 7;
    int i, j, total = 0;
    for (i = 0; i < 2; i++)
        for (j = 0; j < 3; j++) *p++ = m[i][j];
    for (i = 0; i < 3; i++) total += recs[i].v[2] + recs[i].tag[1];
    while (w > word) putchar(*--w);
    putchar('\n');
    printf("%d %d %d\n", sum(flat, 6), total, (int)(p - flat));
    return 0;
}
// expect: dekcehc
// expect: 21 318 6
