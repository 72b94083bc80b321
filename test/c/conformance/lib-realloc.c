/* realloc: NULL is malloc, growing and shrinking keep the contents, size 0 frees, failure leaves the block. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    char *p = realloc(NULL, 8);
    char *big;
    int *a, *b;
    int i, kept = 1;
    strcpy(p, "abcdefg");
    p = realloc(p, 4000);
    printf("%s\n", p);
    p = realloc(p, 3);
    printf("%c%c%c\n", p[0], p[1], p[2]);
    a = malloc(10 * sizeof(int));
    for (i = 0; i < 10; i++) a[i] = i * i;
    b = malloc(16); /* a block after a, so that a has to move to grow */
    a = realloc(a, 1000 * sizeof(int));
    for (i = 0; i < 10; i++)
        if (a[i] != i * i) kept = 0;
    for (i = 10; i < 1000; i++) a[i] = i;
    printf("%d %d %d\n", kept, a[9], a[999]);
    printf("%d\n", realloc(b, 0) == NULL);
    big = realloc(p, 0x7fffffff);
    printf("%d %c%c\n", big == NULL, p[0], p[2]);
    free(p);
    free(a);
    return 0;
}
// expect: abcdefg
// expect: abc
// expect: 1 81 999
// expect: 1
// expect: 1 ac
