int a = 1, b, *p = &a, arr[3] = {4, 5, 6};
int main(void) {
    int x = 2, y = x + 1, z;
    z = x * y;
    b = 9;
    printf("%d %d %d %d\n", a, b, *p, arr[2]);
    printf("%d %d %d\n", x, y, z);
    return 0;
}
// expect: 1 9 1 6
// expect: 2 3 6
