static int hidden = 7;
static int twice(int x) { return 2 * x; }
int main(void) {
    printf("%d\n", twice(hidden));
    return 0;
}
// expect: 14
