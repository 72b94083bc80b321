enum color { RED, GREEN, BLUE };
enum flags { A = 1, B = 2, C = 4, D = C + 4, E };
int main(void) {
    enum color c = BLUE;
    printf("%d %d %d %d\n", RED, GREEN, c, (int)sizeof(enum color));
    printf("%d %d %d\n", D, E, A | B | C);
    return 0;
}
// expect: 0 1 2 4
// expect: 8 9 7
