int main(void) {
    unsigned big = 3000000000u;
    int asInt = (int)big;
    unsigned back = (unsigned)asInt;
    printf("%d %u\n", asInt, back);
    printf("%d\n", (int)(2147483647u + 1u));
    return 0;
}
// expect: -1294967296 3000000000
// expect: -2147483648
