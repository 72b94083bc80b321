int main(void) {
    unsigned u = 3;
    int i = -5;
    printf("%u %d\n", u + i, (int)(u + i));
    printf("%u\n", u * i);
    printf("%d\n", i / (int)u);
    printf("%u\n", i / u);
    return 0;
}
// expect: 4294967294 -2
// expect: 4294967281
// expect: -1
// expect: 1431655763
