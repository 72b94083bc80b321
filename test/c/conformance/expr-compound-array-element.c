int idx = 0;
int next(void) { return idx++; }
int main(void) {
    int a[3] = {10, 20, 30};
    a[next()] += 5;
    a[next()] *= 2;
    printf("%d %d %d %d\n", a[0], a[1], a[2], idx);
    return 0;
}
// expect: 15 40 30 2
