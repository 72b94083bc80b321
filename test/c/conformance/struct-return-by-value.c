/* Structs returned by value: assigned, initialized from, a member of the result, passed on, through pointers. */
#include <stdio.h>

struct point { int x, y; };
struct record { int kind; char name[10]; short len; };
struct big { int cells[30]; char tag; };

static int counter;

struct record next(void) {
    struct record e = {0};
    counter++;
    e.kind = counter;
    e.name[0] = 'e';
    e.name[1] = '0' + counter;
    e.len = 2;
    return e;
}

struct point make(int x, int y) {
    struct point p = {x, y};
    return p;
}

struct point add(struct point a, struct point b) {
    return make(a.x + b.x, a.y + b.y);
}

/* Six arguments besides the hidden result pointer: some of them travel on the stack. */
struct point weigh(int a, int b, int c, int d, int e, int f) {
    struct point p;
    p.x = a + b + c;
    p.y = d * 100 + e * 10 + f;
    return p;
}

struct big fill(char tag) {
    struct big b;
    int i;
    for (i = 0; i < 30; i++) b.cells[i] = i * tag;
    b.tag = tag;
    return b;
}

int sum(struct big b) {
    int i, s = 0;
    for (i = 0; i < 30; i++) s += b.cells[i];
    return s + b.tag;
}

struct point origin(void) { return make(0, 0); }

/* ?: chooses between two structs of one type. */
struct point pick(int first, struct point a, struct point b) { return first ? a : b; }

int main(void) {
    struct record a = next();
    struct record b;
    struct point p, q;
    struct point (*maker)(int, int) = make;
    struct point (*table[2])(void) = {origin, origin};
    b = next();
    printf("%d %s %d / %d %s %d\n", a.kind, a.name, a.len, b.kind, b.name, b.len);
    printf("%d %d\n", make(3, 4).x, make(3, 4).y);
    p = add(make(1, 2), make(10, 20));
    printf("%d %d\n", p.x, p.y);
    q = maker(7, 8);
    printf("%d %d %d\n", q.x, q.y, maker(5, 6).x + table[1]().y);
    p = weigh(1, 2, 3, 4, 5, 6);
    printf("%d %d\n", p.x, p.y);
    printf("%d %d\n", sum(fill(2)), fill(3).cells[29]);
    p = make(1, 1);
    p = add(p, p);
    printf("%d %d\n", p.x, p.y);
    next();
    printf("%d\n", next().kind);
    q = pick(0, make(1, 2), make(3, 4));
    p = 1 ? q : make(9, 9);
    printf("%d %d %d\n", q.x, p.y, (q.x > 2 ? make(5, 6) : q).y);
    return 0;
}
// expect: 1 e1 2 / 2 e2 2
// expect: 3 4
// expect: 11 22
// expect: 7 8 5
// expect: 6 456
// expect: 872 87
// expect: 2 2
// expect: 4
// expect: 3 4 6
