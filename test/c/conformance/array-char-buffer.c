int main(void) {
    char buf[16];
    int i;
    for (i = 0; i < 5; i++) buf[i] = 'a' + i;
    buf[5] = 0;
    printf("%s %d\n", buf, buf[4]);
    return 0;
}
// expect: abcde 101
