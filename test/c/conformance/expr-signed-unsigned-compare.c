int main(void) {
    int neg = -1;
    unsigned one = 1;
    printf("%d %d %d\n", neg < one, neg < (int)one, (unsigned)neg > one);
    printf("%d %d\n", neg == 4294967295u, 0u - 1 > 0);
    return 0;
}
// expect: 0 1 1
// expect: 1 1
