/* printf's widths, flags and precision, as C formats them. */
int main(void) {
    printf("[%5d][%-5d][%05d][%+d][% d][%+05d]\n", 42, 42, -42, 7, 7, -7);
    printf("[%.3s][%-8s][%8.2s][%.0s]\n", "abcdef", "left", "right", "gone");
    printf("[%08x][%#x][%#X][%#x][%x]\n", 0xbeef, 255, 255, 0, 0xffffffffu);
    printf("[%.5d][%8.3d][%-6.2u][%.0d][%05.1d]\n", 42, -7, 3u, 0, 9);
    printf("[%ld][%lu][%lx][%5ld][%zu][%hd]\n", 123456L, 4000000000UL, 0xabcL, -12L, sizeof(int), 5);
    printf("[%c%c][%%][%p]\n", 'o', 'k', (void *)0x1000);
    return 0;
}
// expect: [   42][42   ][-0042][+7][ 7][-0007]
// expect: [abc][left    ][      ri][]
// expect: [0000beef][0xff][0XFF][0][ffffffff]
// expect: [00042][    -007][03    ][][    9]
// expect: [123456][4000000000][abc][  -12][4][5]
// expect: [ok][%][0x00001000]
