// flags: --checked
int grid[3][4];
int main(void) {
    int r = 1, c = 4;
    grid[2][3] = 7;
    printf("%d\n", grid[2][3]);
    grid[r][c] = 1;
    return 0;
}
// expect: 7
// expect panic: index out of bounds: the len is 4 but the index is 4 at multi-dim.c:7
