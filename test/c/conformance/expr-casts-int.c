int main(void) {
    int big = 0x12345678;
    printf("%x %x %x\n", (unsigned char)big, (unsigned short)big, (char)big);
    printf("%d %d\n", (short)0x8000, (signed char)0x80);
    printf("%d %d\n", (int)(unsigned char)-1, (int)(char)255);
    return 0;
}
// expect: 78 5678 78
// expect: -32768 -128
// expect: 255 -1
