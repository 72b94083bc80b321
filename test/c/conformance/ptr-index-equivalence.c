int main(void) {
    int a[4] = {5, 6, 7, 8};
    int i = 2;
    printf("%d %d %d %d\n", a[i], *(a + i), i[a], *(i + a));
    printf("%d\n", 3[a]);
    return 0;
}
// expect: 7 7 7 7
// expect: 8
