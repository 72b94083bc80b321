/* qsort with comparison functions: ints up and down, strings through pointers, structs by a key. */
#include <stdlib.h>
#include <string.h>

struct proc { int pid; char name[8]; };

int ascending(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
int descending(const void *a, const void *b) { return ascending(b, a); }
int by_text(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }
int by_pid(const void *a, const void *b) {
    return ((const struct proc *)a)->pid - ((const struct proc *)b)->pid;
}

int main(void) {
    int v[10] = {5, -3, 9, 0, 5, 12, 7, -8, 1, 2};
    const char *words[5] = {"pear", "apple", "fig", "kiwi", "banana"};
    struct proc ps[4] = {{40, "bank"}, {3, "clock"}, {17, "sensor"}, {1, "init"}};
    int i;
    qsort(v, 10, sizeof v[0], ascending);
    for (i = 0; i < 10; i++) printf("%d ", v[i]);
    printf("\n");
    qsort(v, 10, sizeof(int), descending);
    for (i = 0; i < 10; i++) printf("%d ", v[i]);
    printf("\n");
    qsort(words, 5, sizeof words[0], by_text);
    for (i = 0; i < 5; i++) printf("%s ", words[i]);
    printf("\n");
    qsort(ps, 4, sizeof ps[0], by_pid);
    for (i = 0; i < 4; i++) printf("%d:%s ", ps[i].pid, ps[i].name);
    printf("\n");
    qsort(v, 0, sizeof(int), ascending);
    qsort(v, 1, sizeof(int), ascending);
    printf("%d\n", v[0]);
    return 0;
}
// expect: -8 -3 0 1 2 5 5 7 9 12 
// expect: 12 9 7 5 5 2 1 0 -3 -8 
// expect: apple banana fig kiwi pear 
// expect: 1:init 3:clock 17:sensor 40:bank 
// expect: 12
