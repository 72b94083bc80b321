int main(void) {
    int i;
    for (i = 0; i < 3; i++) putchar('a' + i);
    putchar('\n');
    return 0;
}
// expect: abc
