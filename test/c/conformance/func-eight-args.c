int weigh(int a, int b, int c, int d, int e, int f, int g, int h) {
    return a - b + c - d + e * 2 - f * 3 + g * 4 - h * 5;
}
int main(void) {
    int x = 7;
    printf("%d\n", weigh(1, 2, 3, 4, 5, 6, x, 8));
    return 0;
}
// expect: -22
