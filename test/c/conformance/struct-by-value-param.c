/* Structs passed by value: the callee gets its own copy, whatever it does to it. */
struct point { int x, y; };
struct name { char text[6]; short len; };
struct big { int cells[40]; char tag; };

int manhattan(struct point a, struct point b) {
    a.x -= b.x;
    a.y -= b.y;
    return (a.x < 0 ? -a.x : a.x) + (a.y < 0 ? -a.y : a.y);
}

int sum(struct big b) {
    int i, s = 0;
    for (i = 0; i < 40; i++) s += b.cells[i];
    b.cells[0] = -1;
    return s + b.tag;
}

int many(int a, int b, int c, int d, struct name n, struct point p) {
    n.text[0] = 'X';
    return a + b + c + d + n.len + n.text[1] + p.x * 100 + p.y;
}

int main(void) {
    struct point a = {1, 2}, b = {4, -2};
    struct name n = {"hello", 5};
    struct big big;
    int i;
    for (i = 0; i < 40; i++) big.cells[i] = i;
    big.tag = 3;
    printf("%d %d %d %d\n", manhattan(a, b), a.x, a.y, b.y);
    printf("%d %d\n", sum(big), big.cells[0]);
    printf("%d %s\n", many(1, 2, 3, 4, n, b), n.text);
    return 0;
}
// expect: 7 1 2 -2
// expect: 783 0
// expect: 514 hello
