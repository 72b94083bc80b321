/* goto and labels: cleanup paths, backward loops, jumps out of nested loops and into blocks. */
#include <stdlib.h>
int setup(int fail_at) {
    int *a = 0, *b = 0, *c = 0;
    int result = -1;
    a = malloc(16);
    if (!a || fail_at == 1) goto out;
    b = malloc(16);
    if (!b || fail_at == 2) goto free_a;
    c = malloc(16);
    if (!c || fail_at == 3) goto free_b;
    result = 0;
    free(c);
free_b:
    free(b);
free_a:
    free(a);
out:
    return result;
}

int main(void) {
    int i = 0, total = 0;
again:
    total += i;
    if (++i < 5) goto again;
    printf("%d\n", total);
    printf("%d %d %d %d\n", setup(0), setup(1), setup(2), setup(3));
    if (0) done: return 1;
    {
        goto inner;
        printf("skipped\n");
    inner:
        printf("inner\n");
    }
    for (i = 0; i < 10; i++) {
        int j;
        for (j = 0; j < 10; j++)
            if (i * j == 12) goto found;
    }
found:
    printf("%d\n", i);
    goto done;
}
// expect: 10
// expect: 0 -1 -1 -1
// expect: inner
// expect: 2
// expect exit: 1
