int main(void) {
    int a[5] = {1, 2};
    char s[6] = "ab";
    int b[] = {9, 8, 7};
    printf("%d %d %d %d %d\n", a[0], a[1], a[2], a[4], (int)sizeof b);
    printf("%s %d %d %d\n", s, s[2], s[5], b[2]);
    return 0;
}
// expect: 1 2 0 0 12
// expect: ab 0 0 7
