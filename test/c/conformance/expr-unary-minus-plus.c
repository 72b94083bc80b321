int main(void) {
    int a = 5;
    unsigned u = 5;
    char c = -3;
    printf("%d %d %u %d\n", -a, +a, -u, -c);
    printf("%d\n", - -a);
    return 0;
}
// expect: -5 5 4294967291 3
// expect: 5
