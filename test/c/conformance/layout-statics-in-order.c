int first = 1;
int counter(void) {
    static int count = 10;
    return ++count;
}
int last = 3;
int main(void) {
    int *p = &first;
    counter();
    printf("%d %d %d\n", p[0], p[1], p[2]);
    return 0;
}
// oracle: skip
// expect: 1 11 3
