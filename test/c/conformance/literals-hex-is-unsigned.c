int main(void) {
    /* 0xffffffff does not fit int, so it is unsigned int: the comparison is unsigned. */
    printf("%d\n", -1 < 0xffffffff);
    printf("%d\n", -1 < 0x7fffffff);
    return 0;
}
// expect: 0
// expect: 1
