/* _Bool and <stdbool.h>: one byte that holds 0 or 1; converting to it compares with 0. */
#include <stdbool.h>

struct flags { bool ready; _Bool done; char tag; };

bool is_even(int n) { return n % 2 == 0; }

int main(void) {
    bool a = 42;
    bool b = 0;
    _Bool c = -1;
    int x = 5;
    bool p = &x;
    bool q = (int *)0;
    struct flags f = {true, false, 'z'};
    printf("%d %d %d %d %d\n", a, b, c, p, q);
    printf("%d %d %d\n", (int)sizeof(bool), (int)sizeof(struct flags), f.ready + f.done);
    a += 2;
    b++;
    printf("%d %d %d\n", a, b, (bool)256);
    printf("%d %d\n", is_even(4), is_even(7));
    if (true && !false) printf("%d\n", __bool_true_false_are_defined);
    return 0;
}
// expect: 1 0 1 1 0
// expect: 1 3 1
// expect: 1 1 1
// expect: 1 0
// expect: 1
