int inner(int a, int b) {
    int t[4];
    t[0] = a; t[1] = b; t[2] = a * b; t[3] = a - b;
    return t[0] + t[1] + t[2] + t[3];
}
int outer(int x) {
    int keep = x * 3;
    int r = inner(x, x + 1);
    return keep + r;
}
int main(void) {
    printf("%d\n", outer(4));
    return 0;
}
// expect: 40
