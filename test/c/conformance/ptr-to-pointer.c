int main(void) {
    int x = 1, y = 2;
    int *p = &x;
    int **pp = &p;
    **pp = 10;
    *pp = &y;
    **pp += 5;
    printf("%d %d %d\n", x, y, *p);
    return 0;
}
// expect: 10 7 7
