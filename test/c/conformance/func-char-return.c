char upper(char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
unsigned char low_byte(int v) { return v; }
int main(void) {
    printf("%c%c%c %d\n", upper('h'), upper('i'), upper('!'), low_byte(0x1234));
    return 0;
}
// expect: HI! 52
