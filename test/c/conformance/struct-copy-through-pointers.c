struct pt { int x; int y; };
int main(void) {
    struct pt a[3] = { {1, 2}, {3, 4}, {5, 6} };
    struct pt *p = &a[0];
    struct pt *q = &a[2];
    *p = *q;
    a[1] = a[0];
    printf("%d %d %d %d\n", a[0].x, a[1].y, a[2].x, (p + 1)->x);
    return 0;
}
// expect: 5 6 5 5
