int main(void) {
    unsigned x = 4294967295u;
    unsigned y = x + 5;
    unsigned z = 0;
    z = z - 1;
    printf("%u %u %u\n", y, z, x * x);
    printf("%u\n", 65536u * 65536u);
    return 0;
}
// expect: 4 4294967295 1
// expect: 0
