struct point { int x; int y; };
struct line { struct point from; struct point to; char label[4]; };
int main(void) {
    struct line l = { {1, 2}, {3, 4}, "ab" };
    struct point p = { 5 };
    struct point q = p;
    printf("%d %d %d %d %s\n", l.from.x, l.from.y, l.to.x, l.to.y, l.label);
    printf("%d %d %d %d\n", p.x, p.y, q.x, q.y);
    return 0;
}
// expect: 1 2 3 4 ab
// expect: 5 0 5 0
