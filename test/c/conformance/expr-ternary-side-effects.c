int main(void) {
    int i = 0, j = 0, k = 1;
    int r = k ? i++ : j++;
    r += !k ? i++ : j++;
    printf("%d %d %d\n", r, i, j);
    return 0;
}
// expect: 0 1 1
