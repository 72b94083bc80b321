int main(void) {
    printf("%u %u %x %x %x\n", 0u, (unsigned)-1, 255u, 0xdeadbeefu, 0u);
    return 0;
}
// expect: 0 4294967295 ff deadbeef 0
