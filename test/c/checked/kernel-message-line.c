// flags: --checked
#include <ringlab.h>
/* The sensor of the lessons, with the out-of-bounds read the content update triggers. */
struct rule { int kind; char pattern[16]; };
struct rule rules[20];
int rule_count = 20;
int field_index(struct event *ev) {
    return ev->pid;
}
int main(void) {
    struct event ev;
    ev.kind = EV_PIPE_OPEN;
    ev.pid = 20;
    printf("matching\n");
    printf("%d\n", rules[field_index(&ev)].kind);
    return 0;
}
// expect: matching
// expect panic: index out of bounds: the len is 20 but the index is 20 at kernel-message-line.c:15
