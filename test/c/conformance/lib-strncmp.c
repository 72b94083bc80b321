int main(void) {
    printf("%d %d %d\n", strncmp("hello", "help", 3) == 0, strncmp("hello", "help", 4) < 0, strncmp("a", "b", 0));
    return 0;
}
// expect: 1 1 0
