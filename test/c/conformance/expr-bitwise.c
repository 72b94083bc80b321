int main(void) {
    int a = 0x5a, b = 0x0f;
    unsigned m = 0xff00ff00u;
    printf("%x %x %x %x\n", a & b, a | b, a ^ b, ~a & 0xff);
    printf("%x %x\n", m & 0xffff, m ^ 0xffffffffu);
    printf("%d %d\n", ~0, ~-1);
    return 0;
}
// expect: a 5f 55 a5
// expect: ff00 ff00ff
// expect: -1 0
