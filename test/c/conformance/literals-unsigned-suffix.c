int main(void) {
    unsigned x = 3000000000u;
    printf("%u %d\n", x, 10u > -1);
    return 0;
}
// expect: 3000000000 0
