int main(void) {
    int max = 2147483647;
    int min = -2147483647 - 1;
    unsigned umax = 4294967295u;
    printf("%d %d %u\n", max, min, umax);
    printf("%u %u\n", (unsigned)min, umax + 1);
    return 0;
}
// expect: 2147483647 -2147483648 4294967295
// expect: 2147483648 0
