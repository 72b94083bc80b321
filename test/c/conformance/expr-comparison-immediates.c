int main(void) {
    int big = 100000, neg = -100000;
    unsigned u = 70000;
    printf("%d %d %d %d\n", big > 99999, big >= 100001, neg < -99999, neg <= -100001);
    printf("%d %d %d\n", u > 65535u, u == 70000, u != 70000);
    printf("%d %d\n", big == 100000, neg == -100000);
    return 0;
}
// expect: 1 0 1 0
// expect: 1 1 0
// expect: 1 1
