int grid[3][2] = { {1, 2}, {3}, {5, 6} };
int main(void) {
    int i, j;
    for (i = 0; i < 3; i++)
        for (j = 0; j < 2; j++)
            printf("%d", grid[i][j]);
    printf("\n");
    return 0;
}
// expect: 123056
