char cube[2][3][4];
int main(void) {
    int i, j, k, n = 0;
    for (i = 0; i < 2; i++)
        for (j = 0; j < 3; j++)
            for (k = 0; k < 4; k++)
                cube[i][j][k] = n++;
    printf("%d %d %d\n", cube[1][2][3], cube[1][0][1], (int)sizeof cube[1]);
    return 0;
}
// expect: 23 13 12
