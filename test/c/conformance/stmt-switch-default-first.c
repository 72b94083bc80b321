int f(int x) {
    int r = 0;
    switch (x) {
    default: r = -1;
    case 7: r += 70; break;
    case 8: r = 80;
    }
    return r;
}
int main(void) {
    printf("%d %d %d\n", f(7), f(8), f(3));
    return 0;
}
// expect: 70 80 69
