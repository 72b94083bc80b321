int main(void) {
    unsigned a = 4294967295u, b = 16;
    int n = -16;
    printf("%u %u %u\n", a / 2, a % 10, a / b);
    printf("%u %u\n", (unsigned)n / 4, (unsigned)n % 7);
    return 0;
}
// expect: 2147483647 5 268435455
// expect: 1073741820 2
