#include <ringlab.h>
int count_matches(struct event *ev, const char *pattern) {
    int n = 0
    int i;
    for (i = 0; ev->name[i]; i++)
        if (ev->nme[i] == pattern[0]) n++;
    return n;
}
int main(void) {
    struct event ev;
    float ratio;
    return count_matches(&ev, "x", 3);
}
// expect error: 3:14 expected ';' before 'int'
// expect error: 6:17 no member named 'nme' in 'struct event'
// expect error: 11:5 floating point ('float') is left out of driver C by design
// expect error: 12:36 too many arguments to function call: 'count_matches' expects 2, given 3
