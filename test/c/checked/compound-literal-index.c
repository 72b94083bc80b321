// flags: --checked
/* An index into a compound literal array is checked against its length. */
int pick(int i) {
    return (int[]){10, 20, 30}[i];
}

int main(void) {
    printf("%d\n", pick(2));
    printf("%d\n", pick(3));
    return 0;
}
// expect: 30
// expect panic: index out of bounds: the len is 3 but the index is 3 at compound-literal-index.c:4
