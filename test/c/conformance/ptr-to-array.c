int grid[2][3] = { {1, 2, 3}, {4, 5, 6} };
int main(void) {
    int (*row)[3] = grid;
    row++;
    printf("%d %d\n", (*row)[1], row[0][2]);
    printf("%d\n", (int)sizeof(*row));
    return 0;
}
// expect: 5 6
// expect: 12
