/* Function pointers: in variables, arrays, struct members and parameters; a driver's table of handlers. */
#include <stdio.h>
#include <string.h>

typedef int (*binop)(int, int);
typedef int handler_fn(int);

int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
int mul(int a, int b) { return a * b; }

static int twice(int x) { return 2 * x; }
static int negate(int x) { return -x; }

struct driver_ops {
    const char *name;
    int (*open)(int);
    handler_fn *close;
};

struct driver_ops ops_table[] = {
    {"twice", twice, negate},
    {"negate", negate, twice},
};

binop ops[3] = {add, sub, &mul};

int apply(int (*f)(int, int), int a, int b) { return f(a, b); }
int apply_each(handler_fn f, int x) { return f(x) + (*f)(x); }

binop pick(char c) {
    switch (c) {
    case '+': return add;
    case '-': return sub;
    default: return 0;
    }
}

int main(void) {
    int (*op)(int, int) = add;
    int i;
    int (*cmp)(const char *, const char *) = strcmp;
    int (*out)(const char *, ...) = printf;
    printf("%d %d\n", op(2, 3), (*op)(2, 3));
    op = sub;
    printf("%d\n", op(2, 3));
    for (i = 0; i < 3; i++) printf("%d ", ops[i](6, 3));
    printf("\n");
    printf("%d %d\n", apply(mul, 4, 5), apply_each(twice, 7));
    for (i = 0; i < 2; i++)
        printf("%s %d %d\n", ops_table[i].name, ops_table[i].open(10), ops_table[i].close(10));
    printf("%d %d %d\n", pick('+')(1, 1), pick('-')(1, 1), pick('*') == 0);
    printf("%d %d %d\n", op == sub, op != add, cmp("a", "b") < 0);
    out("%s\n", "through printf's address");
    printf("%d\n", (int)sizeof(op));
    return 0;
}
// expect: 5 5
// expect: -1
// expect: 9 3 18 
// expect: 20 28
// expect: twice 20 -10
// expect: negate -10 20
// expect: 2 0 1
// expect: 1 1 1
// expect: through printf's address
// expect: 4
