int main(void) {
    printf("%d %d %d %d\n", 10, 0x10, 010, 0);
    printf("%u %u\n", 0xffffffff, 0x80000000);
    printf("%d\n", 0x7fffffff);
    return 0;
}
// expect: 10 16 8 0
// expect: 4294967295 2147483648
// expect: 2147483647
