// flags: --checked
/* A pointer that cannot be tied to an array (here: a parameter) is not checked. */
int peek(int *p, int i) { return p[i]; }
int main(void) {
    int pair[2] = {5, 6};
    int after = 7;
    int *q = malloc(8);
    q[0] = 1;
    printf("%d %d\n", peek(pair, 1), q[0] + after - after);
    return 0;
}
// expect: 6 1
