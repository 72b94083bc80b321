int main(void) {
    printf("%d %d %d %d\n", 7 / 2, -7 / 2, 7 / -2, -7 / -2);
    printf("%d %d %d %d\n", 7 % 3, -7 % 3, 7 % -3, -7 % -3);
    return 0;
}
// expect: 3 -3 -3 3
// expect: 1 -1 1 -1
