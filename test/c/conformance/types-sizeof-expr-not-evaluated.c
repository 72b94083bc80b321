int main(void) {
    int x = 5;
    int n = sizeof(x++);
    printf("%d %d\n", n, x);
    return 0;
}
// expect: 4 5
