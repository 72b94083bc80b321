// flags: --checked
/* Checked mode bounds apply to compound literals as to any array, through an index or a tied pointer. */
int pick(int i) {
    return (int[]){10, 20, 30}[i];
}

int walk(int n) {
    int *p = (int[4]){1, 2, 3, 4};
    int s = 0;
    int i;
    for (i = 0; i < n; i++) s += p[i];
    return s;
}

int main(void) {
    printf("%d %d\n", pick(2), walk(4));
    printf("%d\n", walk(5));
    printf("%d\n", pick(3));
    return 0;
}
// expect: 30 10
// expect panic: index out of bounds: the len is 4 but the index is 4 at compound-literal.c:11
