/* Designated initializers for arrays, structs and unions: out of order, nested, mixed with positions. */
struct point { int x, y; };
struct config { const char *name; int flags; struct point at; int table[4]; };
union value { int i; unsigned char bytes[4]; };

enum { OPEN, READ, WRITE, CLOSE, OPS };
const char *names[OPS] = { [WRITE] = "write", [OPEN] = "open", [CLOSE] = "close" };

int a[] = {5, [2] = 2, 3};
struct config global_config = { .at = {1, 2}, .name = "sensor", .table[2] = 9, .flags = 0x10 };
union value v = { .bytes = {1, 2} };
int twice_set[3] = { [1] = 5, [1] = 6 };

int main(void) {
    int i;
    struct point p = { .y = 7 };
    struct config local = { .name = "local", .at.y = 3, .table = {1, 2, 3, 4} };
    int grid[2][3] = { [1] = {4, 5, 6}, [0][2] = 3 };
    char letters[6] = { [4] = 'e', [0] = 'a', 'b' };
    union value w = { .i = -1 };
    printf("%d %d |", (int)(sizeof a / sizeof a[0]), (int)sizeof names / 4);
    for (i = 0; i < 4; i++) printf(" %d", a[i]);
    printf("\n");
    for (i = 0; i < OPS; i++) printf("%s ", names[i] ? names[i] : "-");
    printf("\n");
    printf("%s %x %d %d %d %d\n", global_config.name, global_config.flags, global_config.at.x,
           global_config.at.y, global_config.table[2], global_config.table[3]);
    printf("%d %d %d %d\n", v.bytes[0], v.bytes[1], v.bytes[2], twice_set[1]);
    printf("%d %d | %s %d %d %d\n", p.x, p.y, local.name, local.at.x, local.at.y, local.table[3]);
    for (i = 0; i < 6; i++) printf("%d ", grid[i / 3][i % 3]);
    printf("| %c%c%d%d%c %u\n", letters[0], letters[1], letters[2], letters[3], letters[4], w.i);
    return 0;
}
// expect: 4 4 | 5 0 2 3
// expect: open - write close 
// expect: sensor 10 1 2 9 0
// expect: 1 2 0 6
// expect: 0 7 | local 0 3 4
// expect: 0 0 3 4 5 6 | ab00e 4294967295
