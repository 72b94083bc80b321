int main(void) {
    unsigned u = 0x80000000u;
    int k = 4;
    printf("%u %u %u\n", u >> 31, u >> k, (unsigned)-16 >> 2);
    printf("%x\n", 0xf0000000u >> 28);
    return 0;
}
// expect: 1 134217728 1073741820
// expect: f
