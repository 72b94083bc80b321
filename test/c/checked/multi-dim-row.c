// flags: --checked
int grid[3][4];
int main(void) {
    int r = 3;
    grid[r][0] = 1;
    return 0;
}
// expect panic: index out of bounds: the len is 3 but the index is 3 at multi-dim-row.c:5
