struct cell { char ch; int count; };
struct board { int rows; struct cell cells[3][2]; };
struct board b;
int main(void) {
    int i, j;
    b.rows = 3;
    for (i = 0; i < 3; i++)
        for (j = 0; j < 2; j++) {
            b.cells[i][j].ch = 'a' + i * 2 + j;
            b.cells[i][j].count = i * 10 + j;
        }
    printf("%c %d %c %d %d\n", b.cells[1][1].ch, b.cells[1][1].count, b.cells[2][0].ch, b.cells[2][0].count, (int)sizeof b);
    return 0;
}
// expect: d 11 e 20 52
