int main(void) {
    int a = ticks();
    int b = ticks();
    int r = rand();
    printf("%d %d %d\n", getpid() > 0, b >= a, r >= 0 && r <= 32767);
    return 0;
}
// oracle: skip
// expect: 1 1 1
