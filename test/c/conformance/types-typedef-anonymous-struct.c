typedef struct { int x; int y; } point;
int main(void) {
    point p;
    point *q = &p;
    p.x = 3;
    q->y = 4;
    printf("%d %d %d\n", p.x, p.y, (int)sizeof(point));
    return 0;
}
// expect: 3 4 8
