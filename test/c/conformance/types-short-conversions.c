int main(void) {
    short s = (short)40000;
    unsigned short us = (unsigned short)-1;
    short t = 32767;
    t = (short)(t + 1);
    printf("%d %d %d\n", s, us, t);
    return 0;
}
// expect: -25536 65535 -32768
