/* Compound literals: unnamed arrays and structs, in functions (fresh each evaluation) and at file scope. */
#include <stdio.h>

struct point { int x, y; };
struct box { struct point lo, hi; char tag[4]; };

int *primes = (int[]){2, 3, 5, 7};
struct point *corner = &(struct point){.y = 9, .x = 8};
const char *names[] = {"a", "b"};
int after = 42;

int sum(const int *a, int n) {
    int i, s = 0;
    for (i = 0; i < n; i++) s += a[i];
    return s;
}

int area(struct box b) { return (b.hi.x - b.lo.x) * (b.hi.y - b.lo.y); }

/* The same literal in a loop is initialized again on every trip: no count carries over. */
int fresh(int n) {
    int total = 0;
    while (n--) {
        int *p = (int[]){1};
        total += p[0]++;
    }
    return total;
}

int main(void) {
    int i;
    int *p;
    struct point q;
    printf("%d %d\n", sum((int[]){1, 2, 3}, 3), sum((int[5]){[4] = 5, [1] = 1}, 5));
    printf("%d %d\n", (int[]){4, 5, 6}[2], (struct point){1, 2}.y);
    q = (struct point){.y = 4, .x = 3};
    printf("%d %d\n", q.x, q.y);
    printf("%d\n", area((struct box){{0, 0}, {.x = 3, .y = 5}, "ab"}));
    printf("%d %d %d %d\n", primes[3], corner->x, corner->y, after);
    /* Each evaluation makes the object afresh: the increment never accumulates. */
    for (i = 0; i < 3; i++) {
        p = (int[]){i, i * 10};
        p[1] += (int){100};
        printf("%d %d|", p[0], p[1]);
    }
    printf("\n");
    /* An lvalue: assigned and incremented through. */
    (struct point){0, 0}.x = 5;
    p = &(int){7};
    *p *= 6;
    printf("%d %d\n", *p, sizeof (int[]){1, 2, 3});
    printf("%s%s %d\n", names[0], names[1], fresh(4) * 10 + fresh(2));
    {
        struct box b = {(struct point){1, 2}, {3, 4}, "x"};
        printf("%d %d %d %d %s\n", b.lo.x, b.lo.y, b.hi.x, b.hi.y, b.tag);
    }
    return 0;
}
// expect: 6 6
// expect: 6 2
// expect: 3 4
// expect: 15
// expect: 7 8 9 42
// expect: 0 100|1 110|2 120|
// expect: 42 12
// expect: ab 42
// expect: 1 2 3 4 x
