int main(void) {
    int x = 0x11223344;
    unsigned char *bytes = (unsigned char *)&x;
    char *raw = (char *)&x;
    void *v = &x;
    int *back = (int *)v;
    printf("%x %x %x %x\n", bytes[0], bytes[1], bytes[2], bytes[3]);
    printf("%d %x\n", raw[3], *back);
    return 0;
}
// expect: 44 33 22 11
// expect: 17 11223344
