int trace(int m[][3], int n) {
    int i, t = 0;
    for (i = 0; i < n; i++) t += m[i][i];
    return t;
}
int main(void) {
    int m[3][3] = { {1, 0, 0}, {0, 5, 0}, {0, 0, 9} };
    printf("%d\n", trace(m, 3));
    return 0;
}
// expect: 15
