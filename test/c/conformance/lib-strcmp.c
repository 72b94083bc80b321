int sign(int v) { return v < 0 ? -1 : v > 0; }
int main(void) {
    printf("%d %d %d %d\n", sign(strcmp("abc", "abc")), sign(strcmp("abc", "abd")), sign(strcmp("b", "a")), sign(strcmp("ab", "abc")));
    printf("%d\n", sign(strcmp("\xff", "a")));
    return 0;
}
// expect: 0 -1 1 -1
// expect: 1
