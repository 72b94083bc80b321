int main(void) {
    char s[] = "a\tb\\c\"d\x41\101";
    printf("%s|%d\n", s + 2, (int)sizeof(s));
    printf("%d %d %d\n", s[1], s[3], s[7]);
    return 0;
}
// expect: b\c"dAA|10
// expect: 9 92 65
