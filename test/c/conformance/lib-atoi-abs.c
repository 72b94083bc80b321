int main(void) {
    printf("%d %d %d %d\n", atoi("123"), atoi("  -45xyz"), atoi("+7"), atoi("abc"));
    printf("%d %d %d\n", abs(-9), abs(9), abs(0));
    return 0;
}
// expect: 123 -45 7 0
// expect: 9 9 0
