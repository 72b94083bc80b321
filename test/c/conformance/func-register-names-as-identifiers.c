int sp = 3;
int a0(int t1) { return t1 * sp; }
int main(void) {
    int fp = a0(5);
    printf("%d\n", fp);
    return 0;
}
// expect: 15
