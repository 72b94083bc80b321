int main(void) {
    unsigned n = sizeof(int);
    printf("%u %d\n", n, sizeof(char) - 2 > 0);
    return 0;
}
// expect: 4 1
