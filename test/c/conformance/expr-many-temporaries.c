int main(void) {
    int a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
    int r = ((a + b) * (c + d)) - ((e + f) * (g + h)) + ((a * b) + (c * (d + (e * (f + (g * h))))));
    printf("%d\n", r);
    return 0;
}
// expect: 800
