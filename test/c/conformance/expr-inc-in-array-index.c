int main(void) {
    int a[5] = {0};
    int i = 0;
    a[i++] = 10;
    a[i++] = 20;
    a[++i] = 40;
    printf("%d %d %d %d %d\n", a[0], a[1], a[2], a[3], i);
    return 0;
}
// expect: 10 20 0 40 3
