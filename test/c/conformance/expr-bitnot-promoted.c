int main(void) {
    unsigned char u = 0x0f;
    unsigned char v = ~u;
    printf("%d %d %x\n", ~u, v, ~0u);
    return 0;
}
// expect: -16 240 ffffffff
