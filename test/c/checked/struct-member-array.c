// flags: --checked
#include <ringlab.h>
int copy_name(struct event *ev, const char *src) {
    int i = 0;
    while (src[i]) {
        ev->name[i] = src[i];
        i++;
    }
    ev->name[i] = 0;
    return i;
}
int main(void) {
    struct event ev;
    printf("%d\n", copy_name(&ev, "short.exe"));
    printf("%d\n", copy_name(&ev, "a-process-name-that-is-far-too-long.exe"));
    return 0;
}
// expect: 9
// expect panic: index out of bounds: the len is 32 but the index is 32 at struct-member-array.c:6
