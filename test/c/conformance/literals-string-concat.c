int main(void) {
    char s[] = "hello, " "world" "!";
    printf("%s %d\n", s, (int)sizeof s);
    printf("%s\n", "a" "b" "c");
    return 0;
}
// expect: hello, world! 14
// expect: abc
