#include <ringlab.h>
int main(void) {
    struct event ev;
    int n = 0;
    while (next_event(&ev)) n++;
    printf("events: %d\n", n);
    return 0;
}
// expect: events: 0
