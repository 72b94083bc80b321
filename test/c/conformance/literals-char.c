int main(void) {
    printf("%d %d %d %d\n", 'a', '\n', '\0', '\x41');
    printf("%d %d %d\n", '\\', '\'', '\t');
    printf("%c%c%c\n", 'x', '\x42', '\101');
    return 0;
}
// expect: 97 10 0 65
// expect: 92 39 9
// expect: xBA
