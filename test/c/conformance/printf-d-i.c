int main(void) {
    printf("%d %i %d %d\n", 0, -42, 2147483647, -2147483647 - 1);
    return 0;
}
// expect: 0 -42 2147483647 -2147483648
