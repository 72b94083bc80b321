int main(void) {
    int m[3][4];
    int i, j, total = 0;
    for (i = 0; i < 3; i++)
        for (j = 0; j < 4; j++)
            m[i][j] = i * 4 + j;
    for (i = 0; i < 3; i++) total += m[i][3 - i];
    printf("%d %d %d\n", m[2][1], total, (int)(&m[1][0] - &m[0][0]));
    return 0;
}
// expect: 9 18 4
